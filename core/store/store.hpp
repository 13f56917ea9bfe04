// The Store interface: everything above core/store/ reads and writes through it, never through SQL.
// A PostgreSQL store for teams will implement the same interface.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/agent.hpp"
#include "core/model/ticket.hpp"
#include "core/query/filter.hpp"
#include "core/store/kb_store.hpp"
#include "core/store/report_store.hpp"
#include "core/store/sla_store.hpp"

namespace hd {

struct TicketQuery {
    Filter filter;
    std::vector<SortKey> sort;   // empty: priority, then id
    std::optional<int> limit;
    bool include_closed = false;  // closed tickets are hidden unless asked for or named by a status: filter
    // False: list_tickets leaves each ticket's tags and cc empty. They cost a lookup each per row
    // (another page read per ticket), and the table and -q show neither.
    bool with_tags_and_cc = true;
};

// A ticket with everything that hangs off it, as `hd export` writes it and `hd import` reads it.
struct TicketRecord {
    Ticket ticket;
    std::vector<Comment> comments;  // oldest first
    std::vector<Event> events;      // oldest first
    std::vector<Link> links;        // outgoing only: from == ticket.id
};

// A ticket's number and title: what completion offers.
struct TicketTitle {
    TicketId id = 0;
    std::string title;
};

// The highest ids in use (0 for an empty table), so that an import can number what it adds after them.
struct HighestIds {
    TicketId ticket = 0;
    std::int64_t comment = 0;
    std::int64_t event = 0;
};

class Store {
public:
    virtual ~Store() = default;

    // One transaction per command. begin_write takes the write lock at once (waiting up to the lock
    // timeout) so that a command never fails half-way on a lock; begin_read sees one snapshot.
    virtual void begin_read() = 0;
    virtual void begin_write() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    // Throws StoreCreatedMeanwhile early, before a command reports what it did, when commit() would
    // (see StoreCreatedMeanwhile); does nothing otherwise.
    virtual void ready_to_commit() {}

    // False when the store has not been created yet: reads then see an empty store.
    virtual bool exists() const = 0;
    // Where it lives, for messages ("/home/a/.local/share/hd/hd.db").
    virtual std::string location() const = 0;

    // Tickets. insert_ticket assigns and returns the id; update_ticket writes every field and the tags.
    virtual TicketId insert_ticket(const Ticket& ticket) = 0;
    virtual std::optional<Ticket> find_ticket(TicketId id) = 0;
    virtual void update_ticket(const Ticket& ticket) = 0;
    virtual std::vector<Ticket> list_tickets(const TicketQuery& query) = 0;
    // The same tickets' ids and titles alone, read without their tags and cc (shell completion).
    virtual std::vector<TicketTitle> ticket_titles(const TicketQuery& query) = 0;
    // The newest ticket filed with this dedup key, whatever its status (for `hd open --dedup`).
    virtual std::optional<Ticket> find_by_dedup_key(const std::string& key) = 0;
    virtual bool any_ticket(const TicketQuery& query) = 0;

    // A tier's queue: its unassigned tickets that are new, open or pending, by priority then age.
    virtual std::vector<Ticket> queue(int tier, std::optional<int> limit) = 0;
    virtual std::vector<TierCounts> tier_counts() = 0;

    // Agents, by name.
    virtual void insert_agent(const Agent& agent) = 0;
    virtual std::optional<Agent> find_agent(const std::string& name) = 0;
    virtual std::vector<Agent> list_agents() = 0;  // by tier, then name
    virtual void update_agent(const Agent& agent) = 0;
    virtual void delete_agent(const std::string& name) = 0;
    virtual std::int64_t count_agents() = 0;
    // The agents of exactly this tier (every agent when tier is nullopt) with their active tickets,
    // by tier, then name.
    virtual std::vector<AgentLoad> agent_loads(std::optional<int> tier) = 0;

    // Links between tickets, both ways: where the ticket is `from` and where it is `to`.
    virtual bool insert_link(const Link& link) = 0;  // false when it was there already
    virtual bool delete_links(TicketId a, TicketId b) = 0;  // every link between the two, either way
    virtual std::vector<Link> links(TicketId id) = 0;

