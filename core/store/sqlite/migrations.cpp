// The migrations. Never edit one that has shipped: add the next.
#include "core/store/sqlite/migrations.hpp"

namespace hd::sqlite {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = {
        {1, R"sql(
CREATE TABLE tickets (
    id              INTEGER PRIMARY KEY,
    type            TEXT    NOT NULL CHECK (type IN ('incident', 'request', 'problem', 'change')),
    title           TEXT    NOT NULL CHECK (title <> ''),
    description     TEXT,
    status          TEXT    NOT NULL CHECK (status IN ('new', 'open', 'pending', 'resolved', 'closed')),
    priority        INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
    impact          TEXT    CHECK (impact IN ('high', 'medium', 'low')),
    urgency         TEXT    CHECK (urgency IN ('high', 'medium', 'low')),
    category        TEXT,
    tier            INTEGER NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 9),
    assignee        TEXT,
    requester       TEXT,
    channel         TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    resolved_at     INTEGER,
    closed_at       INTEGER,
    resolution_code TEXT,
    dedup_key       TEXT,
    occurrences     INTEGER NOT NULL DEFAULT 1,
    last_seen_at    INTEGER
);
-- Queues and lists filter on status, tier and priority together and sort by priority then id.
CREATE INDEX tickets_by_status_tier_prio ON tickets (status, tier, priority, id);
CREATE INDEX tickets_by_tier_prio ON tickets (tier, priority, id);
CREATE INDEX tickets_by_prio ON tickets (priority, id);
CREATE INDEX tickets_by_assignee ON tickets (assignee, status);
CREATE INDEX tickets_by_requester ON tickets (requester);
CREATE INDEX tickets_by_category ON tickets (category, status);
CREATE INDEX tickets_by_type ON tickets (type, status);
CREATE INDEX tickets_by_channel ON tickets (channel, status);
CREATE INDEX tickets_by_created ON tickets (created_at);
CREATE INDEX tickets_by_updated ON tickets (updated_at);
CREATE INDEX tickets_by_dedup_key ON tickets (dedup_key) WHERE dedup_key IS NOT NULL;

CREATE TABLE ticket_tags (
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    tag       TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, tag)
) WITHOUT ROWID;
CREATE INDEX ticket_tags_by_tag ON ticket_tags (tag, ticket_id);

CREATE TABLE comments (
    id        INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    at        INTEGER NOT NULL,
    author    TEXT    NOT NULL,
    body      TEXT    NOT NULL,
    internal  INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1))
);
CREATE INDEX comments_by_ticket ON comments (ticket_id, id);

-- The append-only audit log: who, when, what, old -> new.
CREATE TABLE events (
    id        INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    at        INTEGER NOT NULL,
    actor     TEXT    NOT NULL,
    kind      TEXT    NOT NULL,
    field     TEXT,
    old_value TEXT,
    new_value TEXT,
    note      TEXT
);
CREATE INDEX events_by_ticket ON events (ticket_id, id);
CREATE INDEX events_by_kind_at ON events (kind, at);
CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql"},
        // Support tiers: agents, teams, escalation counts, links between tickets, merges.
        {2, R"sql(
CREATE TABLE agents (
    name             TEXT    PRIMARY KEY,
    tier             INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 9),
    email            TEXT,
    team             TEXT,
    created_at       INTEGER NOT NULL,
    last_assigned_at INTEGER
);
CREATE INDEX agents_by_tier ON agents (tier, name);

ALTER TABLE tickets ADD COLUMN team TEXT;
ALTER TABLE tickets ADD COLUMN escalations INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_by_team ON tickets (team, status);
-- Queues: a tier's unassigned, unresolved tickets by priority then age.
CREATE INDEX tickets_queue ON tickets (tier, priority, created_at, id) WHERE assignee IS NULL AND status IN ('new', 'open', 'pending');

CREATE TABLE ticket_cc (
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    name      TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, name)
) WITHOUT ROWID;

CREATE TABLE ticket_links (
    from_id    INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    to_id      INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('relates', 'duplicate-of', 'caused-by', 'parent')),
    created_at INTEGER NOT NULL,
    actor      TEXT    NOT NULL,
    PRIMARY KEY (from_id, to_id, kind),
    CHECK (from_id <> to_id)
) WITHOUT ROWID;
CREATE INDEX ticket_links_by_to ON ticket_links (to_id, from_id);

