// The one seam every change to a ticket passes through: it appends the event to the audit log and
// tells whoever listens (hooks, SLA clocks and notifications hang here).
#pragma once

#include <functional>
#include <vector>

#include "core/model/ticket.hpp"
#include "core/store/store.hpp"

namespace hd {

class Journal {
public:
    using Listener = std::function<void(const Event&)>;

    explicit Journal(Store& store) : store_(store) {}

    // Listeners run inside the command's transaction, after the event is written; one that throws
    // makes the whole command fail and write nothing.
    void subscribe(Listener listener) { listeners_.push_back(std::move(listener)); }

    Event record(Event event) {
        event.id = store_.insert_event(event);
        for (const auto& listener : listeners_) listener(event);
        return event;
    }

private:
    Store& store_;
    std::vector<Listener> listeners_;
};

}  // namespace hd
