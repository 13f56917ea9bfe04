"""The tools peers_bench.py compares: how each stores the tickets and runs each workload.

Each tool turns the same tickets (peer_data.Tickets) into its own bulk input, loads it, and gives
the command line of each workload as (argv, env, cwd). hd and the sqlite3 shell share one schema:
the floor is hd's own tickets table and indexes, written by one SQL statement per process.
"""
import datetime
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from typing import NamedTuple

TIME = "/usr/bin/time"  # GNU time: the peak RSS of the command alone (see measure)


class Result(NamedTuple):
    rc: int
    wall: float     # seconds
    rss: float      # MB, or 0 when not measured
    lines: int      # lines printed on stdout
    err: str


def measure(argv, env, cwd, stdin=None, with_rss=False):
    """Runs one command; wall time from start to exit.

    Peak RSS comes from GNU time, not from our own wait4(): Linux carries a process's peak RSS
    across exec, and a child started by this (larger) Python process would report ours. GNU time is
    small, so the peak it reports is the command's. It costs a fork, so it is used only in the
    runs kept for memory (with_rss), never in the timed ones.
    """
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as rss_file:
        full = [TIME, "-f", "%M", "-o", rss_file.name, *argv] if with_rss else argv
        stdin_file = open(stdin, "rb") if stdin else subprocess.DEVNULL
        start = time.perf_counter()
        p = subprocess.run(full, env=env, cwd=cwd, stdin=stdin_file, stdout=out, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        if stdin:
            stdin_file.close()
        out.seek(0)
        lines = out.read().count(b"\n")
        rss = 0.0
        if with_rss:
            text = rss_file.read().strip().splitlines()
            rss = int(text[-1]) / 1024 if text and text[-1].isdigit() else 0.0
        return Result(p.returncode, wall, rss, lines, p.stderr.decode(errors="replace"))


def at_once(commands):
    """Starts every (argv, env, cwd) at once; returns the wall time until the last exits, and results."""
    procs = []
    start = time.perf_counter()
    for argv, env, cwd in commands:
        rss_file = tempfile.NamedTemporaryFile("r")
        p = subprocess.Popen([TIME, "-f", "%M", "-o", rss_file.name, *argv], env=env, cwd=cwd,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        procs.append((p, rss_file))
    results = []
    for p, rss_file in procs:
        err = p.stderr.read().decode(errors="replace")
        p.wait()
        text = rss_file.read().strip().splitlines()
        rss_file.close()
        rss = int(text[-1]) / 1024 if text and text[-1].isdigit() else 0.0
        results.append(Result(p.returncode, 0.0, rss, 0, err))
    return time.perf_counter() - start, results


def output_of(argv, env=None):
    return subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False).stdout.decode()


def iso(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sql_text(s):
    return "'" + s.replace("'", "''") + "'"


class Tool:
    name = label = ""
    repeat_import = True     # import runs are cheap enough to repeat
    has_completion = has_kb = has_report = False

    def __init__(self, work):
        self.work = work

    def remove(self, store):
        if os.path.isdir(store):
            shutil.rmtree(store, ignore_errors=True)
        else:
            for suffix in ("", "-wal", "-shm", "-journal"):
                if os.path.exists(store + suffix):
                    os.remove(store + suffix)

    def remove_input(self, path):
        self.remove(path)

    def list_lines(self, hits):
        return hits


class Hd(Tool):
    name, label = "hd", "hd"
    has_completion = has_kb = has_report = True

    def __init__(self, work, binary):
        super().__init__(work)
        self.bin = binary
        self.env = dict(os.environ, HD_USER="bench", NO_COLOR="1", XDG_CONFIG_HOME=os.path.join(work, "hd-config"),
                        XDG_DATA_HOME=os.path.join(work, "hd-data"))
        for k in ("HD_DB", "HD_CONFIG", "HD_NOW"):
            self.env.pop(k, None)

    def cmd(self, store, *args):
        return [self.bin, "--db", store, *args], self.env, None

    def write_input(self, tickets, path):
        """JSON Lines as `hd export` writes them: each ticket with its events."""
        eid = 0
        with open(path, "w", encoding="utf-8") as f:
            for t in tickets:
                eid += 1
                events = [{"id": eid, "ticket": t.id, "at": iso(t.created), "actor": t.requester, "kind": "created",
                           "field": None, "from": None, "to": t.title, "note": None, "merged_from": None}]
                if not t.active:
                    eid += 1
                    events.append({"id": eid, "ticket": t.id, "at": iso(t.closed), "actor": "agent", "kind": "status",
                                   "field": None, "from": "new", "to": "closed", "note": None, "merged_from": None})
                rec = {"id": t.id, "type": "incident", "title": t.title, "description": None,
                       "status": "open" if t.active else "closed", "priority": f"P{t.priority}", "impact": None,
                       "urgency": None, "category": t.category, "tier": t.tier, "assignee": None,
                       "requester": t.requester, "channel": "email", "tags": [t.category],
                       "created_at": iso(t.created), "updated_at": iso(t.closed or t.created),
                       "resolved_at": t.resolved and iso(t.resolved), "closed_at": t.closed and iso(t.closed),
                       "resolution_code": None if t.active else "fixed", "dedup_key": None, "occurrences": 1,
                       "last_seen_at": iso(t.created), "team": None, "cc": [], "escalations": 0, "fcr": None,
                       "comments": [], "events": events, "links": []}
                f.write(json.dumps(rec, separators=(",", ":")) + "\n")
        return path

    def bulk_load(self, path, store):
        argv, env, cwd = self.cmd(store, "import", path, "--keep-ids", "-q")
        return measure(argv, env, cwd, with_rss=True)

    def count(self, store):
        return int(output_of(["sqlite3", "-readonly", store, "SELECT count(*) FROM tickets"]).strip())

    def create(self, store, title):
        return self.cmd(store, "open", title, "-q")

    def list_hits(self, store):
        return self.cmd(store, "list", "status:open", "tier:2", "prio:P1")

    def list_lines(self, hits):
        return hits + 1  # a header line

    def version(self):
        return [self.bin, "--version"], self.env, None

    def version_string(self):
        return output_of([self.bin, "--version"]).strip()

    def complete(self, store):
        # As the shells call it: `hd __complete` comes first, so the store is named by HD_DB.
        return [self.bin, "__complete", "resolve", ""], dict(self.env, HD_DB=store), None

    def load_kb(self, store, data, hd_store):
        for folder in ("kb-gnome-help", "kb-microsoft-office-support"):
            argv, env, _ = self.cmd(store, "-q", "kb", "import", os.path.join(data, folder))
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)

    def kb_search(self, store, query):
        return self.cmd(store, "kb", "search", query, "--limit", "10")

    def report(self, store):
        return self.cmd(store, "report", "summary")


class Sqlite(Tool):
    """The floor: hd's schema in the sqlite3 shell, one statement per process."""
    name, label = "sqlite3", "sqlite3 shell"
    has_completion = has_kb = has_report = True

    def __init__(self, work, hd):
        super().__init__(work)
        self.hd = hd
        self.env = dict(os.environ)
        # An empty store with hd's schema (hd creates it on its first write; the ticket is deleted).
        self.template = os.path.join(work, "schema.db")
        argv, env, _ = hd.cmd(self.template, "open", "schema", "-q")
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
        subprocess.run(["sqlite3", self.template, "PRAGMA foreign_keys=ON; DELETE FROM tickets; VACUUM;"], check=True)

    def shell(self, store, sql, readonly=False):
        return ["sqlite3", *(["-readonly"] if readonly else []), "-cmd", ".timeout 10000", store, sql], self.env, None

    def write_input(self, tickets, path):
        """One transaction of INSERTs: the same rows hd's import writes (tickets, events, tags)."""
        eid = 0
        with open(path, "w", encoding="utf-8") as f:
            f.write("PRAGMA foreign_keys=ON;\nBEGIN;\n")
            for t in tickets:
                status = "open" if t.active else "closed"
                f.write("INSERT INTO tickets (id, type, title, status, priority, category, tier, requester, channel, "
                        "created_at, updated_at, resolved_at, closed_at, resolution_code, last_seen_at) VALUES "
                        f"({t.id}, 'incident', {sql_text(t.title)}, '{status}', {t.priority}, '{t.category}', {t.tier}, "
                        f"'{t.requester}', 'email', {t.created}, {t.closed or t.created}, {t.resolved or 'NULL'}, "
                        f"{t.closed or 'NULL'}, {'NULL' if t.active else chr(39) + 'fixed' + chr(39)}, {t.created});\n")
                eid += 1
                f.write(f"INSERT INTO events (id, ticket_id, at, actor, kind, new_value) VALUES ({eid}, {t.id}, "
                        f"{t.created}, '{t.requester}', 'created', {sql_text(t.title)});\n")
                if not t.active:
                    eid += 1
                    f.write(f"INSERT INTO events (id, ticket_id, at, actor, kind, old_value, new_value) VALUES "
                            f"({eid}, {t.id}, {t.closed}, 'agent', 'status', 'new', 'closed');\n")
                f.write(f"INSERT INTO ticket_tags (ticket_id, tag) VALUES ({t.id}, '{t.category}');\n")
            f.write("COMMIT;\n")
        return path

    def bulk_load(self, path, store):
        shutil.copyfile(self.template, store)
        return measure(["sqlite3", store], self.env, None, stdin=path, with_rss=True)

    def count(self, store):
        return int(output_of(["sqlite3", "-readonly", store, "SELECT count(*) FROM tickets"]).strip())

    def create(self, store, title):
        return self.shell(store, "INSERT INTO tickets (type, title, status, priority, tier, channel, created_at, "
                                 f"updated_at, last_seen_at) VALUES ('incident', {sql_text(title)}, 'new', 3, 1, 'cli', "
                                 "unixepoch(), unixepoch(), unixepoch())")

    def list_hits(self, store):
        return self.shell(store, "SELECT id, 'P' || priority, status, 'L' || tier, title FROM tickets "
                                 "WHERE status = 'open' AND tier = 2 AND priority = 1 ORDER BY priority, id", True)

    def version(self):
        return ["sqlite3", "--version"], self.env, None

    def version_string(self):
        return output_of(["sqlite3", "--version"]).split()[0]

    def complete(self, store):
        return self.shell(store, "SELECT id || char(9) || title FROM tickets WHERE status IN ('new', 'open', 'pending') "
                                 "ORDER BY id DESC LIMIT 200", True)

    def load_kb(self, store, data, hd_store):
        """The articles hd imported, in a plain FTS5 table (hd's store is loaded first)."""
        subprocess.run(["sqlite3", store,
                        "CREATE VIRTUAL TABLE IF NOT EXISTS kb_plain USING fts5(title, body, "
                        "tokenize = 'unicode61 remove_diacritics 2');"
                        f"ATTACH {sql_text(hd_store)} AS h; INSERT INTO kb_plain (rowid, title, body) "
                        "SELECT id, title, body_text FROM h.kb_articles;"], check=True)

    def kb_search(self, store, query):
        match = " ".join('"' + w.replace('"', '') + '"' for w in query.split())
        return self.shell(store, "SELECT rowid, title, snippet(kb_plain, 1, '', '', '…', 12) FROM kb_plain "
                                 f"WHERE kb_plain MATCH {sql_text(match)} ORDER BY bm25(kb_plain) LIMIT 10", True)

    def report(self, store):
        since = str(int(time.time()) - 30 * 86400)  # a constant, so that the indexes on the times serve
        return self.shell(store, f"SELECT count(*) FROM tickets WHERE created_at >= {since}; "
                                 f"SELECT count(*) FROM tickets WHERE resolved_at >= {since}; "
                                 f"SELECT status, count(*) FROM tickets WHERE created_at >= {since} GROUP BY 1; "
                                 f"SELECT priority, count(*) FROM tickets WHERE created_at >= {since} GROUP BY 1; "
                                 f"SELECT tier, count(*) FROM tickets WHERE created_at >= {since} GROUP BY 1;", True)


class Task(Tool):
    """taskwarrior: a ticket is a task; tier is the project (L1..L3), P1..P3 are priority H, M, L."""
    name, label = "task", "taskwarrior"
    repeat_import = False    # minutes at 100,000
    has_completion = has_report = True
    PRIORITY = {1: "H", 2: "M", 3: "L", 4: None}

    def env_of(self, store):
        return dict(os.environ, TASKRC=os.path.join(store, "taskrc"))

    def cmd(self, store, *args):
        return ["task", *args], self.env_of(store), None

    def prepare(self, store):
        os.makedirs(os.path.join(store, "data"), exist_ok=True)
        with open(os.path.join(store, "taskrc"), "w") as f:
            f.write(f"data.location={os.path.join(store, 'data')}\nconfirmation=no\nverbose=nothing\ncolor=off\n"
                    "hooks=off\n")

    @staticmethod
    def uuid_of(i):
        return str(uuid.UUID(int=i))

    @staticmethod
    def stamp(seconds):
        return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")

    def record(self, t):
        rec = {"uuid": self.uuid_of(t.id), "description": t.title, "entry": self.stamp(t.created),
               "modified": self.stamp(t.closed or t.created), "status": "pending" if t.active else "completed",
               "project": f"L{t.tier}", "tags": [t.category]}
        if self.PRIORITY[t.priority]:
            rec["priority"] = self.PRIORITY[t.priority]
        if not t.active:
            rec["end"] = self.stamp(t.closed)
        return rec

    def write_input(self, tickets, path):
        with open(path, "w", encoding="utf-8") as f:
            for t in tickets:
                f.write(json.dumps(self.record(t)) + "\n")
        return path

    def bulk_load(self, path, store):
        self.prepare(store)
        argv, env, cwd = self.cmd(store, "import", path)
        return measure(argv, env, cwd, with_rss=True)

    def count(self, store):
        n = 0
        for name in ("pending.data", "completed.data"):
            p = os.path.join(store, "data", name)
            if os.path.exists(p):
                with open(p, "rb") as f:
                    n += sum(1 for line in f if line.strip())
        return n

    def create(self, store, title):
        return self.cmd(store, "add", title)

    def list_hits(self, store):
        return self.cmd(store, "project:L2", "priority:H", "list")

    def list_lines(self, hits):
        return None  # a table whose layout taskwarrior chooses; the row count is checked by hand

    def version(self):
        return ["task", "--version"], dict(os.environ), None

    def version_string(self):
        return output_of(["task", "--version"]).strip()

    def complete(self, store):
        return self.cmd(store, "_ids")

    def report(self, store):
        return self.cmd(store, "summary")


class Fossil(Tool):
    """fossil's tickets: tier is the subsystem (L1..L3), P1..P4 are priority Immediate..Low."""
    name, label = "fossil", "fossil tickets"
    repeat_import = False
    PRIORITY = {1: "Immediate", 2: "High", 3: "Medium", 4: "Low"}

    def __init__(self, work):
        super().__init__(work)
        self.env = dict(os.environ, USER="bench", HOME=os.path.join(work, "fossil-home"))
        os.makedirs(self.env["HOME"], exist_ok=True)

    @staticmethod
    def encode(text):
        return text.replace("\\", "\\\\").replace(" ", "\\s").replace("\n", "\\n").replace("\t", "\\t")

    def write_input(self, tickets, path):
        """One ticket artifact per ticket (D, J, K, U and Z cards), named by its SHA3-256."""
        os.makedirs(path, exist_ok=True)
        for t in tickets:
            fields = {"priority": self.PRIORITY[t.priority], "status": "Open" if t.active else "Closed",
                      "subsystem": f"L{t.tier}", "title": self.encode(t.title), "type": "Incident"}
            if not t.active:
                fields["resolution"] = "Fixed"
            when = datetime.datetime.fromtimestamp(t.created, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000")
            body = f"D {when}\n" + "".join(f"J {k} {fields[k]}\n" for k in sorted(fields))
            body += f"K {hashlib.sha1(b'ticket%d' % t.id).hexdigest()}\nU bench\n"
            body += f"Z {hashlib.md5(body.encode()).hexdigest()}\n"
            data = body.encode()
            with open(os.path.join(path, hashlib.sha3_256(data).hexdigest()), "wb") as f:
                f.write(data)
        return path

    def bulk_load(self, path, store):
        return measure(["fossil", "reconstruct", store, path], self.env, None, with_rss=True)

    def count(self, store):
        return int(output_of(["fossil", "sql", "-R", store, "SELECT count(*) FROM ticket"], self.env).strip())

    def create(self, store, title):
        return ["fossil", "ticket", "add", "title", title, "status", "Open", "-R", store, "-q"], self.env, None

    def list_hits(self, store):
        return ["fossil", "ticket", "show", "0", "status='Open' AND subsystem='L2' AND priority='Immediate'",
                "-R", store], self.env, None

    def list_lines(self, hits):
        return hits + 1  # a header line

    def version(self):
        return ["fossil", "version"], self.env, None

    def version_string(self):
        return output_of(["fossil", "version"], self.env).strip().replace("This is fossil version ", "")


def all_tools(hd_binary, work):
    hd = Hd(work, hd_binary)
    return [hd, Sqlite(work, hd), Task(work), Fossil(work)]
