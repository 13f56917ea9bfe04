"""The tickets every tool of peers_bench.py holds: the same ones, in each tool's own form.

Titles are real (../shared/data/it-service-tickets, the first words of each ticket, cycled). 5 % of
the tickets are active (status open), the rest closed. Exactly `hits` open tickets have tier 2 and
P1, spread evenly through the ids, at every size: the list workload prints the same rows on a
store of 100,000 and of 1,000,000. The tickets are generated on demand (an iterable, not a list),
so that this process stays small: a child started from a big process inherits its peak RSS.
"""
import csv
import os
import random
import time
from typing import NamedTuple

CATEGORIES = ["access", "account", "email", "hardware", "network", "printer", "software", "other"]  # hd's defaults
NOW = int(time.time())
SPAN = 2 * 365 * 86400  # the tickets were opened over the last two years


class Ticket(NamedTuple):
    id: int
    title: str
    category: str
    active: bool
    tier: int       # 1..3
    priority: int   # 1..4
    created: int    # Unix seconds
    requester: str

    @property
    def resolved(self):
        return None if self.active else self.created + 3600

    @property
    def closed(self):
        return None if self.active else self.created + 7200


def load_titles(data_dir, limit=20_000):
    """The first six words of the first `limit` real tickets."""
    path = os.path.join(data_dir, "it-service-tickets", "all_tickets_processed_improved_v3.csv")
    titles = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            words = row["Document"].split()[:6]
            if words:
                titles.append(" ".join(words).capitalize())
            if len(titles) >= limit:
                break
    if not titles:
        raise SystemExit(f"no titles in {path}")
    return titles


class Tickets:
    """n tickets, the same every time they are iterated."""

    def __init__(self, n, hits, titles):
        self.n, self.hits, self.titles = n, hits, titles

    def __len__(self):
        return self.n

    def __iter__(self):
        rng = random.Random(self.n)
        step = max(1, self.n // self.hits)
        for i in range(1, self.n + 1):
            created = NOW - SPAN + (i * SPAN) // self.n - 3600
            title = self.titles[i % len(self.titles)]
            if i % step == 0 and i // step <= self.hits:
                active, tier, prio = True, 2, 1
            else:
                active = rng.random() < 0.05
                tier, prio = rng.randint(1, 3), rng.randint(1, 4)
                if active and (tier, prio) == (2, 1):
                    prio = 2  # keep the open tier-2 P1 tickets at exactly `hits`
            yield Ticket(i, title, CATEGORIES[i % len(CATEGORIES)], active, tier, prio, created, f"user{i % 500}")


def generate(n, hits, titles):
    return Tickets(n, hits, titles)
