#include "app/cli/fsrs_command.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_set>

#include "app/cli/args.h"
#include "app/cli/exit_status.h"
#include "app/cli/terminal_text.h"
#include "app/local_time.h"
#include "app/sched/memory_model.h"
#include "app/sched/optimizer.h"
#include "app/sched/parameters.h"
#include "app/sched/review_log.h"
#include "app/study/collection_store.h"
#include "app/study/fitting.h"
#include "content/json.h"

namespace mondo::app {
namespace {

constexpr const char* kFsrsUsage = R"(usage: mondo fsrs replay FILE [--json] [OPTIONS]
       mondo fsrs optimize FILE|--db PATH [--json] [OPTIONS]

FSRS tools.
  replay FILE   replay an FSRS review log (CSV: card_id,review_rating,review_time,
                review_duration) through the FSRS-6 memory model and print, for each
                review in time order, the days since the card's previous review, the
                retrievability before it, and the stability, difficulty and interval after it
  optimize      fit the 21 FSRS-6 parameters to a review log (CSV as above, or the review
                log of the collection at --db PATH) as fsrs-rs (Anki's optimiser) does, and
                print them with the log loss and RMSE(bins) of the defaults, of the current
                parameters and of the fit, the items and reviews used and the time taken.
                Nothing is written: apply parameters in Settings

options (optimize):
  --db PATH             the collection's own review log (days by its day start and the
                        system's time zone); current parameters = the collection's
  --json                one JSON object instead of a report
  --day-start, --utc-offset, --parameters   as for replay (for FILE; --parameters gives
                        the current parameters to compare with, default FSRS-6's)
  --seed S              seed of the batch order (default 2023, as fsrs-rs)

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

    std::string content;
    std::string problem;
    if (!ReadInputFile(path, content, problem, kMaxReviewLogBytes))
        return fail("'" + path + "' " + problem);

    const auto log = sched::ParseReviewLogCsv(content);
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

// What `mondo fsrs optimize` was given.
struct OptimizeRequest {
    std::string path;  // CSV log, or empty with `db`
    std::string db;
    bool json = false;
    std::string utc_offset;
    int day_start_hour = 4;
    std::vector<double> weights;
    std::uint64_t seed = 2023;
};

const char* KindName(sched::FitResult::Kind kind) {
    switch (kind) {
        case sched::FitResult::Kind::kDefaults:
            return "defaults";
        case sched::FitResult::Kind::kInitialOnly:
            return "initial_stability_only";
        case sched::FitResult::Kind::kTrained:
            return "trained";
        case sched::FitResult::Kind::kCancelled:
            return "cancelled";
    }
    return "";
}

int RunOptimize(const OptimizeRequest& request, std::ostream& out, std::ostream& err) {
    const auto fail = [&err](const std::string& message, int status = 1) {
        err << "mondo fsrs optimize: " << message << "\n";
        return status;
    };
    if (request.path.empty() == request.db.empty()) {
        return fail("give either a review-log FILE or --db PATH (see mondo fsrs --help)");
    }
    const auto started = std::chrono::steady_clock::now();
    sched::TrainingItems items;
    std::size_t reviews = 0;
    sched::Parameters current;
    if (!request.weights.empty()) {
        const auto parameters = sched::MakeParameters(request.weights);
        if (!parameters) return fail("--parameters: " + parameters.error().message);
        current = *parameters;
    }
    if (!request.db.empty()) {
        auto collection =
            storage::Collection::Open(request.db, storage::OpenOptions{.create_if_missing = false});
        if (!collection) return fail(collection.error().message, ExitStatusFor(collection.error()));
        auto settings = study::LoadSettings(*collection);
        if (!settings) return fail(settings.error().message, 2);
        settings->utc_offset_at = LocalUtcOffset;
        auto data = study::LoadTrainingData(*collection, *settings);
        if (!data) return fail(data.error().message, 2);
        items = std::move(data->items);
        reviews = data->reviews;
        if (request.weights.empty()) current = settings->parameters;
    } else {
        std::string bytes;
        std::string problem;
        if (!ReadInputFile(request.path, bytes, problem, kMaxReviewLogBytes))
            return fail(request.path + " " + problem);
        const auto log = sched::ParseReviewLogCsv(bytes);
        if (!log) {
            const auto& error = log.error();
            return fail(request.path +
                        (error.line ? ":" + std::to_string(error.line) : std::string()) + ": " +
                        error.message +
                        " (expected an FSRS review log: card_id,review_rating,review_time,"
                        "review_duration)");
        }
        sched::DayBoundary boundary;
        boundary.day_start_hour = request.day_start_hour;
        if (!request.utc_offset.empty()) {
            const auto value = ParseUtcOffset(request.utc_offset);
            if (!value) {
                return fail(
                    "--utc-offset must look like +09:00, -05:30 or a number of minutes, got '" +
                    request.utc_offset + "'");
            }
            boundary.utc_offset_seconds = *value;
        }
        items = sched::BuildTrainingItems(*log, boundary);
        reviews = log->size();
    }
    sched::OptimizerOptions options;
    options.seed = request.seed;
    const sched::OptimizeOutcome outcome = sched::Optimize(items, current, options);
    // The defaults are usually the current parameters too: scored once then.
    const sched::Evaluation defaults = current == sched::Parameters{}
                                           ? outcome.before
                                           : sched::Evaluate(sched::Parameters{}, items);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    const auto& w = outcome.fit.parameters.w;
    if (request.json) {
        content::Json parameters = content::Json::array();
        for (const double value : w) parameters.push_back(std::round(value * 1e4) / 1e4);
        const content::Json line = {{"parameters", parameters},
                                    {"log_loss", outcome.after.log_loss},
                                    {"rmse_bins", outcome.after.rmse_bins},
                                    {"log_loss_default", defaults.log_loss},
                                    {"rmse_bins_default", defaults.rmse_bins},
                                    {"log_loss_current", outcome.before.log_loss},
                                    {"rmse_bins_current", outcome.before.rmse_bins},
                                    {"better_than_current", outcome.improved},
                                    {"result", KindName(outcome.fit.kind)},
                                    {"items", items.size()},
                                    {"reviews", reviews},
                                    {"ms", std::round(ms * 10.0) / 10.0}};
        out << content::DumpJson(line) << "\n";
    } else {
        out << "FSRS-6 parameters fitted to " << reviews << " reviews (" << items.size()
            << " items, " << outcome.fit.training_items << " after the outlier filter):\n  ";
        for (std::size_t i = 0; i < w.size(); ++i) out << (i ? ", " : "") << Fixed(w[i], 4);
        out << "\n\n                 log loss   RMSE(bins)\n";
        const auto row = [&out](const char* name, const sched::Evaluation& e) {
            char line[96];
            std::snprintf(line, sizeof line, "  %-13s %9.4f   %9.4f\n", name, e.log_loss,
                          e.rmse_bins);
            out << line;
        };
        row("defaults", defaults);
        row("current", outcome.before);
        row("fitted", outcome.after);
        out << "\n";
        switch (outcome.fit.kind) {
            case sched::FitResult::Kind::kDefaults:
                out << "Fewer than 8 items: not enough reviews to fit; the defaults stand.\n";
                break;
            case sched::FitResult::Kind::kInitialOnly:
                out << "Fewer than 64 items: only the first-review stabilities were fitted.\n";
                break;
            default:
                break;
        }
        out << (outcome.improved ? "The fit predicts this history better than the current "
                                   "parameters.\n"
                                 : "The fit does not predict this history better than the "
                                   "current parameters: keep them.\n");
        out << "Took " << Fixed(ms, 1) << " ms.\n";
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
    CLI::App* optimize = app.add_subcommand("optimize");
    OptimizeRequest fit;
    optimize->add_option("FILE", fit.path);
    optimize->add_option("--db", fit.db);
    optimize->add_flag("--json", fit.json);
    optimize->add_option("--day-start", fit.day_start_hour)->check(CLI::Range(0, 23));
    optimize->add_option("--utc-offset", fit.utc_offset);
    optimize->add_option("--parameters", fit.weights)->delimiter(',');
    optimize->add_option("--seed", fit.seed);
    if (const auto status = ParseCommandLine(app, kFsrsUsage, argv, out, err)) return *status;
    if (optimize->parsed()) return RunOptimize(fit, out, err);
    return RunReplay(std::move(request), out, err);
}

}  // namespace mondo::app
