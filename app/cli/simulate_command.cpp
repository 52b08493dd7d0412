#include "app/cli/simulate_command.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <optional>

#include "app/cli/args.h"
#include "app/cli/exit_status.h"
#include "app/cli/terminal_text.h"
#include "app/local_time.h"
#include "app/study/collection_store.h"
#include "app/study/simulator.h"
#include "content/interview.h"
#include "content/json.h"
#include "content/question.h"
#include "storage/collection.h"

namespace mondo::app {
namespace {

constexpr const char* kSimulateUsage =
    R"(usage: mondo simulate --days N [--seed S] [--db PATH] [--json] [--retention R]

A simulated learner studies N days through the real study session and storage code: each
question is recalled with the probability given by the learner's own (hidden) FSRS memory of
it, one transaction per review. Prints, for each day, the reviews, the new questions, the true
retention (share of review cards recalled) and the minutes spent, then a summary. Use it to see
what a desired retention costs.

options:
  --days N          days to simulate, 1-36500 (required)
  --seed S          seed of every random choice (default 1); the same seed gives the same run
  --retention R     desired retention, 0.70-0.99 (default: the collection's setting, else 0.9)
  --db PATH         study this collection instead of a private in-memory copy of the built-in
                    interview; the simulated reviews ARE WRITTEN to it (use a scratch copy).
                    The N days end today (local time), so Home, the streak, the calendar and
                    the charts show them; a collection whose log already reaches into that
                    span continues after its last review instead
  --json            one JSON object per line: one per day, then {"summary": …}
  --help            show this help
)";

std::string Date(std::int64_t unix_seconds) {
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &utc);
    return buffer;
}

// `value` rounded to `decimals` places, as the JSON number the table shows.
double Rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

content::Json RetentionJson(const std::optional<double>& r) {
    return r ? content::Json(Rounded(*r, 4)) : content::Json(nullptr);
}

void PrintDay(std::ostream& out, const study::SimulatedDay& day, bool json) {
    if (json) {
        const content::Json line = {{"day", day.day},
                                    {"date", Date(day.time)},
                                    {"reviews", day.reviews},
                                    {"new", day.new_cards},
                                    {"review_cards", day.review_cards},
                                    {"recalled", day.review_recalled},
                                    {"true_retention", RetentionJson(day.true_retention)},
                                    {"minutes", Rounded(day.minutes, 2)},
                                    {"cards_seen", day.cards_seen}};
        out << content::DumpJson(line) << "\n";
        return;
    }
    char line[128];
    std::snprintf(line, sizeof line, "%5d  %s  %7d  %5d  %9s  %7.1f  %10d\n", day.day,
                  Date(day.time).c_str(), day.reviews, day.new_cards,
                  day.true_retention ? (Fixed(*day.true_retention * 100.0, 1) + "%").c_str() : "-",
                  day.minutes, day.cards_seen);
    out << line;
}

void PrintSummary(std::ostream& out, const study::SimulationSummary& s, double retention,
                  std::uint64_t seed, bool json) {
    if (json) {
        const content::Json summary = {{"days", s.days},
                                       {"seed", seed},
                                       {"desired_retention", Rounded(retention, 2)},
                                       {"reviews", s.reviews},
                                       {"new", s.new_cards},
                                       {"review_cards", s.review_cards},
                                       {"true_retention", RetentionJson(s.true_retention)},
                                       {"minutes", Rounded(s.minutes, 2)},
                                       {"reviews_per_day", Rounded(s.reviews_per_day, 2)},
                                       {"minutes_per_day", Rounded(s.minutes_per_day, 2)},
                                       {"cards_seen", s.cards_seen}};
        out << content::DumpJson({{"summary", summary}}) << "\n";
        return;
    }
    out << "\n"
        << s.days << " days at desired retention " << Fixed(retention * 100.0, 0) << "% (seed "
        << seed << "): " << s.reviews << " reviews (" << Fixed(s.reviews_per_day, 1) << " a day), "
        << s.new_cards << " new questions, true retention "
        << (s.true_retention ? Fixed(*s.true_retention * 100.0, 1) + "%" : std::string("-")) << ", "
        << Fixed(s.minutes / 60.0, 1) << " hours (" << Fixed(s.minutes_per_day, 1)
        << " minutes a day), " << s.cards_seen << " questions seen\n";
}

int StorageExit(std::ostream& err, const storage::StorageError& error) {
    return ReportStorageError(err, "simulate", error);
}

}  // namespace

int RunSimulateCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    CLI::App app{"", "mondo simulate"};
    SetUpCommand(app);
    int days = 0;
    std::uint64_t seed = 1;
    std::optional<double> retention;
    double retention_value = 0.0;
    std::string db;
    bool json = false;
    app.add_option("--days", days)->required()->check(CLI::Range(1, 36500));
    app.add_option("--seed", seed)->check([](const std::string& value) {
        return value.rfind('-', 0) == 0 ? std::string("must be a whole number >= 0")
                                        : std::string();
    });
    const CLI::Option* retention_given =
        app.add_option("--retention", retention_value)
            ->check(CLI::Range(sched::kMinDesiredRetention, sched::kMaxDesiredRetention));
    const CLI::Option* db_given = app.add_option("--db", db);
    app.add_flag("--json", json);
    if (const auto status = ParseCommandLine(app, kSimulateUsage, argv, out, err)) return *status;
    if (*retention_given) retention = retention_value;

    auto collection =
        *db_given ? storage::Collection::Open(db) : storage::Collection::OpenInMemory();
    if (!collection) return StorageExit(err, collection.error());
    auto sources = collection->SourceIds();
    if (!sources) return StorageExit(err, sources.error());
    if (sources->empty()) {
        auto interview = content::ParseInterview(content::BuiltinInterviewText());
        if (!interview) {
            err << "mondo simulate: the built-in interview does not parse: "
                << interview.error().message << "\n";
            return 1;
        }
        auto imported =
            collection->ImportSource(*interview, content::GenerateQuestions(*interview));
        if (!imported) return StorageExit(err, imported.error());
    }

    auto settings = study::LoadSettings(*collection);
    if (!settings) return StorageExit(err, settings.error());
    study::SimulationOptions options;
    options.days = days;
    options.seed = seed;
    options.settings = std::move(*settings);
    if (retention) options.settings.desired_retention = *retention;

    study::CollectionStore store(*collection);
    // Start after the last review the collection holds, so time never runs backwards.
    auto items = store.LoadStudyItems();
    if (!items) return StorageExit(err, items.error());
    std::int64_t last_review = 0;
    for (const study::StudyItem& item : *items) {
        if (item.card.state != sched::CardState::kNew)
            last_review = std::max(last_review, item.card.last_review);
    }
    if (*db_given) {
        // A real collection: the N days end today in local time. Each day's session starts
        // three hours before now (or just after today's day start, if that is later), so that
        // every day, today included, falls on its own study day.
        options.settings.utc_offset_at = LocalUtcOffset;
        const sched::DayBoundary boundary = options.settings.MakeDayBoundary();
        const std::int64_t now = SystemNowMs() / 1000;
        const std::int64_t today_start = boundary.NextDayStart(now) - 86400;
        const std::int64_t session = std::max(now - 3 * 3600, today_start + 300);
        options.start = boundary.SameLocalTimeLater(session, -(days - 1));
    }
    while (options.start <= last_review) options.start += 86400;
    if (items->empty()) {
        err << "mondo simulate: the collection holds no questions to study\n";
        return 1;
    }

    if (!json) {
        out << "  day  date        reviews    new  retention  minutes  cards seen\n";
    }
    auto result = study::Simulate(
        store, options, [&](const study::SimulatedDay& day) { PrintDay(out, day, json); });
    if (!result) return StorageExit(err, result.error());
    PrintSummary(out, result->summary, options.settings.desired_retention, seed, json);
    return 0;
}

}  // namespace mondo::app
