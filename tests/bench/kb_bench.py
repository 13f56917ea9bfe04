#!/usr/bin/env python3
"""Knowledge-base benchmark: import the real help articles in ../shared/data, measure the store and
`hd kb search` latency per language, then grow the store tenfold and measure again.

Not a test: it prints numbers (and writes them as Markdown with --markdown FILE). Run it through
`make bench-kb`, or: tests/bench/kb_bench.py --hd build/cmd/hd --data ../shared/data

The queries are made from the article titles (every Nth title of each language, its two longest
words), half of them typed without diacritics, as agents type them.
"""
import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata

LANGS = ["en", "vi", "pl", "ru", "de", "fr", "es"]
QUERIES_PER_LANG = 30


def strip_diacritics(text):
    text = text.replace("đ", "d").replace("Đ", "D").replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def words_of(title):
    # Split where the search splits: at anything that is not a letter or digit (l’imprimante, Wi-Fi).
    cleaned = "".join(c if c.isalnum() else " " for c in title)
    return [w for w in cleaned.split() if len(w) >= 4]


def make_queries(gnome_index, office_index):
    by_lang = {l: [] for l in LANGS}
    for path in (gnome_index, office_index):
        with open(path, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                lang = rec.get("language", "en")
                if lang in by_lang and rec.get("title"):
                    by_lang[lang].append(rec["title"])
    queries = {}
    for lang, titles in by_lang.items():
        step = max(1, len(titles) // QUERIES_PER_LANG)
        qs = []
        for i, title in enumerate(titles[::step][:QUERIES_PER_LANG]):
            words = sorted(words_of(title), key=len, reverse=True)[:2]
            if not words:
                continue
            q = " ".join(words)
            qs.append(strip_diacritics(q) if i % 2 else q)
        queries[lang] = qs
    return queries


def run(hd, env, *args, check=True):
    start = time.perf_counter()
    p = subprocess.run([hd, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if check and p.returncode != 0:
        sys.exit(f"hd {' '.join(args)} failed ({p.returncode}): {p.stderr.decode(errors='replace')}")
    return elapsed, p


def measure_search(hd, env, queries):
    rows = {}
    for lang, qs in queries.items():
        times, hits = [], 0
        for q in qs:
            t, p = run(hd, env, "kb", "search", q, "--limit", "10", "-q")
            times.append(t * 1000)
            hits += 1 if p.stdout.strip() else 0
        rows[lang] = (statistics.median(times), max(times), hits, len(qs))
    return rows


def open_tickets(hd, env, data):
    """Files 5 real support tickets per language (en, de, es, fr) for `hd kb suggest`."""
    path = os.path.join(data, "multilingual-support-tickets-sample", "dataset-tickets-multi-lang3-4k.sample.csv")
    ids, per_lang = [], {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            lang = row.get("language")
            if lang not in ("en", "de", "es", "fr") or per_lang.get(lang, 0) >= 5 or not row["subject"].strip():
                continue
            per_lang[lang] = per_lang.get(lang, 0) + 1
            _, p = run(hd, env, "open", row["subject"].strip()[:200], "-d", row["body"], "-q")
            ids.append(p.stdout.decode().strip())
    return ids


def measure_suggest(hd, env, ids):
    times = [run(hd, env, "kb", "suggest", i, "--limit", "3", "-q")[0] * 1000 for i in ids]
    return statistics.median(times), max(times)


def peak_rss_kb(hd, env, args):
    p = subprocess.run(["/usr/bin/time", "-f", "%M", hd, *args], env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    return int(p.stderr.decode().strip().splitlines()[-1])


def store_size(db):
    return sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hd", default="build/cmd/hd")
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--markdown", help="also write the results here as Markdown")
    a = ap.parse_args()
    hd = os.path.abspath(a.hd)
    gnome = os.path.join(a.data, "kb-gnome-help")
    office = os.path.join(a.data, "kb-microsoft-office-support")
    work = tempfile.mkdtemp(prefix="hd-kb-bench.")
    db = os.path.join(work, "kb.db")
    env = dict(os.environ, HD_DB=db, HD_USER="bench", NO_COLOR="1", XDG_CONFIG_HOME=os.path.join(work, "cfg"))
    env.pop("HD_CONFIG", None)
    lines = []

    def say(text=""):
        print(text, flush=True)
        lines.append(text)

    try:
        queries = make_queries(os.path.join(gnome, "index.jsonl"), os.path.join(office, "index.jsonl"))
        t_gnome, _ = run(hd, env, "-q", "kb", "import", gnome)
        t_office, _ = run(hd, env, "-q", "kb", "import", office)
        _, p = run(hd, env, "kb", "list", "-q")
        base_count = len(p.stdout.split())
        say(f"# hd kb benchmark, {time.strftime('%Y-%m-%d')}")
        say()
        say(f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; "
            f"{run(hd, env, '--version')[1].stdout.decode().strip()}")
        say()
        say(f"- import kb-gnome-help: {t_gnome:.2f} s; kb-microsoft-office-support: {t_office:.2f} s "
            f"({base_count} articles)")
        say(f"- store size: {store_size(db) / 1e6:.1f} MB")
        base = measure_search(hd, env, queries)
        tickets = open_tickets(hd, env, a.data)
        suggest_base = measure_suggest(hd, env, tickets)

        # Tenfold: nine more copies of every article under other ids.
        export = os.path.join(work, "export")
        run(hd, env, "-q", "kb", "export", export)
        t_copies = 0.0
        for k in range(1, 10):
            copy = os.path.join(work, f"copy{k}")
            shutil.copytree(export, copy)
            for root, _, files in os.walk(copy):
                for name in files:
                    path = os.path.join(root, name)
                    with open(path, encoding="utf-8") as f:
                        text = f.read()
                    text = text.replace("\nid: \"", f"\nid: \"copy{k}-", 1)
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text)
            t, _ = run(hd, env, "-q", "kb", "import", copy)
            t_copies += t
            shutil.rmtree(copy)
        _, p = run(hd, env, "kb", "list", "-q")
        big_count = len(p.stdout.split())
        say(f"- tenfold: {big_count} articles (nine imports of copies, {t_copies:.1f} s in all); "
            f"store size {store_size(db) / 1e6:.1f} MB")
        big = measure_search(hd, env, queries)
        suggest_big = measure_suggest(hd, env, tickets)
        rss = peak_rss_kb(hd, env, ["kb", "search", "printer", "--limit", "10"])
        say(f"- peak RSS of `hd kb search printer` at tenfold: {rss / 1024:.1f} MB")
        say()
        say(f"`hd kb search QUERY --limit 10 -q`, {QUERIES_PER_LANG} queries per language, process wall time (ms):")
        say()
        say("| lang | queries | with hits | median (base) | max (base) | median (10×) | max (10×) | growth |")
        say("|---|---|---|---|---|---|---|---|")
        for lang in LANGS:
            if lang not in base:
                continue
            m0, x0, h0, n = base[lang]
            m1, x1, h1, _ = big[lang]
            say(f"| {lang} | {n} | {h0} | {m0:.1f} | {x0:.1f} | {m1:.1f} | {x1:.1f} | {m1 / m0:.2f}× |")
        say()
        say(f"`hd kb suggest ID --limit 3 -q` on {len(tickets)} real tickets (en, de, es, fr): median "
            f"{suggest_base[0]:.1f} ms, max {suggest_base[1]:.1f} ms at base; median {suggest_big[0]:.1f} ms, "
            f"max {suggest_big[1]:.1f} ms at tenfold.")
        if a.markdown:
            with open(a.markdown, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
