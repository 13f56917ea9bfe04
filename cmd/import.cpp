// hd import: tickets from JSON Lines (as hd export writes them) or CSV, in one transaction or in batches.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>

#include "cmd/bulk/importer.hpp"
#include "cmd/commands.hpp"
#include "cmd/context.hpp"
#include "cmd/input.hpp"
#include "core/error.hpp"

namespace hd::cmd {
namespace {

struct ImportOptions {
    std::string file;
    std::string format;  // empty: by the file's name
    bool keep_ids = false;
    std::int64_t batch = 0;
    std::int64_t skip = 0;
};

// The text of FILE, or of standard input for "-". A regular file is mapped, not copied: an import of
// 100 MB then costs no 100 MB of memory of its own, nor the time to fill it.
class InputText {
public:
    explicit InputText(const std::string& path) {
        if (path != "-") {
            const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0) fail(ErrorKind::usage, "cannot read " + path + ": " + std::strerror(errno));
            struct stat st {};
            if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
                size_ = static_cast<std::size_t>(st.st_size);
                void* map = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
                ::close(fd);
                if (map == MAP_FAILED) fail(ErrorKind::usage, "cannot read " + path + ": " + std::strerror(errno));
                map_ = map;
                ::madvise(map_, size_, MADV_SEQUENTIAL);
                return;
            }
            ::close(fd);
        }
        owned_ = read_text_file(path, std::numeric_limits<std::size_t>::max() / 2, "an import");
    }
    ~InputText() {
        if (map_) ::munmap(map_, size_);
    }
    InputText(const InputText&) = delete;
    InputText& operator=(const InputText&) = delete;

    // The pages before `end` are read no more for now: they leave this process's memory (the file
    // stays in the page cache, so reading them again costs no disk). Mapped pages count as the
    // process's memory, and a 100 MB import would otherwise end up holding all of them.
    void release(std::size_t end) const {
        if (!map_) return;
        static const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
        if (end >= size_) {  // the end of a pass over the input: the next one starts from the top
            ::madvise(map_, size_, MADV_DONTNEED);
            released_ = 0;
            return;
        }
        const std::size_t whole = end / page * page;
        if (whole <= released_) return;
        ::madvise(static_cast<char*>(map_) + released_, whole - released_, MADV_DONTNEED);
        released_ = whole;
    }

    std::string_view view() const {
        return map_ ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view(owned_);
    }

private:
    void* map_ = nullptr;
    std::size_t size_ = 0;
    mutable std::size_t released_ = 0;  // pages before this were given back (release)
    std::string owned_;
};

void report(Context& ctx, const bulk::Importer& importer, std::int64_t skipped) {
    const auto& n = importer.counts();
    std::ostream& out = ctx.out();
    if (ctx.global.quiet) {
        for (const auto& t : importer.tickets()) out << t.id << '\n';
        return;
    }
    if (ctx.global.json) {
        nlohmann::ordered_json j;
        j["imported"] = n.tickets;
        j["comments"] = n.comments;
        j["events"] = n.events;
        j["links"] = n.links;
        j["skipped"] = skipped;
        j["tickets"] = nlohmann::ordered_json::array();
        for (const auto& t : importer.tickets())
            j["tickets"].push_back({{"line", t.line},
                                    {"from", t.from ? nlohmann::ordered_json(*t.from) : nlohmann::ordered_json(nullptr)},
                                    {"id", t.id}});
        out << j.dump(2) << '\n';
        return;
    }
    const auto plural = [](std::int64_t count, const char* one, const char* many) {
        return std::to_string(count) + " " + (count == 1 ? one : many);
    };
    out << "Imported " << plural(n.tickets, "ticket", "tickets") << " with " << plural(n.comments, "comment", "comments")
        << ", " << plural(n.events, "event", "events") << " and " << plural(n.links, "link", "links");
    if (skipped > 0) out << ", after skipping " << plural(skipped, "record", "records");
    out << '\n';
}

int run(const ImportOptions& o, Context& ctx) {
    bulk::ImportOptions options;
    const std::string format =
        !o.format.empty() ? o.format : (o.file.size() > 4 && o.file.ends_with(".csv") ? "csv" : "jsonl");
    options.format = format == "csv" ? bulk::ImportFormat::csv : bulk::ImportFormat::jsonl;
    options.keep_ids = o.keep_ids;
    options.skip = o.skip;
    if (o.batch < 0) fail(ErrorKind::usage, "--batch: must be a positive number of records");
    if (o.batch > 0 && !o.keep_ids)
        fail(ErrorKind::usage, "--batch needs --keep-ids: an import that stops half-way can go on (with --skip) only "
                               "when the tickets it wrote kept their ids; without --batch the import is one "
                               "transaction");

    const InputText input(o.file);
    bulk::Importer importer(input.view(), options, bulk::ImportDefaults{ctx.config(), ctx.now(), ctx.actor()});
    importer.on_released([&input](std::size_t end) { input.release(end); });
    importer.scan();  // before the write lock: reading the file holds up nobody

    // `work` runs again when the store was created by another hd meanwhile (see Context::write): it
    // only ever happens to the first transaction, and then the import starts over.
    int attempts = 0;
    bool done = false;
    const auto work = [&](TicketService&, Store& store) {
        if (attempts++ > 0) importer.restart();
        done = importer.import(store, o.batch);
        return done;
    };
    const auto report_when_done = [&](bool finished) {
        if (finished) report(ctx, importer, o.skip);
    };
    if (o.batch == 0) {
        ctx.write(work, report_when_done);
        return 0;
    }
    std::int64_t committed = o.skip;  // records 1..committed are in the store
    while (!done) {
        attempts = 0;
        try {
            ctx.write(work, report_when_done);
        } catch (const Error& e) {
            if (committed == o.skip) throw;  // this run wrote nothing
            fail(e.kind(), std::string(e.what()) + "; records 1–" + std::to_string(committed) +
                               " were imported; resume with --skip " + std::to_string(committed));
        }
        committed = importer.records();
    }
    return 0;
}

}  // namespace

void add_import(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ImportOptions>();
    auto* c = app.add_subcommand("import", "Read tickets from JSON Lines (as hd export writes them) or CSV");
    c->add_option("file", o->file, "The file to read; - for standard input")->required();
    c->add_option("--format", o->format, "jsonl or csv (default: csv for a FILE ending in .csv, else jsonl)")
        ->check(CLI::IsMember({"jsonl", "csv"}));
    c->add_flag("--keep-ids", o->keep_ids, "Keep the file's ticket, comment and event ids (an id in use is an error)");
    c->add_option("--batch", o->batch, "Commit every N records (needs --keep-ids); default: one transaction");
    c->add_option("--skip", o->skip, "Pass over the first N records, imported by an earlier run (needs --keep-ids)");
    c->footer(
        "Examples:\n"
        "  hd export > backup.jsonl; HD_DB=new.db hd import backup.jsonl --keep-ids\n"
        "  hd import tickets.csv\n"
        "  hd import big.jsonl --keep-ids --batch 10000\n"
        "  hd import big.jsonl --keep-ids --batch 10000 --skip 70000   # after a failure at record 70001\n"
        "  hd export status:open | HD_DB=other.db hd import -");
    c->callback([o, &ctx] { ctx.exit_code = run(*o, ctx); });
}

}  // namespace hd::cmd
