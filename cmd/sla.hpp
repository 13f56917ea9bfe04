// What hd sla shares with hd show: a ticket's service levels as they stand at an instant.
#pragma once

#include "cmd/output/sla_view.hpp"
#include "core/service/sla.hpp"

namespace hd::cmd {

out::SlaView sla_view_of(SlaService& sla, const Ticket& ticket, Timestamp now);

}  // namespace hd::cmd