ALTER TABLE events ADD COLUMN merged_from INTEGER;
)sql"},
        // The knowledge base: articles with every version kept, the full-text index, and their uses on tickets.
        {3, R"sql(
CREATE TABLE kb_articles (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL CHECK (slug <> ''),
    lang       TEXT    NOT NULL CHECK (lang <> ''),
    title      TEXT    NOT NULL CHECK (title <> ''),
    body       TEXT    NOT NULL,
    body_text  TEXT    NOT NULL,           -- the body's readable text: what is indexed and quoted in snippets
    category   TEXT,
    tags       TEXT    NOT NULL DEFAULT '', -- space-separated, for the index; kb_article_tags is the truth
    status     TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    version    INTEGER NOT NULL DEFAULT 1,
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_by TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    uses       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (slug, lang)
);
CREATE INDEX kb_articles_by_lang ON kb_articles (lang, status);
CREATE INDEX kb_articles_by_category ON kb_articles (category, status);
CREATE INDEX kb_articles_by_status ON kb_articles (status, id);
CREATE INDEX kb_articles_by_uses ON kb_articles (uses, id);
CREATE INDEX kb_articles_by_updated ON kb_articles (updated_at);

CREATE TABLE kb_article_tags (
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    tag        TEXT    NOT NULL,
    PRIMARY KEY (article_id, tag)
) WITHOUT ROWID;
CREATE INDEX kb_article_tags_by_tag ON kb_article_tags (tag, article_id);

CREATE TABLE kb_versions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    lang       TEXT    NOT NULL,
    category   TEXT,
    tags       TEXT    NOT NULL DEFAULT '',
    status     TEXT    NOT NULL,
    by         TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    note       TEXT    NOT NULL,
    UNIQUE (article_id, version)
);
CREATE TRIGGER kb_versions_are_append_only BEFORE UPDATE ON kb_versions
BEGIN SELECT RAISE(ABORT, 'article history is append-only'); END;

CREATE TABLE kb_uses (
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('linked', 'solved')),
    by         TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (article_id, ticket_id)
) WITHOUT ROWID;
CREATE INDEX kb_uses_by_ticket ON kb_uses (ticket_id, article_id);

-- The index reads its text through this view. Each column starts with the article's language
-- between two char(1): the "hd" tokenizer (core/store/sqlite/fts_tokenizer.cpp) takes it to pick the
-- stemmer, and indexes no token for it.
CREATE VIEW kb_fts_source AS
SELECT id,
       char(1) || lang || char(1) || title     AS title,
       char(1) || lang || char(1) || tags      AS tags,
       char(1) || lang || char(1) || body_text AS body
FROM kb_articles;
CREATE VIRTUAL TABLE kb_fts USING fts5(title, tags, body, content = 'kb_fts_source', content_rowid = 'id',
                                       tokenize = 'hd');
-- Titles weigh most, then tags, then the body.
INSERT INTO kb_fts (kb_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)');

CREATE TRIGGER kb_articles_index_insert AFTER INSERT ON kb_articles BEGIN
    INSERT INTO kb_fts (rowid, title, tags, body)
    VALUES (new.id, char(1) || new.lang || char(1) || new.title, char(1) || new.lang || char(1) || new.tags,
            char(1) || new.lang || char(1) || new.body_text);
END;
CREATE TRIGGER kb_articles_index_delete AFTER DELETE ON kb_articles BEGIN
    INSERT INTO kb_fts (kb_fts, rowid, title, tags, body)
    VALUES ('delete', old.id, char(1) || old.lang || char(1) || old.title, char(1) || old.lang || char(1) || old.tags,
            char(1) || old.lang || char(1) || old.body_text);
END;
CREATE TRIGGER kb_articles_index_update AFTER UPDATE OF lang, title, tags, body_text ON kb_articles BEGIN
    INSERT INTO kb_fts (kb_fts, rowid, title, tags, body)
    VALUES ('delete', old.id, char(1) || old.lang || char(1) || old.title, char(1) || old.lang || char(1) || old.tags,
            char(1) || old.lang || char(1) || old.body_text);
    INSERT INTO kb_fts (rowid, title, tags, body)
    VALUES (new.id, char(1) || new.lang || char(1) || new.title, char(1) || new.lang || char(1) || new.tags,
            char(1) || new.lang || char(1) || new.body_text);
