// `mondo stats [--db PATH] [--json]`: today, streak, reviews per day, retention, mastery per
// section.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mondo::app {

int RunStatsCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace mondo::app
