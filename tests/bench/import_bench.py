#!/usr/bin/env python3
"""hd import / hd export benchmark: generated JSON Lines of N tickets, imported into a new store.

Two kinds of ticket: "light", as `hd open` files them (one `created` event, one tag, no description)
and "heavy", worked on (a description, two events on average, a comment on every third, two tags,
a link on every tenth). Reports wall time, tickets per second, CPU time and peak RSS of each run
(best of --runs), checks that export -> import --keep-ids -> export gives the same bytes, and writes
a Markdown summary.

    python3 tests/bench/import_bench.py --hd build-release/cmd/hd --markdown tests/bench/RESULTS-import.md
"""
import argparse
import datetime
import filecmp
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time

WORDS = "printer vpn mail password laptop screen network slow crash login reset disk full server outage access".split()
CATEGORIES = ["access", "account", "email", "hardware", "network", "printer", "software", "other"]


def ts(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def event(eid, ticket, at, actor, kind, to=None, frm=None):
    return {"id": eid, "ticket": ticket, "at": ts(at), "actor": actor, "kind": kind, "field": None, "from": frm,
            "to": to, "note": None, "merged_from": None}


def ticket(i, title, created, **fields):
    t = {"id": i, "type": "incident", "title": title, "description": None, "status": "new", "priority": "P3",
         "impact": None, "urgency": None, "category": None, "tier": 1, "assignee": None, "requester": None,
         "channel": "cli", "tags": [], "created_at": ts(created), "updated_at": ts(created), "resolved_at": None,
         "closed_at": None, "resolution_code": None, "dedup_key": None, "occurrences": 1,
         "last_seen_at": ts(created), "team": None, "cc": [], "escalations": 0, "fcr": None}
    t.update(fields)
    return t


def generate(path, n, heavy):
    rng = random.Random(1)
    eid = cid = 0
    with open(path, "w", encoding="utf-8") as out:
        for i in range(1, n + 1):
            created = 1_700_000_000 + i * 60
            title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
            requester = "user%d" % (i % 50)
            eid += 1
            events = [event(eid, i, created, requester, "created", to=title)]
            if not heavy:
                t = ticket(i, title, created, category=rng.choice(CATEGORIES), requester=requester,
                           tags=[rng.choice(WORDS)])
                t.update(comments=[], events=events, links=[])
                out.write(json.dumps(t, separators=(",", ":")) + "\n")
                continue
            status = rng.choice(["new", "open", "pending", "resolved", "closed"])
            agent = "agent%d" % (i % 7)
            if status != "new":
                eid += 1
                events.append(event(eid, i, created + 600, agent, "status", to="open", frm="new"))
            comments = []
            if i % 3 == 0:
                cid += 1
                comments.append({"id": cid, "ticket": i, "at": ts(created + 900), "author": agent, "internal": False,
                                 "body": "Looked at it; " + " ".join(rng.choice(WORDS) for _ in range(12))})
                eid += 1
                events.append(event(eid, i, created + 900, agent, "commented", to=str(cid)))
            solved = status in ("resolved", "closed")
            t = ticket(i, title, created + 0, description="Reported by phone. " + " ".join(rng.choice(WORDS) for _ in range(20)),
                       status=status, priority="P%d" % rng.randint(1, 4), category=rng.choice(CATEGORIES),
                       tier=rng.randint(1, 3), assignee=None if status == "new" else agent, requester=requester,
                       channel=rng.choice(["phone", "email", "web"]), tags=sorted(set(rng.sample(WORDS, 2))),
                       updated_at=ts(created + 900), resolved_at=ts(created + 1200) if solved else None,
                       closed_at=ts(created + 1500) if status == "closed" else None,
                       resolution_code="fixed" if solved else None)
            t.update(comments=comments, events=events,
                     links=[{"kind": "relates", "ticket": i - 1, "created_at": ts(created), "actor": agent}] if i % 10 == 0 else [])
            out.write(json.dumps(t, separators=(",", ":")) + "\n")


def run(args, env, stdout=subprocess.DEVNULL, stdin=None):
    """Runs hd; returns (wall seconds, CPU seconds, peak RSS in MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=stdout, stdin=stdin, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode()
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed: %s\n%s" % (" ".join(args), err))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hd", default="build-release/cmd/hd")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--markdown")
    a = parser.parse_args()
    hd = os.path.abspath(a.hd)
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HD_USER="bench", XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                   XDG_DATA_HOME=os.path.join(tmp, "data"))
        env.pop("HD_DB", None)
        env.pop("HD_CONFIG", None)
        load = os.getloadavg()[0]
        for kind in ("light", "heavy"):
            data = os.path.join(tmp, kind + ".jsonl")
            generate(data, a.tickets, kind == "heavy")
            size = os.path.getsize(data) / 1e6
            best = None
            for r in range(a.runs):
                db = os.path.join(tmp, "%s-%d.db" % (kind, r))
                result = run([hd, "--db", db, "import", data, "--keep-ids"], env)
                best = result if best is None or result[0] < best[0] else best
            wall, cpu, rss = best
            lines.append("- %s (%.0f MB): import --keep-ids %.2f s, **%.0f tickets/s**, CPU %.2f s, peak RSS %.0f MB"
                         % (kind, size, wall, a.tickets / wall, cpu, rss))
            # Renumbering: the same tickets again, after the ones already there.
            wall, cpu, rss = run([hd, "--db", db, "import", data], env)
            lines.append("  - again without --keep-ids, into the store of %d: %.2f s, %.0f tickets/s"
                         % (a.tickets, wall, a.tickets / wall))
            first = os.path.join(tmp, kind + "-a.jsonl")
            second = os.path.join(tmp, kind + "-b.jsonl")
            copy = os.path.join(tmp, kind + "-copy.db")
            with open(first, "wb") as out:
                wall, cpu, rss = run([hd, "--db", os.path.join(tmp, "%s-0.db" % kind), "export"], env, stdout=out)
            lines.append("  - export of %d: %.2f s, peak RSS %.0f MB" % (a.tickets, wall, rss))
            run([hd, "--db", copy, "import", first, "--keep-ids"], env)
            with open(second, "wb") as out:
                run([hd, "--db", copy, "export"], env, stdout=out)
            same = filecmp.cmp(first, second, shallow=False)  # in chunks: a child's peak RSS starts at ours
            lines.append("  - export → import --keep-ids → export: %s" % ("identical" if same else "DIFFERENT"))
    head = ["# hd import benchmark, %s" % datetime.date.today().isoformat(), "",
            "Machine: %s, %d cores, %s; load average %.1f at the start; %d tickets, best of %d runs" %
            (platform.machine(), os.cpu_count(), platform.platform(), load, a.tickets, a.runs), ""]
    text = "\n".join(head + lines) + "\n"
    print(text, end="")
    if a.markdown:
        with open(a.markdown, "w", encoding="utf-8") as out:
            out.write(text)


if __name__ == "__main__":
    main()
