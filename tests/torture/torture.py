#!/usr/bin/env python3
"""Crash torture for hd: kill -9 at random moments, many times, then check that nothing committed is lost.

Two parts (issue 8):

import   A generated file of N tickets (100,000 by default) is imported again and again, and each
         import is killed with SIGKILL after a random delay spread over its duration (very early,
         anywhere, and around the commit at the end). After every kill `hd check` must pass and the
         store must hold exactly what was committed: without --batch the import is one transaction,
         so 0 or N tickets; with --batch B --keep-ids, the records before the kill in whole batches
         (and never fewer than an earlier run committed), ids contiguous from 1, each ticket exported
         byte for byte as its input line. The import is then resumed (again from the start, or with
         --skip COMMITTED for a batched one) until it completes with exactly N tickets.
         A third kind imports without --keep-ids into a store that holds tickets already: the
         store then holds the old tickets alone, or those and all N renumbered after them.

storm    Rounds of W concurrent writers (50 by default), each a loop of hd open, comment, take,
         edit, assign and resolve on its own tickets and on shared ones, while a killer sends SIGKILL
         to random hd processes (a few at once, and now and then all of them). A write counts as
         committed only when its hd exited 0 (hd prints before it commits). Afterwards `hd check`
         passes, every committed ticket is there with its title, every committed comment and tag is
         there, no ticket or comment appeared that nobody asked for, and every hd that was not
         killed exited 0: contention never makes a write fail.

The first failure stops the run with exit 1; its store is kept and its path printed.

    HD_BIN=build/cmd/hd python3 tests/torture/torture.py [--quick] [--seed N] [--import-rounds N] ...

Python 3.9+ (os.pidfd_open: a kill can never reach a recycled pid), standard library only, Linux.
"""
import argparse
import datetime
import glob
import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

WORDS = ("printer vpn mail password laptop screen network slow crash login reset disk full server outage "
         "access dock monitor keyboard licence backup restore share drive quota").split()
CATEGORIES = ["access", "account", "email", "hardware", "network", "printer", "software", "other"]


class Failure(Exception):
    """A broken promise of hd: the run stops and keeps the store."""

    def __init__(self, message, store=None):
        super().__init__(message)
        self.store = store


def log(text):
    print(text, flush=True)


# ---------------------------------------------------------------------------------------------------
# Running hd


class Hd:
    def __init__(self, binary, home):
        self.binary = binary
        self.env = dict(os.environ)
        for name in ("HD_DB", "HD_CONFIG", "HD_NOW", "HD_USER", "COLUMNS", "VISUAL", "EDITOR"):
            self.env.pop(name, None)
        # A private world: the config and store of whoever runs the torture are never touched.
        self.env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"),
                        XDG_DATA_HOME=os.path.join(home, "data"), HD_USER="torture", NO_COLOR="1")
        os.makedirs(home, exist_ok=True)

    def argv(self, db, args, user=None):
        return [self.binary, "--db", db] + (["--as", user] if user else []) + list(args)

    def run(self, db, *args, stdin=None, stdout=subprocess.PIPE, user=None):
        p = subprocess.run(self.argv(db, args, user), env=self.env, stdin=stdin if stdin else subprocess.DEVNULL,
                           stdout=stdout, stderr=subprocess.PIPE)
        return p.returncode, (p.stdout.decode("utf-8", "replace") if p.stdout is not None else ""), \
            p.stderr.decode("utf-8", "replace")

    def must(self, db, *args, **kw):
        rc, out, err = self.run(db, *args, **kw)
        if rc != 0:
            raise Failure("hd %s exited %d: %s" % (" ".join(args), rc, err.strip()), db)
        return out

    def check(self, db, allow_missing=False):
        """hd check must pass; on a store that was never published (allow_missing) it says there is none."""
        rc, out, err = self.run(db, "check")
        if rc == 3 and allow_missing and not os.path.exists(db):
            return False
        if rc != 0:
            raise Failure("hd check exited %d:\n%s%s" % (rc, out, err), db)
        return True

    def export(self, db, path):
        with open(path, "wb") as out:
            rc, _, err = self.run(db, "export", stdout=out)
        if rc != 0:
            raise Failure("hd export exited %d: %s" % (rc, err.strip()), db)
        with open(path, "rb") as f:
            return f.read().splitlines()