END;
)sql"},
        // Service levels: each ticket's clocks, the breaches the sweep recorded, and satisfaction ratings.
        {4, R"sql(
-- One row per ticket, recomputed from its events and the config whenever it changes (core/sla/clock):
-- instants in seconds since the epoch. A NULL due time means no such target, or a paused clock
-- (pending), whose business seconds left are then in *_left. risk_at is when less than at_risk of
-- the target is left. met is 1 or 0 once the clock has stopped (responded, resolved), else NULL.
CREATE TABLE ticket_sla (
    ticket_id       INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    policy          TEXT,
    calendar        TEXT    NOT NULL,
    respond_target  INTEGER,
    responded_at    INTEGER,
    respond_due     INTEGER,
    respond_risk_at INTEGER,
    respond_left    INTEGER,
    respond_met     INTEGER CHECK (respond_met IN (0, 1)),
    resolve_target  INTEGER,
    resolve_due     INTEGER,
    resolve_risk_at INTEGER,
    resolve_left    INTEGER,
    resolve_met     INTEGER CHECK (resolve_met IN (0, 1)),
    paused          INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    tier            INTEGER NOT NULL,
    tier_since      INTEGER NOT NULL,
    picked_up_at    INTEGER,
    pickup_due      INTEGER,
    hold_due        INTEGER,
    fingerprint     TEXT    NOT NULL
);
-- The sweep and `hd list sla:breached` look for clocks past due.
CREATE INDEX ticket_sla_respond_due ON ticket_sla (respond_due) WHERE responded_at IS NULL;
CREATE INDEX ticket_sla_resolve_due ON ticket_sla (resolve_due) WHERE resolve_met IS NULL;
CREATE INDEX ticket_sla_pickup_due ON ticket_sla (pickup_due) WHERE picked_up_at IS NULL;
CREATE INDEX ticket_sla_hold_due ON ticket_sla (hold_due);

-- Each breach once per ticket and target (tier 0 for SLA targets, the tier for OLA ones).
CREATE TABLE sla_breaches (
    ticket_id   INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    target      TEXT    NOT NULL CHECK (target IN ('respond', 'resolve', 'pickup', 'hold')),
    tier        INTEGER NOT NULL DEFAULT 0,
    due         INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    action      TEXT,
    PRIMARY KEY (ticket_id, target, tier)
) WITHOUT ROWID;
CREATE INDEX sla_breaches_by_recorded ON sla_breaches (recorded_at);

-- `hd rate`: the requester's satisfaction, one per ticket (rating again replaces it).
CREATE TABLE ratings (
    ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    score     INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment   TEXT,
    rated_by  TEXT    NOT NULL,
    rated_at  INTEGER NOT NULL
);
CREATE INDEX ratings_by_rated_at ON ratings (rated_at);
-- Reports count resolutions and escalations by time.
CREATE INDEX tickets_by_resolved ON tickets (resolved_at) WHERE resolved_at IS NOT NULL;
)sql"},
        // The newest tickets in some states (completion's 200 active ids, `status:open` sorted by id):
        // within each state the ids come in order, where (status, tier, priority, id) made SQLite sort
        // every active ticket (at 100,000 tickets, 10.5M instructions for the query; 4.8M with this).
        {5, R"sql(
CREATE INDEX tickets_by_status_id ON tickets (status, id);
)sql"},
        // No IN lists where SQLite evaluates them for each row. In a CHECK constraint, or in a partial
        // index's WHERE clause, SQLite builds a temporary table for `x IN (a, b, c)` every time it
        // checks a row (the once-per-statement shortcut does not apply there): the tickets table's
        // four CHECKs and tickets_queue cost a third of a bulk import's writing thread (4.69 G against
        // 3.26 G instructions for 30,000 tickets), and building tickets_queue again took 0.08 s at
        // 100,000 tickets against 0.02 s. The
        // same conditions, written as comparisons joined by OR, cost next to nothing.
        //
        // The tables keep their rows; only the text of their definitions changes, to conditions that
        // accept exactly the same values, so nothing on disk needs checking or rewriting. That is the
        // kind of change SQLite's ALTER TABLE documentation ("Making Other Kinds Of Table Schema
        // Changes") allows through writable_schema (see Migration::rewrites_schema); copying the tickets
        // table to change two words would take minutes on a large store. replace() leaves a definition
        // that lacks the exact text alone; every hd store has it, from schemas 1 to 4.
        //
        // The partial index is made again (it is small: the unassigned active tickets). `hd queue`
        // repeats its condition word for word, which is how SQLite knows it may use it.
        {6, R"sql(
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(replace(replace(replace(sql,
    'CHECK (type IN (''incident'', ''request'', ''problem'', ''change''))',
    'CHECK (type = ''incident'' OR type = ''request'' OR type = ''problem'' OR type = ''change'')'),
    'CHECK (status IN (''new'', ''open'', ''pending'', ''resolved'', ''closed''))',
    'CHECK (status = ''new'' OR status = ''open'' OR status = ''pending'' OR status = ''resolved'' OR status = ''closed'')'),
    'CHECK (impact IN (''high'', ''medium'', ''low''))',
    'CHECK (impact = ''high'' OR impact = ''medium'' OR impact = ''low'')'),
    'CHECK (urgency IN (''high'', ''medium'', ''low''))',
    'CHECK (urgency = ''high'' OR urgency = ''medium'' OR urgency = ''low'')')
WHERE type = 'table' AND name = 'tickets';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (kind IN (''relates'', ''duplicate-of'', ''caused-by'', ''parent''))',
    'CHECK (kind = ''relates'' OR kind = ''duplicate-of'' OR kind = ''caused-by'' OR kind = ''parent'')')
