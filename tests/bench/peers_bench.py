#!/usr/bin/env python3
"""hd beside its peers: taskwarrior, fossil's tickets, and the sqlite3 shell as the floor.

Every workload runs on every tool in the same run, interleaved (hd, sqlite3, task, fossil, then
sqlite3, task, fossil, hd, ...: each round starts one tool further on), one process per command, as a user or a script would run them. Prints medians, peak RSS and the
hd/peer ratios, writes Markdown (--markdown) and every raw sample (--raw, JSON).

    python3 tests/bench/peers_bench.py --hd build-release/cmd/hd --data ../shared/data \
        --markdown tests/bench/RESULTS.md --raw tests/bench/RESULTS-raw.json

The same tickets go into every tool, from tests/bench/peer_data.py: real titles from
../shared/data/it-service-tickets, 5 % active, and exactly --hits open tickets of tier 2 and P1 at
every store size, so that the list workload prints the same rows on 100,000 and on 1,000,000.
Numbers, never pass/fail: `make bench` runs it, `make test` does not.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_data  # noqa: E402
import peer_tools  # noqa: E402


class Samples:
    """Every measurement, by workload and tool: wall seconds and peak RSS (MB) of each run."""

    def __init__(self):
        self.data = {}

    def add(self, workload, tool, wall=None, rss=None, **extra):
        entry = self.data.setdefault(workload, {}).setdefault(tool, {"wall": [], "rss": []})
        if wall is not None:
            entry["wall"].append(wall)
        if rss is not None:
            entry["rss"].append(rss)
        entry.update(extra)

    def median_ms(self, workload, tool):
        e = self.data.get(workload, {}).get(tool)
        return statistics.median(e["wall"]) * 1000 if e and e["wall"] else None

    def peak_mb(self, workload, tool):
        e = self.data.get(workload, {}).get(tool)
        return max(e["rss"]) if e and e["rss"] else None


def interleaved(samples, workload, tools, runs, command_of, expect_lines=None):
    """Runs command_of(tool) for each tool in turn, `runs` timed rounds; checks each succeeded.

    A first, untimed round warms the page cache and measures peak RSS (see peer_tools.measure).
    Each round starts one tool further on (hd, sqlite3, task, fossil; then sqlite3, task, fossil,
    hd; ...), so that no tool always runs right after the same one: a command that follows
    taskwarrior's (hundreds of MB, freed at its exit) finds the caches cold."""
    for r in range(runs + 1):
        for tool in tools[r % len(tools):] + tools[:r % len(tools)]:
            argv, env, cwd = command_of(tool, r)
            res = peer_tools.measure(argv, env, cwd, with_rss=(r == 0))
            if res.rc != 0:
                sys.exit(f"{workload}: {tool.name} failed ({res.rc}): {' '.join(argv)}\n{res.err}")
            if r == 0:
                want = expect_lines(tool) if expect_lines else None
                if want is not None and res.lines != want:
                    sys.exit(f"{workload}: {tool.name} printed {res.lines} lines, expected {want}: {' '.join(argv)}")
                samples.add(workload, tool.name, rss=res.rss, lines=res.lines)
            else:
                samples.add(workload, tool.name, wall=res.wall)


