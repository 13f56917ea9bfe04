// Priority from impact × urgency, as in ITIL's priority matrix.
#pragma once

#include "core/model/ticket.hpp"

namespace hd {

//              urgency: high  medium  low
// impact high           P1    P2      P3
// impact medium         P2    P3      P4
// impact low            P3    P4      P4
// A missing half counts as medium.
Priority priority_from_matrix(std::optional<Level> impact, std::optional<Level> urgency);

}  // namespace hd
