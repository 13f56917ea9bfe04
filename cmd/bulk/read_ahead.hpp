// Reading ahead of a writer on worker threads: chunks 0..count-1 are made by `read` on the workers and
// handed to the one caller in order; the caller gives each back when done with it, and the worker that
// made it destroys it.
//
// Why the worker that made a chunk destroys it: glibc's malloc gives each thread an arena with a lock,
// and a free takes the lock of the arena the memory came from. When the writer freed the records the
// readers had made, it waited on that lock while they allocated (an import of 100,000 tickets: a fifth
// of the writer's time asleep, 14,000 futex waits).
//
// Any idle worker reads the next chunk, so that a worker the scheduler ran less does not hold up the
// rest: with chunks dealt out in turn, the writer waited for the slow worker's chunk while the other
// sat on a full queue.
//
// The workers run at a lower priority (nice 10) than the writer, which is the slower of the two: on
// two cores, two workers and the writer are three threads, and the scheduler took the writer's core
// from it at every wake-up of a worker (200 times in an import of 100,000 tickets, 0.2 s). Lowered,
// the workers still have every cycle the writer leaves, and it waits for them no more than before.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

namespace hd::cmd::bulk {

template <class Chunk>
class ReadAhead {
public:
    // A chunk and the worker that made it, which destroys it when it is given back.
    struct Piece {
        Chunk chunk;
        std::size_t maker = 0;
    };

    // `ahead`: chunks read ahead of the caller at most, ready or being read (what bounds the memory).
    ReadAhead(std::int64_t count, std::size_t workers, std::int64_t ahead, std::function<Chunk(std::int64_t)> read)
        : count_(count), ahead_(ahead), read_(std::move(read)), spent_(workers) {
        threads_.reserve(workers);
        for (std::size_t w = 0; w < workers; ++w) threads_.emplace_back([this, w] { work(w); });
    }
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    // Stops the workers (those reading finish their chunk first); they destroy what was given back.
    ~ReadAhead() {
        {
            const std::lock_guard lock(mutex_);
            stop_ = true;
        }
        changed_.notify_all();
        for (auto& t : threads_) t.join();
    }

    // The next chunk in order, waiting for it; rethrows what `read` threw for it. At most `count` times.
    Piece next() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !window_.empty() && window_.front(); });
        Ready r = std::move(*window_.front());
        window_.pop_front();
        ++taken_;
        lock.unlock();
        changed_.notify_all();  // room to read one more
        if (r.error) std::rethrow_exception(r.error);
        return std::move(r.piece);
    }

    // A piece from next(), or what came of it, for its maker to destroy.
    void give_back(Piece piece) {
        {
            const std::lock_guard lock(mutex_);
            spent_[piece.maker].push_back(std::move(piece.chunk));
        }
        changed_.notify_all();
    }

private:
    struct Ready {
        Piece piece;
        std::exception_ptr error;
    };

    void work(std::size_t me) {
#ifdef __linux__
        // On Linux the nice value is each thread's own (POSIX would have it the process's). Best
        // effort: where it fails, the workers merely compete with the writer as equals.
        (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kNice);
#endif
        std::vector<Chunk> spent;
        for (;;) {
            std::int64_t index = 0;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] {
                    return stop_ || !spent_[me].empty() || (next_ < count_ && next_ - taken_ < ahead_);
                });
                spent.swap(spent_[me]);
                if (spent.empty()) {
                    if (stop_) return;
                    index = next_++;
                    window_.emplace_back();  // its place, filled below
                }
            }
            if (!spent.empty()) {
                spent.clear();  // outside the lock: the point of giving chunks back
                continue;
            }
            Ready r;
            r.piece.maker = me;
            try {
                r.piece.chunk = read_(index);
            } catch (...) {
                r.error = std::current_exception();
            }
            {
                const std::lock_guard lock(mutex_);
                window_[static_cast<std::size_t>(index - taken_)] = std::move(r);
            }
            changed_.notify_all();
        }
    }

    static constexpr int kNice = 10;

    const std::int64_t count_;
    const std::int64_t ahead_;
    const std::function<Chunk(std::int64_t)> read_;

    std::mutex mutex_;  // guards what follows
    std::condition_variable changed_;
    std::int64_t next_ = 0;   // the next chunk to read
    std::int64_t taken_ = 0;  // chunks handed to the caller
    std::deque<std::optional<Ready>> window_;  // chunks taken_, taken_ + 1, ...: read, or being read
    std::vector<std::vector<Chunk>> spent_;     // by maker: given back, to destroy
    bool stop_ = false;

    std::vector<std::thread> threads_;
};

}  // namespace hd::cmd::bulk