def table(samples, workload, tools, note=""):
    """A Markdown table: median, peak RSS, hd/peer ratio (below 1 means hd is faster)."""
    hd_ms = samples.median_ms(workload, "hd")
    rows = ["| tool | median ms | min ms | runs | peak RSS MB | hd / tool |", "|---|---:|---:|---:|---:|---:|"]
    for tool in tools:
        e = samples.data.get(workload, {}).get(tool.name)
        if not e or not e["wall"]:
            rows.append(f"| {tool.label} | n/a | | | | |")
            continue
        med = statistics.median(e["wall"]) * 1000
        ratio = "" if tool.name == "hd" else f"{hd_ms / med:.2f}"
        rows.append(f"| {tool.label} | {med:.1f} | {min(e['wall']) * 1000:.1f} | {len(e['wall'])} | "
                    f"{max(e['rss']):.1f} | {ratio} |")
    return rows + ([""] + [note] if note else []) + [""]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hd", default="build-release/cmd/hd")
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../../shared/data"))
    ap.add_argument("--small", type=int, default=1_000, help="the small store (tickets)")
    ap.add_argument("--large", type=int, default=100_000, help="the large store (tickets)")
    ap.add_argument("--huge", type=int, default=1_000_000, help="the list workload's second size (0: skip)")
    ap.add_argument("--hits", type=int, default=50, help="open tickets of tier 2 and P1, at every size")
    ap.add_argument("--runs", type=int, default=21, help="runs of each short command")
    ap.add_argument("--import-runs", type=int, default=3, help="runs of each import")
    ap.add_argument("--concurrent", type=int, default=100, help="creates started at once")
    ap.add_argument("--huge-peers", action="store_true", help="also build fossil's 1,000,000 (slow)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--markdown")
    ap.add_argument("--raw")
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="hd-peers-bench.")
    tools = peer_tools.all_tools(os.path.abspath(a.hd), work)
    hd = tools[0]
    samples = Samples()
    out = []
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    started = time.time()
    load = os.getloadavg()[0]
    titles = peer_data.load_titles(a.data)

    # 1. Import: the large store, timed. The last run of each tool is its large store.
    log(f"generating {a.large} tickets for every tool")
    large = peer_data.generate(a.large, a.hits, titles)
    inputs = {t.name: t.write_input(large, os.path.join(work, f"in-{t.name}-{a.large}")) for t in tools}
    stores = {}
    for r in range(a.import_runs):
        for t in tools:
            if r > 0 and not t.repeat_import:
                continue
            log(f"import {a.large}: {t.name} (run {r + 1})")
            store = os.path.join(work, f"{t.name}-{a.large}-{r}")
            res = t.bulk_load(inputs[t.name], store)
            if res.rc != 0:
                sys.exit(f"import: {t.name} failed ({res.rc})\n{res.err}")
            samples.add("import", t.name, res.wall, res.rss)
            if r > 0:
                t.remove(stores[t.name])
            stores[t.name] = store
    for t in tools:
        n = t.count(stores[t.name])
        if n != a.large:
            sys.exit(f"import: {t.name} holds {n} tickets, not {a.large}")

    # The small store, and the huge one for the list workload (built the fastest way, untimed).
    small_stores = {}
    small = peer_data.generate(a.small, a.hits, titles)
    for t in tools:
        inp = t.write_input(small, os.path.join(work, f"in-{t.name}-{a.small}"))
        small_stores[t.name] = os.path.join(work, f"{t.name}-{a.small}")
        t.bulk_load(inp, small_stores[t.name])
        t.remove_input(inp)
    for t in tools:
        t.remove_input(inputs[t.name])

    # 2. Create one ticket, on the small and on the large store.
    for label, where in ((f"open-{a.small}", small_stores), (f"open-{a.large}", stores)):
        log(f"{label}: {a.runs} runs per tool")
        interleaved(samples, label, tools, a.runs,
                    lambda t, r: t.create(where[t.name], f"Printer on floor {r} prints blank pages"))

    # 3. List the open tickets of tier 2 and P1: the same rows on the large and the huge store.
    log(f"list-{a.large}")
    interleaved(samples, f"list-{a.large}", tools, a.runs, lambda t, r: t.list_hits(stores[t.name]),
                expect_lines=lambda t: t.list_lines(a.hits))
    huge_tools = []
    if a.huge:
        log(f"generating {a.huge} tickets")
        huge = peer_data.generate(a.huge, a.hits, titles)
        huge_stores = {}
        for t in tools:
            if t.name == "fossil" and not a.huge_peers:
                continue
            log(f"building {t.name}'s store of {a.huge}")
            inp = t.write_input(huge, os.path.join(work, f"in-{t.name}-{a.huge}"))
            huge_stores[t.name] = os.path.join(work, f"{t.name}-{a.huge}")
            res = t.bulk_load(inp, huge_stores[t.name])
            if res.rc != 0:
                sys.exit(f"{t.name}: store of {a.huge} failed\n{res.err}")
            samples.add(f"build-{a.huge}", t.name, res.wall, res.rss)
            t.remove_input(inp)
            huge_tools.append(t)
        del huge
        log(f"list-{a.huge}")
        interleaved(samples, f"list-{a.huge}", huge_tools, a.runs, lambda t, r: t.list_hits(huge_stores[t.name]),
                    expect_lines=lambda t: t.list_lines(a.hits))
        for t in huge_tools:
            t.remove(huge_stores[t.name])

    # 4. Start-up and completion on the large store.
    log("start-up and completion")
    interleaved(samples, "version", tools, a.runs, lambda t, r: t.version())
    completers = [t for t in tools if t.has_completion]
    interleaved(samples, f"complete-{a.large}", completers, a.runs, lambda t, r: t.complete(stores[t.name]))

    # 5. Knowledge-base search and the summary report on the large store.
    kb_tools = [t for t in tools if t.has_kb]
    log("loading the knowledge base")
    for t in kb_tools:
        t.load_kb(stores[t.name], a.data, stores["hd"])
    queries = ["printer", "password reset", "wifi network", "outlook calendar", "drucker", "imprimante"]
    interleaved(samples, f"kb-search-{a.large}", kb_tools, a.runs,
                lambda t, r: t.kb_search(stores[t.name], queries[r % len(queries)]))
    reporters = [t for t in tools if t.has_report]
    interleaved(samples, f"report-{a.large}", reporters, a.runs, lambda t, r: t.report(stores[t.name]))

    # 6. Concurrent creates on the large store: landed, failed, wall time.
    concurrency = {}
    for t in tools:
        log(f"{a.concurrent} creates at once: {t.name}")
        before = t.count(stores[t.name])
        wall, results = peer_tools.at_once([t.create(stores[t.name], f"Storm ticket {i}") for i in range(a.concurrent)])
        landed = sum(1 for r in results if r.rc == 0)
        stored = t.count(stores[t.name]) - before
        errors = sorted({r.err.strip().splitlines()[-1][:120] for r in results if r.rc != 0 and r.err.strip()})
        concurrency[t.name] = {"landed": landed, "failed": a.concurrent - landed, "stored": stored,
                               "wall": wall, "rss": max(r.rss for r in results), "errors": errors[:3]}

    # Integrity after all of it.
    check = peer_tools.measure([hd.bin, "--db", stores["hd"], "check", "-q"], hd.env, None)

    # Report.
    versions = {t.name: t.version_string() for t in tools}
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    out += [f"# hd beside its peers, {datetime.date.today().isoformat()}", "",
            "Generated by `make bench` (tests/bench/peers_bench.py); every raw sample is in RESULTS-raw.json.", "",
            f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.platform()}; load average {load:.1f} at the start",
            "- Versions: " + "; ".join(f"{t.label}: {versions[t.name]}" for t in tools),
            f"- Stores: {a.small:,} and {a.large:,} tickets (and {a.huge:,} for the list), 5 % of them active; "
            f"every tool holds the same tickets (real titles from it-service-tickets).",
            f"- Each short command: {a.runs} runs per tool, interleaved, each round starting one tool further on; wall time of the whole process; "
            "peak RSS from GNU time in one more, untimed run. A ratio below 1 means hd is faster.",
            "- The sqlite3 shell is the floor: the same SQLite file and schema as hd (its tickets table and "
            "indexes), one statement per process.", ""]

    def section(title, workload, what, ts=tools, note=""):
        out.append(f"## {title}")
        out.append("")
        out.append(what)
        out.append("")
        out.extend(table(samples, workload, ts, note))

    section(f"Import {a.large:,} tickets", "import",
            "hd: `hd import FILE --keep-ids` (JSON Lines, each ticket with its events). sqlite3: one script of "
            "INSERTs (tickets, events, tags) in one transaction. task: `task import FILE` (JSON). fossil: "
            "`fossil reconstruct` of one ticket artifact per ticket, fossil's bulk path.")
    rate = [f"- {t.label}: {a.large / statistics.median(samples.data['import'][t.name]['wall']):,.0f} tickets/s"
            for t in tools if samples.data["import"].get(t.name)]
    out.extend(rate + [""])
    section(f"Create one ticket, store of {a.small:,}", f"open-{a.small}",
            "hd: `hd open TITLE -q`. sqlite3: one INSERT into tickets. task: `task add TITLE`. "
            "fossil: `fossil ticket add title TITLE status Open`.")
    section(f"Create one ticket, store of {a.large:,}", f"open-{a.large}", "The same commands on the large store.")
    section(f"List the open tickets of tier 2 and P1, store of {a.large:,} ({a.hits} rows)", f"list-{a.large}",
            "hd: `hd list status:open tier:2 prio:P1`. sqlite3: the same SELECT. task: "
            "`task project:L2 priority:H list`. fossil: `fossil ticket show 0 \"status='Open' AND "
            "subsystem='L2' AND priority='Immediate'\"`.")
    if a.huge:
        section(f"The same list, store of {a.huge:,} ({a.hits} rows)", f"list-{a.huge}",
                "The time must depend on the rows printed, not on the store's size.", huge_tools,
                "" if a.huge_peers else f"fossil is left out at {a.huge:,} (its store takes long to build; "
                "`--huge-peers` adds it).")
        hd_big = samples.median_ms(f"list-{a.huge}", "hd")
        hd_small = samples.median_ms(f"list-{a.large}", "hd")
        out += [f"hd: {hd_big:.1f} ms at {a.huge:,} against {hd_small:.1f} ms at {a.large:,} "
                f"({hd_big / hd_small:.2f}×).", ""]
    section("Start-up", "version", "`--version` of each (`fossil version`).")
    section(f"Completion, store of {a.large:,}", f"complete-{a.large}",
            "hd: `hd __complete resolve ''` (ids and titles of active tickets, as the shells ask). sqlite3: the same "
            "bounded SELECT. task: `task _ids` (its completion helper). fossil has no completion.", completers)
    section(f"Knowledge-base search, store of {a.large:,}", f"kb-search-{a.large}",
            "hd: `hd kb search QUERY --limit 10` over the real help articles (gnome-help and Microsoft "
            "support, 7 languages). sqlite3: an FTS5 table (unicode61, remove_diacritics) of the same articles, "
            "bm25, LIMIT 10. taskwarrior and fossil have no knowledge base.", kb_tools)
    section(f"Summary report, store of {a.large:,}", f"report-{a.large}",
            "hd: `hd report summary` (the last 30 days). sqlite3: the counts by status, priority and tier of the "
            "same period. task: `task summary`. fossil has no summary report.", reporters)
    out += [f"## {a.concurrent} creates started at once, store of {a.large:,}", "",
            "| tool | landed | failed | in the store | wall s | peak RSS MB | errors |", "|---|---:|---:|---:|---:|---:|---|"]
    for t in tools:
        c = concurrency[t.name]
        out.append(f"| {t.label} | {c['landed']} | {c['failed']} | {c['stored']} | {c['wall']:.2f} | {c['rss']:.1f} | "
                   f"{'; '.join(c['errors'])} |")
    out += ["", "sqlite3 runs with `.timeout 10000` (its default is to fail at once on a lock).", ""]

    # Targets of issue 8.
    # "At 100,000 tickets": the store of 1,000,000 is built by an import too, whose memory grows with
    # the file's ids (printed apart, below the table).
    at_large = {w: e for w, e in samples.data.items() if w != f"build-{a.huge}"}
    peak, peak_of = max((max(e["rss"]), w) for w, tools_of in at_large.items() for name, e in tools_of.items()
                        if name == "hd")
    if concurrency["hd"]["rss"] > peak:
        peak, peak_of = concurrency["hd"]["rss"], "concurrent creates"
    hd_open = samples.median_ms(f"open-{a.large}", "hd")
    floor = samples.median_ms(f"open-{a.large}", "sqlite3")
    targets = [
        ("`hd open` within 2× the sqlite3 shell's insert (store of %s)" % f"{a.large:,}",
         f"{hd_open:.1f} ms vs {floor:.1f} ms ({hd_open / floor:.2f}×)", hd_open <= 2 * floor),
        ("`hd open` faster than task and fossil", ", ".join(
            f"{t.name} {samples.median_ms(f'open-{a.large}', t.name):.1f} ms" for t in tools[2:]),
         all(hd_open < samples.median_ms(f"open-{a.large}", t.name) for t in tools[2:])),
        (f"list under 10 ms at {a.large:,}", f"{samples.median_ms(f'list-{a.large}', 'hd'):.1f} ms",
         samples.median_ms(f"list-{a.large}", "hd") < 10),
        (f"completion under 10 ms at {a.large:,}", f"{samples.median_ms(f'complete-{a.large}', 'hd'):.1f} ms",
         samples.median_ms(f"complete-{a.large}", "hd") < 10),
        ("import at least 50,000 tickets/s",
         f"{a.large / statistics.median(samples.data['import']['hd']['wall']):,.0f} tickets/s",
         a.large / statistics.median(samples.data["import"]["hd"]["wall"]) >= 50_000),
        (f"{a.concurrent}/{a.concurrent} concurrent creates landed",
         f"{concurrency['hd']['landed']} landed, {concurrency['hd']['stored']} stored",
         concurrency["hd"]["landed"] == a.concurrent == concurrency["hd"]["stored"]),
        (f"peak memory of any command under 30 MB at {a.large:,}", f"{peak:.1f} MB ({peak_of})", peak < 30),
        ("`hd check` after all of it", "exit %d" % check.rc, check.rc == 0),
    ]
    out += ["## Targets (issue 8)", "", "| target | measured | met |", "|---|---|---|"]
    out += [f"| {name} | {value} | {'yes' if ok else '**no**'} |" for name, value, ok in targets]
    if samples.data.get(f"build-{a.huge}", {}).get("hd"):
        built = samples.data[f"build-{a.huge}"]["hd"]
        out += ["", f"Building the store of {a.huge:,} (`hd import`, not a target): {a.huge / built['wall'][0]:,.0f} "
                f"tickets/s, peak RSS {built['rss'][0]:.1f} MB."]
    out += ["", f"Whole run: {(time.time() - started) / 60:.0f} minutes.", ""]

    text = "\n".join(out)
    print(text)
    if a.markdown:
        with open(a.markdown, "w", encoding="utf-8") as f:
            f.write(text)
    if a.raw:
        with open(a.raw, "w", encoding="utf-8") as f:
            json.dump({"date": datetime.date.today().isoformat(), "versions": versions, "samples": samples.data,
                       "concurrency": concurrency, "args": vars(a)}, f, indent=1)
            f.write("\n")
    if a.keep:
        log(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
