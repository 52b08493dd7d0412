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

// "+09:00", "-05:30", "+0900" or minutes ("540", "-300") → seconds.
std::optional<int> ParseUtcOffset(const std::string& text) {
    if (text.size() >= 5 && (text[0] == '+' || text[0] == '-') &&
        (text.find(':') != std::string::npos || text.size() == 5)) {
        const std::string hh = text.substr(1, 2);
        const std::string mm = text.substr(text.size() - 2);
        const auto hours = ParseInteger(hh);
        const auto minutes = ParseInteger(mm);
        const bool shape = text.size() == 5 || (text.size() == 6 && text[3] == ':');
        if (!shape || !hours || !minutes || *hours < 0 || *hours > 14 || *minutes < 0 ||
            *minutes > 59) {
            return std::nullopt;
        }
        const int seconds = static_cast<int>(*hours * 3600 + *minutes * 60);
        return text[0] == '-' ? -seconds : seconds;
    }
    const auto minutes = ParseInteger(text);
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

// What `mondo fsrs replay` was given.
struct ReplayRequest {
    std::string path;
    bool json = false;
    std::string utc_offset;  // empty: UTC
    std::vector<double> weights;
    sched::ReplayOptions options;
};

int RunReplay(ReplayRequest request, std::ostream& out, std::ostream& err) {
    const auto fail = [&err](const std::string& message) {
        err << "mondo fsrs replay: " << message << "\n";
        return 1;
    };
    const std::string& path = request.path;
    sched::ReplayOptions& options = request.options;
    if (!request.utc_offset.empty()) {
        const auto value = ParseUtcOffset(request.utc_offset);
        if (!value) {
            return fail("--utc-offset must look like +09:00, -05:30 or a number of minutes, got '" +
                        request.utc_offset + "'");
        }
        options.day_boundary.utc_offset_seconds = *value;
    }
    if (!request.weights.empty()) {
        const auto parameters = sched::MakeParameters(request.weights);
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
    if (request.json) {
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
    CLI::App app{"", "mondo fsrs"};
    SetUpCommand(app);
    app.require_subcommand(1);
    CLI::App* replay = app.add_subcommand("replay");
    ReplayRequest request;
    sched::ReplayOptions& options = request.options;
    replay->add_option("FILE", request.path)->required();
    replay->add_flag("--json", request.json);
    replay->add_option("--retention", options.desired_retention)
        ->check(CLI::Range(sched::kMinDesiredRetention, sched::kMaxDesiredRetention));
    replay->add_option("--max-interval", options.maximum_interval)->check(CLI::Range(1, 36500));
    replay->add_option("--day-start", options.day_boundary.day_start_hour)
        ->check(CLI::Range(0, 23));
    replay->add_option("--utc-offset", request.utc_offset);
    replay->add_option("--parameters", request.weights)->delimiter(',');
    if (const auto status = ParseCommandLine(app, kFsrsUsage, argv, out, err)) return *status;
    return RunReplay(std::move(request), out, err);
}

}  // namespace mondo::app
