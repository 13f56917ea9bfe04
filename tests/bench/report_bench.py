#!/usr/bin/env python3
"""hd report benchmark: every report kind on a store of N tickets, as whole processes.

The store holds a year of tickets ending at HD_NOW (created evenly over 365 days): 95 % resolved (40 %
of those closed), the rest active; a third escalated once or twice with their `escalated` events; 30
agents; eight categories. It is made with `hd import` of generated JSON Lines; then, since hd import
writes neither, SLA clocks (ticket_sla, one per ticket), breaches (about 8 % of tickets) and ratings
(30 % of resolved tickets) are added with SQL. Each report runs over the default range (the last 30
days) and over the whole year (--since 365d), as a table and as --json; the median of --runs runs.

    python3 tests/bench/report_bench.py --hd build-release/cmd/hd --markdown tests/bench/RESULTS-report.md
"""
import argparse
import datetime
import json
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

NOW = 1_795_435_200  # 2026-11-23T10:00:00Z
DAY = 86_400
CATEGORIES = ["access", "account", "email", "hardware", "network", "printer", "software", "other"]
KINDS = ["summary", "sla", "tiers", "agents", "categories", "volume", "csat"]


def ts(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def generate(path, n, rng):
    """Writes the tickets; returns, per ticket, what the SQL part needs."""
    facts = []
    eid = 0
    with open(path, "w", encoding="utf-8") as out:
        for i in range(1, n + 1):
            created = NOW - 365 * DAY + (i * 365 * DAY) // (n + 1)
            esc = rng.choices([0, 1, 2], [0.67, 0.23, 0.10])[0]
            active = created > NOW - 10 * DAY and rng.random() < 0.5 or rng.random() < 0.02
            resolved = None if active else min(NOW - 1, created + int(rng.expovariate(1 / (8 * 3600))) + 600)
            status = rng.choice(["new", "open", "pending"]) if active else ("closed" if rng.random() < 0.4 else "resolved")
            agent = "agent%d" % rng.randrange(30)
            assignee = None if status == "new" else agent
            events = []
            eid += 1
            events.append({"id": eid, "ticket": i, "at": ts(created), "actor": "user", "kind": "created", "field": None,
                           "from": None, "to": "t", "note": None, "merged_from": None})
            for level in range(1, esc + 1):
                eid += 1
                at = created + level * 1800
                events.append({"id": eid, "ticket": i, "at": ts(at), "actor": agent, "kind": "escalated", "field": None,
                               "from": str(level), "to": str(level + 1), "note": "needs more", "merged_from": None})
            t = {"id": i, "type": "incident", "title": "Ticket %d" % i, "description": None, "status": status,
                 "priority": "P%d" % rng.randint(1, 4), "impact": None, "urgency": None,
                 "category": rng.choice(CATEGORIES + [None]), "tier": 1 + esc, "assignee": assignee,
                 "requester": "user%d" % (i % 500), "channel": "email", "tags": [], "created_at": ts(created),
                 "updated_at": ts(resolved or created), "resolved_at": ts(resolved) if resolved else None,
                 "closed_at": ts(resolved + 3600) if status == "closed" else None,
                 "resolution_code": "fixed" if resolved else None, "dedup_key": None, "occurrences": 1,
                 "last_seen_at": ts(created), "team": None, "cc": [], "escalations": esc,
                 "comments": [], "events": events, "links": []}
            out.write(json.dumps(t, separators=(",", ":")) + "\n")
            facts.append((i, created, resolved, esc))
    return facts


def add_sql_rows(db, facts, rng):
    con = sqlite3.connect(db)
    sla, breaches, ratings = [], [], []
    for i, created, resolved, esc in facts:
        responded = created + int(rng.expovariate(1 / 1800)) + 60
        if resolved is not None:
            responded = min(responded, resolved)
        elif responded > NOW:
            responded = None
        respond_met = None if responded is None else int(responded - created <= 3600)
        resolve_met = None if resolved is None else int(resolved - created <= 8 * 3600)
        sla.append((i, "P3", "24x7", 3600, responded, created + 3600, created + 2880, respond_met, 8 * 3600,
                    None if resolved else created + 8 * 3600, None if resolved else created + 6 * 3600, resolve_met,
                    1 + esc, created, "f"))
        if respond_met == 0 or rng.random() < 0.03:
            breaches.append((i, "respond", 0, created + 3600, created + 3660))
        if esc and rng.random() < 0.1:
            breaches.append((i, "pickup", 1 + esc, created + 7200, created + 7260))
        if resolved is not None and rng.random() < 0.3:
            ratings.append((i, rng.choices([1, 2, 3, 4, 5], [0.05, 0.07, 0.13, 0.35, 0.4])[0],
                            "comment %d" % i if rng.random() < 0.3 else None, "user%d" % (i % 500),
                            min(NOW - 1, resolved + 3600)))
    con.executemany("INSERT OR REPLACE INTO ticket_sla (ticket_id, policy, calendar, respond_target, responded_at, "
                    "respond_due, respond_risk_at, respond_met, resolve_target, resolve_due, resolve_risk_at, "
                    "resolve_met, tier, tier_since, fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", sla)
    con.executemany("INSERT OR IGNORE INTO sla_breaches (ticket_id, target, tier, due, recorded_at) VALUES (?,?,?,?,?)",
                    breaches)
    con.executemany("INSERT OR REPLACE INTO ratings (ticket_id, score, comment, rated_by, rated_at) VALUES (?,?,?,?,?)",
                    ratings)
    con.commit()
    con.close()
    return len(sla), len(breaches), len(ratings)


def timed(args, env):
    start = time.perf_counter()
    proc = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(args), proc.stderr.decode()))
    return wall


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hd", default="build-release/cmd/hd")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", help="keep the store at this path")
    parser.add_argument("--markdown")
    a = parser.parse_args()
    hd = os.path.abspath(a.hd)
    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HD_USER="bench", HD_NOW=ts(NOW), XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                   XDG_DATA_HOME=os.path.join(tmp, "data"), NO_COLOR="1")
        env.pop("HD_CONFIG", None)
        db = a.keep or os.path.join(tmp, "hd.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        env["HD_DB"] = db
        data = os.path.join(tmp, "tickets.jsonl")
        facts = generate(data, a.tickets, rng)
        wall = timed([hd, "import", data, "--keep-ids"], env)
        sla, breaches, ratings = add_sql_rows(db, facts, rng)
        load = os.getloadavg()[0]
        lines = ["# hd report benchmark, %s" % datetime.date.today().isoformat(), "",
                 "Machine: %s, %d cores, %s; load average %.1f at the start." %
                 (platform.machine(), os.cpu_count(), platform.platform(), load),
                 "Store: %d tickets over a year (import %.1f s), %d SLA clocks, %d breaches, %d ratings; %.0f MB." %
                 (a.tickets, wall, sla, breaches, ratings, os.path.getsize(db) / 1e6),
                 "Median of %d runs of the whole process, in milliseconds (`hd --version`: %.1f ms)." %
                 (a.runs, 1000 * statistics.median(timed([hd, "--version"], env) for _ in range(a.runs))), "",
                 "| report | last 30 days | --json | whole year (--since 365d) | --json |",
                 "| --- | ---: | ---: | ---: | ---: |"]
        for kind in KINDS:
            cells = []
            for extra in ([], ["--since", "365d"]):
                for form in ([], ["--json"]):
                    args = [hd] + form + ["report", kind] + extra
                    timed(args, env)  # warm the page cache
                    cells.append("%.1f" % (1000 * statistics.median(timed(args, env) for _ in range(a.runs))))
            lines.append("| %s | %s |" % (kind, " | ".join(cells)))
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if a.markdown:
        with open(a.markdown, "w", encoding="utf-8") as out:
            out.write(text)


if __name__ == "__main__":
    main()