WHERE type = 'table' AND name = 'ticket_links';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (status IN (''draft'', ''published'', ''retired''))',
    'CHECK (status = ''draft'' OR status = ''published'' OR status = ''retired'')')
WHERE type = 'table' AND name = 'kb_articles';
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (target IN (''respond'', ''resolve'', ''pickup'', ''hold''))',
    'CHECK (target = ''respond'' OR target = ''resolve'' OR target = ''pickup'' OR target = ''hold'')')
WHERE type = 'table' AND name = 'sla_breaches';
PRAGMA writable_schema = OFF;
DROP INDEX tickets_queue;
CREATE INDEX tickets_queue ON tickets (tier, priority, created_at, id)
    WHERE assignee IS NULL AND (status = 'new' OR status = 'open' OR status = 'pending');
)sql", true},
        // Reports ask the audit log for one kind of event by time, escalations (hd report tiers): an
        // index of those alone, not of every event's kind and time. Most events are status changes and
        // the like; each cost an entry that nothing read, on every command that writes, and building
        // that index again took 0.1 s of an import of 100,000 tickets (200,000 events).
        {7, R"sql(
DROP INDEX events_by_kind_at;
CREATE INDEX events_escalated_at ON events (at) WHERE kind = 'escalated';
)sql"},
        // Fewer and smaller indexes on tickets. Every ticket written pays for each, an import most of
        // all: it builds them all again by sorting, one at a time on one core. The writing thread of
        // an import of 30,000 tickets went from 3.05 G instructions to 2.07 G with this migration, and
        // 100,000 tickets from 3.0 s to 2.5 s (hd-import(1), tests/bench/RESULTS-import.md).
        // - tickets_by_team: no query reads it (there is no team filter).
        // - tickets_by_prio and tickets_by_tier_prio served only lists with closed tickets included
        //   (--all): a priority or tier filter, or the default order, over the whole history.
        // - tickets_by_status_tier_prio, tickets_by_type and tickets_by_channel hold the tickets not
        //   closed alone, the lists agents work from. Most of a store is closed tickets (95 % of the
        //   peers' benchmark data), so these shrink to a twentieth. compile_filter writes the same
        //   condition, word for word, whenever a query leaves closed tickets out: that is how SQLite
        //   knows a partial index may serve it.
        // - tickets_by_assignee leaves out the unassigned tickets: a name is looked up, not "none"
        //   (the active unassigned are in tickets_queue).
        // Type, channel, tier and priority have a handful of values each: over the whole history, one
        // value is a large share of the store, where an index saves little over reading the table
        // (measured at 100,000 tickets: 20 to 30 ms for such an --all list, against 7). Closed tickets
        // stay indexed by the keys that pick out few of them: id, status, requester, assignee, category,
        // tag, and the created, updated and resolved times; hd-filters(7) says so.
        // tickets_by_status_id is made again last, as it was: where two indexes serve a query equally
        // well, SQLite takes the one made last (completion reads it, see prepare_bulk_write).
        {8, R"sql(
DROP INDEX tickets_by_team;
DROP INDEX tickets_by_tier_prio;
DROP INDEX tickets_by_prio;
DROP INDEX tickets_by_status_tier_prio;
CREATE INDEX tickets_by_status_tier_prio ON tickets (status, tier, priority, id)
    WHERE status = 'new' OR status = 'open' OR status = 'pending' OR status = 'resolved';
DROP INDEX tickets_by_assignee;
CREATE INDEX tickets_by_assignee ON tickets (assignee, status) WHERE assignee IS NOT NULL;
DROP INDEX tickets_by_type;
CREATE INDEX tickets_by_type ON tickets (type, status)
    WHERE status = 'new' OR status = 'open' OR status = 'pending' OR status = 'resolved';
DROP INDEX tickets_by_channel;
CREATE INDEX tickets_by_channel ON tickets (channel, status)
    WHERE status = 'new' OR status = 'open' OR status = 'pending' OR status = 'resolved';
DROP INDEX tickets_by_status_id;
CREATE INDEX tickets_by_status_id ON tickets (status, id);
)sql"},
    };
    return all;
}

}  // namespace hd::sqlite
