#include "app/cli/fsrs_command.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_set>

#include "app/cli/args.h"
#include "app/sched/memory_model.h"
#include "app/sched/parameters.h"
#include "app/sched/review_log.h"
#include "content/json.h"

namespace mondo::app {
namespace {

constexpr const char* kFsrsUsage = R"(usage: mondo fsrs replay FILE [--json] [OPTIONS]

FSRS tools.
  replay FILE   replay an FSRS review log (CSV: card_id,review_rating,review_time,
                review_duration) through the FSRS-6 memory model and print, for each
                review in time order, the days since the card's previous review, the
                retrievability before it, and the stability, difficulty and interval after it

options (replay):
  --json                one JSON object per line instead of a table
  --retention R         desired retention for the intervals, 0.70-0.99 (default 0.9)
  --max-interval DAYS   longest interval (default 36500)
  --day-start HOUR      hour of local time at which a new day starts, 0-23 (default 4)
  --utc-offset OFFSET   local time of the log as +HH:MM, -HH:MM or minutes (default +00:00)
  --parameters W        17, 19 or 21 FSRS weights separated by commas (default FSRS-6's)
  --help                show this help
)";

std::optional<double> ParseDouble(const std::string& text) {
    double value = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<long long> ParseInt(const std::string& text) {
    long long value = 0;
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    const char* end = digits.data() + digits.size();
    const auto [ptr, ec] = std::from_chars(digits.data(), end, value);
    if (digits.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
    return value;
}

// "+09:00", "-05:30", "+0900" or minutes ("540", "-300") → seconds.
std::optional<int> ParseUtcOffset(const std::string& text) {
    if (text.size() >= 5 && (text[0] == '+' || text[0] == '-') &&
        (text.find(':') != std::string::npos || text.size() == 5)) {
        const std::string hh = text.substr(1, 2);
        const std::string mm = text.substr(text.size() - 2);
        const auto hours = ParseInt(hh);
        const auto minutes = ParseInt(mm);
        const bool shape = text.size() == 5 || (text.size() == 6 && text[3] == ':');
        if (!shape || !hours || !minutes || *hours < 0 || *hours > 14 || *minutes < 0 ||
            *minutes > 59) {
            return std::nullopt;
        }
        const int seconds = static_cast<int>(*hours * 3600 + *minutes * 60);
        return text[0] == '-' ? -seconds : seconds;
    }
    const auto minutes = ParseInt(text);
    if (!minutes || *minutes < -14 * 60 || *minutes > 14 * 60) return std::nullopt;
    return static_cast<int>(*minutes * 60);
}

std::string Fixed(double value, int decimals) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

void PrintJson(const std::vector<sched::ReplayRow>& rows, std::ostream& out) {
    for (const sched::ReplayRow& row : rows) {
        const content::Json line = {{"card_id", row.card_id},
                                    {"rating", static_cast<int>(row.rating)},
                                    {"elapsed_days", row.elapsed_days},
                                    {"stability", row.memory.stability},
                                    {"difficulty", row.memory.difficulty},
                                    {"retrievability", content::OrNull(row.retrievability)},
                                    {"interval", row.interval}};
        out << content::DumpJson(line) << "\n";
    }
}

void PrintTable(const std::vector<sched::ReplayRow>& rows, std::ostream& out) {
    static constexpr const char* kRatingNames[] = {"", "again", "hard", "good", "easy"};
    char buffer[160];
    std::snprintf(buffer, sizeof buffer, "%-20s %-6s %8s %8s %12s %10s %9s\n", "card_id", "rating",
                  "elapsed", "R", "stability", "difficulty", "interval");
    out << buffer;
    std::unordered_set<std::int64_t> cards;
    for (const sched::ReplayRow& row : rows) {
        cards.insert(row.card_id);
        const std::string r = row.retrievability ? Fixed(*row.retrievability, 4) : "-";
        std::snprintf(buffer, sizeof buffer, "%-20lld %-6s %8d %8s %12.4f %10.4f %9d\n",
                      static_cast<long long>(row.card_id),
                      kRatingNames[static_cast<int>(row.rating)], row.elapsed_days, r.c_str(),
                      row.memory.stability, row.memory.difficulty, row.interval);
        out << buffer;
    }
    out << rows.size() << " reviews of " << cards.size() << " cards\n";
}

int RunReplay(const Args& args, std::ostream& out, std::ostream& err) {
    const auto fail = [&err](const std::string& message) {
        err << "mondo fsrs replay: " << message << "\n";
        return 1;
    };
    if (args.positional().size() != 2) {
        return fail(args.positional().size() < 2
                        ? "needs a review log FILE (see mondo fsrs --help)"
                        : "takes one FILE, got " + std::to_string(args.positional().size() - 1));
    }
    const std::string& path = args.positional()[1];

    sched::ReplayOptions options;
    if (const auto text = args.Value("--retention")) {
        const auto value = ParseDouble(*text);
        if (!value || *value < sched::kMinDesiredRetention - 1e-12 ||
            *value > sched::kMaxDesiredRetention + 1e-12) {
            return fail("--retention must be a number from 0.70 to 0.99, got '" + *text + "'");
        }
        options.desired_retention = *value;
    }
    if (const auto text = args.Value("--max-interval")) {
        const auto value = ParseInt(*text);
        if (!value || *value < 1 || *value > 36500) {
            return fail("--max-interval must be a whole number of days from 1 to 36500, got '" +
                        *text + "'");
        }
        options.maximum_interval = static_cast<int>(*value);
    }
    if (const auto text = args.Value("--day-start")) {
        const auto value = ParseInt(*text);
        if (!value || *value < 0 || *value > 23) {
            return fail("--day-start must be an hour from 0 to 23, got '" + *text + "'");
        }
        options.day_boundary.day_start_hour = static_cast<int>(*value);
    }
    if (const auto text = args.Value("--utc-offset")) {
        const auto value = ParseUtcOffset(*text);
        if (!value) {
            return fail("--utc-offset must look like +09:00, -05:30 or a number of minutes, got '" +
                        *text + "'");
        }
        options.day_boundary.utc_offset_seconds = *value;
    }
    if (const auto text = args.Value("--parameters")) {
        std::vector<double> weights;
        std::stringstream list(*text);
        std::string item;
        while (std::getline(list, item, ',')) {
            const auto first = item.find_first_not_of(" \t");
            const auto last = item.find_last_not_of(" \t");
            const auto value = first == std::string::npos
                                   ? std::nullopt
                                   : ParseDouble(item.substr(first, last - first + 1));
            if (!value) return fail("--parameters: '" + item + "' is not a number");
            weights.push_back(*value);
        }
        const auto parameters = sched::MakeParameters(weights);
        if (!parameters) return fail("--parameters: " + parameters.error().message);
        options.parameters = *parameters;
    }

    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return fail("'" + path + "' is a directory, not a CSV file");
    std::ifstream file(path, std::ios::binary);
    if (!file) return fail("cannot read '" + path + "' (check the path and permissions)");
    std::ostringstream content;
    content << file.rdbuf();
    if (file.bad()) return fail("cannot read '" + path + "'");

    const auto log = sched::ParseReviewLogCsv(content.str());
    if (!log) {
        const auto& error = log.error();
        return fail(path + (error.line ? ":" + std::to_string(error.line) : std::string()) + ": " +
                    error.message + " (expected an FSRS review log: card_id,review_rating," +
                    "review_time,review_duration)");
    }
    const std::vector<sched::ReplayRow> rows = sched::Replay(*log, options);
    if (args.Has("--json")) {
        PrintJson(rows, out);
    } else {
        PrintTable(rows, out);
    }
    out.flush();
    if (!out) return fail("cannot write the output");
    return 0;
}

}  // namespace

int RunFsrsCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args(
        argv, {"--retention", "--max-interval", "--day-start", "--utc-offset", "--parameters"},
        {"--json", "--help"});
    if (!args.ok()) {
        err << "mondo fsrs: " << args.error() << " (see mondo fsrs --help)\n";
        return 1;
    }
    if (args.Has("--help")) {
        out << kFsrsUsage;
        return 0;
    }
    if (args.positional().empty()) {
        err << "mondo fsrs: needs a sub-command: replay FILE (see mondo fsrs --help)\n";
        return 1;
    }
    if (args.positional()[0] != "replay") {
        err << "mondo fsrs: unknown sub-command '" << args.positional()[0]
            << "' (known: replay; see mondo fsrs --help)\n";
        return 1;
    }
    return RunReplay(args, out, err);
}

}  // namespace mondo::app