def delay_in(rng, duration):
    """A moment to kill at: very early, anywhere, or around the end (the commit, the checkpoint)."""
    pick = rng.random()
    if pick < 0.15:
        return rng.uniform(0, min(0.05, duration * 0.05))
    if pick < 0.40:
        return rng.uniform(duration * 0.8, duration * 1.1)
    return rng.uniform(0, duration * 1.1)


def staging_leftovers(db):
    return len(glob.glob(glob.escape(db) + ".new-*"))


# ---------------------------------------------------------------------------------------------------
# Import torture


def ts(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def generate(path, n, seed):
    """N tickets as hd export writes them: most worked on (a description, tags, status moves that end at
    the ticket's status, a comment on every third, a link on every tenth), so that hd check's rules
    hold for them and the import has real work to do."""
    rng = random.Random(seed)
    eid = cid = 0

    def event(ticket, at, actor, kind, frm=None, to=None, note=None, field=None):
        nonlocal eid
        eid += 1
        return {"id": eid, "ticket": ticket, "at": ts(at), "actor": actor, "kind": kind, "field": field,
                "from": frm, "to": to, "note": note, "merged_from": None}

    chains = {"new": [], "open": ["open"], "pending": ["open", "pending"], "resolved": ["open", "resolved"],
              "closed": ["open", "resolved", "closed"]}
    with open(path, "w", encoding="utf-8") as out:
        for i in range(1, n + 1):
            created = 1_700_000_000 + i * 60
            title = "T%d %s" % (i, " ".join(rng.choice(WORDS) for _ in range(5)))
            requester = "user%d" % (i % 50)
            agent = "agent%d" % (i % 7)
            status = rng.choice(["new", "open", "open", "pending", "resolved", "closed"])
            events = [event(i, created, requester, "created", to=title)]
            at, prev = created, "new"
            for step in chains[status]:
                at += 300
                events.append(event(i, at, agent, "status", frm=prev, to=step,
                                    note="fixed it" if step == "resolved" else None))
                prev = step
            comments = []
            if i % 3 == 0:
                cid += 1
                at += 60
                comments.append({"id": cid, "ticket": i, "at": ts(at), "author": agent, "internal": i % 6 == 0,
                                 "body": "Looked at it: " + " ".join(rng.choice(WORDS) for _ in range(12))})
                events.append(event(i, at, agent, "commented", to=str(cid), note="internal" if i % 6 == 0 else None))
            solved = status in ("resolved", "closed")
            t = {"id": i, "type": rng.choice(["incident", "incident", "request", "problem"]), "title": title,
                 "description": None if i % 4 == 0 else "Reported by phone. " + " ".join(rng.choice(WORDS) for _ in range(20)),
                 "status": status, "priority": "P%d" % rng.randint(1, 4), "impact": None, "urgency": None,
                 "category": rng.choice(CATEGORIES), "tier": rng.randint(1, 3),
                 "assignee": None if status == "new" else agent, "requester": requester,
                 "channel": rng.choice(["phone", "email", "web", "cli"]), "tags": sorted(set(rng.sample(WORDS, 2))),
                 "created_at": ts(created), "updated_at": ts(at),
                 "resolved_at": ts(created + 600) if solved else None,
                 "closed_at": ts(created + 900) if status == "closed" else None,
                 "resolution_code": "fixed" if solved else None, "dedup_key": None, "occurrences": 1,
                 "last_seen_at": ts(created), "team": None, "cc": [], "escalations": 0,
                 "comments": comments, "events": events,
                 "links": [{"kind": "relates", "ticket": i - 1, "created_at": ts(created), "actor": agent}]
                 if i % 10 == 0 else []}
            out.write(json.dumps(t, separators=(",", ":")) + "\n")


class ImportTorture:
    def __init__(self, hd, work, n, rounds, max_kills, rng):
        self.hd, self.work, self.n, self.rounds, self.max_kills, self.rng = hd, work, n, rounds, max_kills, rng
        self.kills = self.rounds_done = self.verified = self.leftovers = 0
        self.killed_at = {"before": 0, "partial": 0, "complete": 0}

    def prepare(self):
        raw = os.path.join(self.work, "generated.jsonl")
        start = time.monotonic()
        generate(raw, self.n, self.rng.randrange(1 << 30))
        ref = os.path.join(self.work, "reference", "hd.db")
        t0 = time.monotonic()
        self.hd.must(ref, "import", raw, "--keep-ids", "-q", stdout=subprocess.DEVNULL)
        self.full_time = time.monotonic() - t0
        self.hd.check(ref)
        # The torture's input is the reference store's export: an import of it with --keep-ids exports
        # again byte for byte the same (hd-export(1)), so each ticket can be compared with its line.
        self.input = os.path.join(self.work, "input.jsonl")
        self.lines = self.hd.export(ref, self.input)
        if len(self.lines) != self.n:
            raise Failure("the reference store holds %d tickets, not %d" % (len(self.lines), self.n), ref)
        self.titles = [json.loads(line)["title"] for line in self.lines]
        self.batch_sizes = sorted({max(1, self.n // d) for d in (40, 20, 10, 7)})
        probe = os.path.join(self.work, "probe", "hd.db")
        t0 = time.monotonic()
        self.hd.must(probe, "import", self.input, "--keep-ids", "--batch", str(self.batch_sizes[1]), "-q",
                     stdout=subprocess.DEVNULL)
        self.batch_time = time.monotonic() - t0
        shutil.rmtree(os.path.dirname(probe))
        log("import: %d tickets (%.0f MB) generated and checked in %.1f s; one import takes %.2f s, "
            "with --batch %d %.2f s" % (self.n, os.path.getsize(self.input) / 1e6, time.monotonic() - start,
                                       self.full_time, self.batch_sizes[1], self.batch_time))

    def verify_keep_ids(self, db, allowed, where):
        """The store holds input lines 1..k for some k in `allowed`, each byte for byte; returns k."""
        exists = self.hd.check(db, allow_missing=True)
        got = self.hd.export(db, os.path.join(self.work, "export.jsonl")) if exists else []
        k = len(got)
        if k not in allowed:
            raise Failure("%s: the store holds %d tickets; it may hold only %s" % (where, k, describe(allowed)), db)
        for i, line in enumerate(got):
            if line != self.lines[i]:
                try:
                    tid = json.loads(line)["id"]
                except ValueError:
                    tid = "?"
                raise Failure("%s: ticket %d of the export (#%s) differs from input line %d:\n got  %s\n want %s"
                              % (where, i + 1, tid, i + 1, line[:300], self.lines[i][:300]), db)
        self.verified += k
        return k

    def verify_renumbered(self, db, seeds, where):
        """The seeded tickets alone, or those and all N after them in the order of the file."""
        self.hd.check(db)
        got = self.hd.export(db, os.path.join(self.work, "export.jsonl"))
        if len(got) not in (len(seeds), len(seeds) + self.n):
            raise Failure("%s: the store holds %d tickets; it may hold only %d or %d"
                          % (where, len(got), len(seeds), len(seeds) + self.n), db)
        for i, line in enumerate(got):
            t = json.loads(line)
            want = seeds[i] if i < len(seeds) else self.titles[i - len(seeds)]
            if t["id"] != i + 1 or t["title"] != want:
                raise Failure("%s: ticket #%d is '%s', expected #%d '%s'" % (where, t["id"], t["title"], i + 1, want), db)
            if i >= len(seeds):
                src = json.loads(self.lines[i - len(seeds)])
                if (len(t["comments"]), len(t["events"]), t["status"], t["tags"]) != \
                        (len(src["comments"]), len(src["events"]), src["status"], src["tags"]):
                    raise Failure("%s: ticket #%d does not match input line %d" % (where, t["id"], i + 1 - len(seeds)), db)
        self.verified += len(got) - len(seeds)
        return len(got) - len(seeds)

    def attempt(self, db, args, kill_after, budget):
        """Runs one import, killed after `kill_after` seconds, or ("report", s) s seconds after it printed
        its report (which hd prints just before it commits: the kill lands in the commit, or in the
        checkpoint and the publishing of a new store after it), or None: let it finish.
        Returns (killed, exit code, stderr, seconds)."""
        p = subprocess.Popen(self.hd.argv(db, args), env=self.hd.env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        start = time.monotonic()
        killed = False
        try:
            if isinstance(kill_after, tuple):
                ready, _, _ = select.select([p.stdout], [], [], budget)
                if ready:
                    time.sleep(kill_after[1])
                p.send_signal(signal.SIGKILL)
                p.wait()
            else:
                p.wait(timeout=kill_after if kill_after is not None else budget)
        except subprocess.TimeoutExpired:
            if kill_after is None:
                p.kill()
                p.wait()
                raise Failure("hd %s ran for more than %.0f s" % (" ".join(args), budget), db)
            p.send_signal(signal.SIGKILL)
            p.wait()
        killed = p.returncode == -signal.SIGKILL
        p.stdout.close()
        err = p.stderr.read().decode("utf-8", "replace").strip()
        p.stderr.close()
        return killed, p.returncode, err, time.monotonic() - start

    def round(self, r):
        mode = ["single", "batch", "renumber", "batch"][r % 4]
        db = os.path.join(self.work, "import-%02d" % r, "hd.db")
        started = time.monotonic()
        kills = self.rng.randint(1, self.max_kills)
        batch = self.rng.choice(self.batch_sizes) if mode == "batch" else None
        seeds = []
        if mode == "renumber":
            for i in range(self.rng.randint(1, 40)):
                seeds.append("Seed %d of round %d" % (i + 1, r))
                self.hd.must(db, "open", seeds[-1], "-q")
        elif mode == "single" and r % 8 == 0:
            # A store that exists: the import commits into its WAL, not into a new file published after.
            self.hd.must(db, "init", "-q")
        committed = 0
        notes = []
        for a in range(kills + 1):
            final = a == kills
            if mode == "batch":
                args = ["import", self.input, "--keep-ids", "--batch", str(batch)]
                if committed:
                    args += ["--skip", str(committed)]
                duration = 0.05 + self.batch_time * (self.n - committed) / self.n
            else:
                args = ["import", self.input] + (["--keep-ids"] if mode == "single" else [])
                duration = self.full_time
            if final:
                delay = None
            elif self.rng.random() < 0.25:
                delay = ("report", self.rng.choice([0, self.rng.uniform(0, 0.02), self.rng.uniform(0, 0.3)]))
            else:
                delay = delay_in(self.rng, duration)
            killed, rc, err, secs = self.attempt(db, args, delay, budget=max(120, 20 * duration))
            where = "import round %d (%s%s), attempt %d (%s)" % (
                r + 1, mode, " %d" % batch if batch else "", a + 1,
                "killed after %.3f s" % secs if killed else "exit %d after %.2f s" % (rc, secs))
            if killed:
                self.kills += 1
            elif rc != 0:
                raise Failure("%s: hd import failed: %s" % (where, err), db)
            if mode == "renumber":
                k = self.verify_renumbered(db, seeds, where)
            else:
                # One transaction: nothing or everything. Batches: what came before, and whole batches
                # after it (the first batch of a resumed import starts after the records it skips).
                allowed = {self.n}
                if killed:
                    allowed |= set(range(committed, self.n, batch)) if mode == "batch" else {0}
                k = self.verify_keep_ids(db, allowed, where)
            if killed:
                self.killed_at["before" if k == committed else "complete" if k == self.n else "partial"] += 1
            notes.append("%s%.2fs:%d" % (("kill@report+" if isinstance(delay, tuple) else "kill@") if killed else "done@",
                                          delay[1] if killed and isinstance(delay, tuple) else secs, k))
            committed = k
            if k == self.n:
                break  # complete, whether or not the kill came after the commit
        if committed != self.n:
            raise Failure("import round %d: the import never completed" % (r + 1), db)
        self.leftovers += staging_leftovers(db)
        self.rounds_done += 1
        log("  import round %2d/%d %-12s %s  [%.1f s]" % (
            r + 1, self.rounds, mode + (" %d" % batch if batch else ""), "  ".join(notes), time.monotonic() - started))
        shutil.rmtree(os.path.dirname(db))

    def run(self):
        self.prepare()
        for r in range(self.rounds):
            self.round(r)


def describe(allowed):
    s = sorted(allowed)
    return ", ".join(map(str, s)) if len(s) <= 12 else "%s, ..., %s" % (", ".join(map(str, s[:6])), ", ".join(map(str, s[-3:])))


# ---------------------------------------------------------------------------------------------------
# Writer storm torture


class Storm:
    """Rounds of concurrent writers while a killer sends SIGKILL to random hd processes."""

    def __init__(self, hd, work, rounds, writers, loops, rng, fresh_every, readers):
        self.hd, self.work, self.rounds, self.writers, self.loops, self.rng = hd, work, rounds, writers, loops, rng
        self.readers = readers
        self.kill_interval = 0.08  # seconds between kills, on average
        self.chains = 0
        self.fresh_every = fresh_every
        self.kills = self.commands = self.killed_commands = self.leftovers = 0
        self.committed_tickets = self.committed_comments = self.committed_tags = self.verified = 0

    def new_store(self, n):
        self.db = os.path.join(self.work, "storm-%02d" % n, "hd.db")
        self.expected_tickets = {}  # id -> title, for every hd open that exited 0
        self.expected_comments = {}  # body -> ticket id, for every hd comment that exited 0
        self.expected_tags = set()  # (ticket id, tag), for every hd edit that exited 0
        self.expected_final = {}  # id -> (assignee, tag): own tickets whose every step exited 0
        self.attempted_titles = set()
        self.attempted_comments = set()
        self.shared = []

    def seed(self, r):
        for i in range(10):
            title = "Shared %d of round %d" % (i + 1, r + 1)
            self.attempted_titles.add(title)
            tid = int(self.hd.must(self.db, "open", title, "-q").strip())
            self.expected_tickets[tid] = title
            self.shared.append(tid)

    # One hd command of a writer: (exit code, stdout), a failure that was not a kill recorded.
    def hd_cmd(self, user, args):
        p = subprocess.Popen(self.hd.argv(self.db, args, user), env=self.hd.env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        fd = os.pidfd_open(p.pid)  # the child is ours until we wait for it: its pid cannot be recycled yet
        with self.lock:
            self.running[p.pid] = fd
        try:
            out, err = p.communicate()
        finally:
            with self.lock:
                del self.running[p.pid]
                os.close(fd)
        with self.lock:
            self.commands += 1
            if p.returncode == -signal.SIGKILL:
                self.killed_commands += 1
            elif p.returncode != 0:
                self.failures.append("hd --as %s %s exited %d: %s" % (
                    user, " ".join(args), p.returncode, err.decode("utf-8", "replace").strip()))
        return p.returncode, out.decode("utf-8", "replace")

    def writer(self, w, r, rng):
        user = "w%d" % w
        record = []  # what this writer saw committed, merged under the lock at the end
        for i in range(self.loops):
            if self.failures:
                break
            tag = "r%dw%di%d" % (r, w, i)
            title = "Storm round %d writer %d loop %d %s" % (r, w, i, rng.choice(WORDS))
            shared = rng.choice(self.shared) if self.shared else None
            # A comment and a tag on a shared ticket, raced by every writer.
            if shared:
                body = "Shared note %s" % tag
                with self.lock:
                    self.attempted_comments.add(body)
                rc, _ = self.hd_cmd(user, ["comment", str(shared), body])
                if rc == 0:
                    record.append(("comment", body, shared))
                rc, _ = self.hd_cmd(user, ["edit", str(shared), "--tag", "+" + tag])
                if rc == 0:
                    record.append(("tag", shared, tag))
                if rng.random() < 0.3:
                    self.hd_cmd(user, ["assign", str(shared), "w%d" % rng.randrange(self.writers)])
            with self.lock:
                self.attempted_titles.add(title)
            rc, out = self.hd_cmd(user, ["open", title, "-q", "-p", "P%d" % rng.randint(1, 4),
                                         "-c", rng.choice(CATEGORIES)])
            if rc != 0:
                continue  # killed: the ticket may or may not be there; nothing more to do with it
            if not out.rstrip("\n").isdigit():
                with self.lock:
                    self.failures.append("hd open '%s' -q exited 0 but printed %r, not one id" % (title, out))
                break
            tid = int(out)
            record.append(("ticket", tid, title))
            # Its life: taken, commented, tagged, resolved. After a kill the ticket's state is unknown,
            # so the writer leaves it (a second resolve would rightly be refused).
            body = "Own note %s" % tag
            with self.lock:
                self.attempted_comments.add(body)
            steps = [["take", str(tid)], ["comment", str(tid), body], ["edit", str(tid), "--tag", "+" + tag, "-p", "P2"],
                     ["resolve", str(tid), "--note", "Fixed by %s" % user]]
            complete = True
            for step in steps:
                rc, _ = self.hd_cmd(user, step)
                if rc != 0:
                    complete = False
                    break
                if step[0] == "comment":
                    record.append(("comment", body, tid))
                elif step[0] == "edit":
                    record.append(("tag", tid, tag))
            if complete:
                record.append(("final", tid, (user, tag)))
        with self.lock:
            for kind, a, b in record:
                if kind == "ticket":
                    self.expected_tickets[a] = b
                elif kind == "comment":
                    self.expected_comments[a] = b
                elif kind == "tag":
                    self.expected_tags.add((a, b))
                else:
                    self.expected_final[a] = b

    def guarded(self, target, *args):
        """A writer or reader thread: whatever goes wrong in it fails the round."""
        try:
            target(*args)
        except Exception as e:  # noqa: BLE001 (a bug of the torture, or an answer it cannot read)
            with self.lock:
                self.failures.append("%s: %s: %s" % (target.__name__, type(e).__name__, e))

    def reader(self, rng, stop):
        """Reads while the writers write and the killer kills: each must succeed too (or be killed)."""
        while not stop.is_set() and not self.failures:
            pick = rng.random()
            if pick < 0.4:
                self.hd_cmd("reader", ["list", "-q", "status:open"])
            elif pick < 0.7 and self.shared:
                self.hd_cmd("reader", ["show", str(rng.choice(self.shared)), "--json"])
            elif pick < 0.85:
                self.hd_cmd("reader", ["check", "-q"])
            else:
                self.hd_cmd("reader", ["export", "status:resolved"])

    def killer(self, rng, stop, first_wait):
        if stop.wait(first_wait):
            return
        while not stop.wait(rng.expovariate(1 / self.kill_interval)):
            with self.lock:
                fds = list(self.running.values())
                if not fds:
                    continue
                pick = rng.random()
                if pick < 0.05:
                    victims = fds  # all of them
                elif pick < 0.20:
                    victims = rng.sample(fds, min(len(fds), rng.randint(2, 6)))
                else:
                    victims = [rng.choice(fds)]
                for fd in victims:
                    try:
                        signal.pidfd_send_signal(fd, signal.SIGKILL)
                        self.kills += 1
                    except ProcessLookupError:
                        pass  # it had exited already

    def verify(self, where):
        exists = self.hd.check(self.db, allow_missing=True)
        if not exists:
            if self.expected_tickets:
                raise Failure("%s: %d tickets were committed but there is no store" % (where, len(self.expected_tickets)), self.db)
            return
        tickets = {}
        for line in self.hd.export(self.db, os.path.join(self.work, "storm-export.jsonl")):
            t = json.loads(line)
            tickets[t["id"]] = t
        for tid, title in self.expected_tickets.items():
            if tid not in tickets:
                raise Failure("%s: ticket #%d ('%s') was committed (hd open exited 0) but is missing" % (where, tid, title), self.db)
            if tickets[tid]["title"] != title:
                raise Failure("%s: ticket #%d is '%s', committed as '%s'" % (where, tid, tickets[tid]["title"], title), self.db)
        titles = {}
        for tid, t in tickets.items():
            if t["title"] not in self.attempted_titles:
                raise Failure("%s: ticket #%d '%s' was never opened" % (where, tid, t["title"]), self.db)
            if t["title"] in titles:
                raise Failure("%s: '%s' is both #%d and #%d" % (where, t["title"], titles[t["title"]], tid), self.db)
            titles[t["title"]] = tid
        seen = {}
        for tid, t in tickets.items():
            commented = {e["to"] for e in t["events"] if e["kind"] == "commented"}
            for c in t["comments"]:
                if c["body"] not in self.attempted_comments:
                    raise Failure("%s: comment %d on #%d '%s' was never written" % (where, c["id"], tid, c["body"]), self.db)
                if c["body"] in seen:
                    raise Failure("%s: comment '%s' is there twice" % (where, c["body"]), self.db)
                seen[c["body"]] = tid
                if str(c["id"]) not in commented:
                    raise Failure("%s: comment %d on #%d has no 'commented' event" % (where, c["id"], tid), self.db)
        for body, tid in self.expected_comments.items():
            if seen.get(body) != tid:
                raise Failure("%s: comment '%s' on #%d was committed (hd comment exited 0) but is %s"
                              % (where, body, tid, "on #%d" % seen[body] if body in seen else "missing"), self.db)
        for tid, tag in self.expected_tags:
            if tag not in tickets[tid]["tags"]:
                raise Failure("%s: tag %s of #%d was committed (hd edit exited 0) but is missing: %s"
                              % (where, tag, tid, tickets[tid]["tags"]), self.db)
        for tid, (user, tag) in self.expected_final.items():
            t = tickets[tid]
            if (t["status"], t["assignee"], t["priority"]) != ("resolved", user, "P2") or tag not in t["tags"]:
                raise Failure("%s: #%d went through take, edit and resolve by %s but is %s, %s, %s, %s"
                              % (where, tid, user, t["status"], t["assignee"], t["priority"], t["tags"]), self.db)
        self.verified += len(self.expected_tickets)

    def round(self, r):
        started = time.monotonic()
        fresh = r == 0 or (self.fresh_every and r % self.fresh_every == 0)
        if fresh:
            self.new_store(r)
            # Every other new store: the writers' first hd open race to create it, while being killed.
            if (r // self.fresh_every if self.fresh_every else 0) % 2 == 0:
                self.hd.must(self.db, "init", "-q")
        if os.path.exists(self.db):
            self.seed(r)
        self.lock = threading.Lock()
        self.running = {}
        self.failures = []
        kills0, commands0, killed0 = self.kills, self.commands, self.killed_commands
        tickets0, comments0, tags0 = len(self.expected_tickets), len(self.expected_comments), len(self.expected_tags)
        chains0 = len(self.expected_final)
        stop = threading.Event()
        # While the writers race to create a store, the killer waits a moment, now and then: a race
        # with no kills in it, as well as one with kills.
        race = not os.path.exists(self.db)
        killer = threading.Thread(target=self.killer, args=(random.Random(self.rng.random()), stop,
                                                           self.rng.uniform(0, 0.3) if race else 0))
        threads = [threading.Thread(target=self.guarded, args=(self.writer, w, r, random.Random(self.rng.random())))
                   for w in range(self.writers)]
        readers = [threading.Thread(target=self.guarded, args=(self.reader, random.Random(self.rng.random()), stop))
                   for _ in range(self.readers)] if os.path.exists(self.db) else []
        killer.start()
        for t in threads + readers:
            t.start()
        for t in threads:
            t.join()
        stop.set()
        killer.join()
        for t in readers:
            t.join()
        where = "storm round %d" % (r + 1)
        if self.failures:
            raise Failure("%s: %d hd commands that were not killed failed, e.g.:\n  %s" % (
                where, len(self.failures), "\n  ".join(sorted(set(self.failures))[:5])), self.db)
        self.verify(where)
        self.leftovers += staging_leftovers(self.db)
        self.committed_tickets += len(self.expected_tickets) - tickets0
        self.committed_comments += len(self.expected_comments) - comments0
        self.committed_tags += len(self.expected_tags) - tags0
        self.chains += len(self.expected_final) - chains0
        log("  storm round %2d/%d%s: %d commands, %d kills sent, %d commands killed; committed %d tickets, "
            "%d comments, %d tags, %d whole lives; store verified (%d tickets)  [%.1f s]" % (
                r + 1, self.rounds, " (new store)" if fresh else "", self.commands - commands0, self.kills - kills0,
                self.killed_commands - killed0, len(self.expected_tickets) - tickets0,
                len(self.expected_comments) - comments0, len(self.expected_tags) - tags0, len(self.expected_final) - chains0,
                len(self.expected_tickets), time.monotonic() - started))

    def run(self):
        for r in range(self.rounds):
            self.round(r)


# ---------------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hd", default=os.environ.get("HD_BIN"), help="the hd binary (default: $HD_BIN)")
    ap.add_argument("--quick", action="store_true", help="a smoke run: a small import, few rounds")
    ap.add_argument("--seed", type=int, help="random seed (default: from the clock; printed)")
    ap.add_argument("--tickets", type=int, help="tickets in the import (default 100000; quick 20000)")
    ap.add_argument("--import-rounds", type=int, help="import rounds (default 20; quick 4)")
    ap.add_argument("--max-kills", type=int, default=3, help="kills per import round, at most (default 3)")
    ap.add_argument("--storm-rounds", type=int, help="writer storm rounds (default 15; quick 3)")
    ap.add_argument("--writers", type=int, help="concurrent writers (default 50; quick 20)")
    ap.add_argument("--loops", type=int, help="loops per writer per round (default 5; quick 3)")
    ap.add_argument("--readers", type=int, default=3, help="concurrent readers during a storm (list, show, check, export)")
    ap.add_argument("--fresh-every", type=int, help="start a new storm store every N rounds, every other one "
                    "created by the racing writers themselves (default 3; quick 2)")
    ap.add_argument("--only", choices=["import", "storm"], help="run one part only")
    ap.add_argument("--keep", action="store_true", help="keep the work directory even on success")
    a = ap.parse_args()
    q = a.quick
    tickets = a.tickets or (20_000 if q else 100_000)
    import_rounds = a.import_rounds if a.import_rounds is not None else (4 if q else 20)
    storm_rounds = a.storm_rounds if a.storm_rounds is not None else (3 if q else 15)
    writers = a.writers or (20 if q else 50)
    loops = a.loops or (3 if q else 5)
    if not a.hd or not os.access(a.hd, os.X_OK):
        sys.exit("torture: no hd binary (set HD_BIN or pass --hd)")
    seed = a.seed if a.seed is not None else int(time.time() * 1000) % 1_000_000
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="hd-torture.", dir=os.environ.get("TMPDIR", "/var/tmp"))
    hd = Hd(os.path.abspath(a.hd), os.path.join(work, "home"))
    log("hd torture: %s, seed %d, work directory %s" % (hd.binary, seed, work))
    started = time.monotonic()
    imp = storm = None
    try:
        if a.only != "storm" and import_rounds > 0:
            log("import torture: %d rounds of up to %d kills each" % (import_rounds, a.max_kills))
            imp = ImportTorture(hd, work, tickets, import_rounds, a.max_kills, rng)
            imp.run()
        if a.only != "import" and storm_rounds > 0:
            log("writer storm torture: %d rounds of %d writers, %d loops each" % (storm_rounds, writers, loops))
            fresh_every = a.fresh_every if a.fresh_every is not None else (2 if q else 3)
            storm = Storm(hd, work, storm_rounds, writers, loops, rng, fresh_every, a.readers)
            storm.run()
    except Failure as f:
        log("FAIL: %s" % f)
        if f.store:
            log("the store is kept: %s (work directory %s; rerun with --seed %d)" % (f.store, work, seed))
        return 1
    log("summary (seed %d, %.0f s):" % (seed, time.monotonic() - started))
    if imp:
        log("  import: %d rounds, %d kills (%d before anything was committed, %d after some batches, %d after "
            "the last commit), %d tickets verified byte for byte; %d staging files left by killed first "
            "imports" % (imp.rounds_done, imp.kills, imp.killed_at["before"], imp.killed_at["partial"],
                         imp.killed_at["complete"], imp.verified, imp.leftovers))
    if storm:
        log("  storm: %d rounds, %d commands, %d kills sent, %d commands killed; committed and verified %d tickets, "
            "%d comments, %d tags, %d tickets' whole lives (take, comment, edit, resolve); %d staging files left" % (
                storm.rounds, storm.commands, storm.kills, storm.killed_commands, storm.committed_tickets,
                storm.committed_comments, storm.committed_tags, storm.chains, storm.leftovers))
    log("PASS")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