    // Merging: comments move; events are copied with merged_from set (the log stays append-only).
    virtual void move_comments(TicketId from, TicketId to) = 0;
    virtual void copy_events(TicketId from, TicketId to) = 0;

    // Comments and the audit log, oldest first.
    virtual std::int64_t insert_comment(const Comment& comment) = 0;
    virtual std::vector<Comment> comments(TicketId id) = 0;
    virtual std::int64_t insert_event(const Event& event) = 0;
    virtual std::vector<Event> events(TicketId id) = 0;

    // Bulk export and import (hd export, hd import).
    // Every ticket the query matches, by id, with its comments, events and outgoing links (ordered by
    // target, then kind), handed to `each` one at a time: the store never holds them all.
    virtual void for_each_ticket_record(const TicketQuery& query,
                                        const std::function<void(const TicketRecord&)>& each) = 0;
    // Writes the ticket with its id, tags and cc, and its comments and events with theirs (an id of 0
    // is assigned), exactly as given: no rules, no events added. Links are written with insert_link,
    // and in a bulk write only after finish_bulk_write, which may hold the tickets back until then.
    // An id in use is hd::Error(usage) naming it; the caller rolls back what the record wrote by then.
    virtual void insert_ticket_record(TicketRecord record) = 0;
    virtual bool ticket_exists(TicketId id) = 0;
    virtual HighestIds highest_ids() = 0;
    // Around many inserts in one write transaction (hd import of about `tickets` tickets): the store
    // may prepare for them, and finish_bulk_write must be called before the commit. (SQLite: a larger
    // page cache; tickets written several to a statement; and, when fewer tickets are there than
    // come, the indexes dropped and built again at the end, which takes a third of the time of keeping
    // them up to date row by row. A rollback undoes it all.)
    virtual void prepare_bulk_write(std::int64_t tickets) { (void)tickets; }
    virtual void finish_bulk_write() {}
    // While set, the records of insert_ticket_record are handed to `written` once they are written, to
    // be destroyed where the caller likes (hd import has them destroyed by the thread that read them:
    // cmd/bulk/read_ahead.hpp says why). Unset (nullptr), the store destroys them.
    virtual void on_records_written(std::function<void(std::vector<TicketRecord>&)> written) { (void)written; }

    // The knowledge base, in the same transaction as everything else.
    virtual KbStore& kb() = 0;
    // Satisfaction ratings and the aggregates of `hd report`, in the same transaction.
    virtual ReportStore& reports() = 0;
    // Service-level clocks and breaches, likewise.
    virtual SlaStore& sla() = 0;

    // Maintenance, outside any transaction. check: every problem found, worded for people (empty when
    // the store is sound; `tiers` is the config's number of tiers). backup_to: a consistent copy into
    // a new file while others keep writing. restore_from: replaces the whole store with a checked
    // copy (hd::Error(usage) when it is not a sound hd store), brought up to this hd's schema.
    virtual std::vector<std::string> check(int tiers) = 0;
    virtual void backup_to(const std::filesystem::path& path) = 0;
    virtual void restore_from(const std::filesystem::path& path) = 0;

    // The schema version the store is at, and the one this hd writes.
    virtual int schema_version() = 0;
    static int current_schema_version();
};

// Rolls back unless committed: a command that throws writes nothing.
class Transaction {
public:
    enum class Mode { read, write };
    Transaction(Store& store, Mode mode) : store_(store) {
        if (mode == Mode::write)
            store_.begin_write();
        else
            store_.begin_read();
    }
    ~Transaction() {
        if (!done_) store_.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit() {
        store_.commit();
        done_ = true;
    }

private:
    Store& store_;
    bool done_ = false;
};

// Thrown by commit() when the first command on a new store lost the race to create it: another hd
// created the store first. Nothing was written; the caller opens the store again and reruns the command.
struct StoreCreatedMeanwhile {};

struct StoreOptions {
    std::filesystem::path path;
    std::int64_t lock_timeout_ms = 10000;
    bool create = false;  // create the file (mode 0600) and its directories (0700) on the first commit
};

// Opens (and with create, creates and migrates) the SQLite store. Throws hd::Error(store) when the
// file is not an hd store, was written by a newer hd, or cannot be opened.
std::unique_ptr<Store> open_sqlite_store(const StoreOptions& options);

}  // namespace hd
