#include "app/cli/stats_command.h"

#include <algorithm>

#include "app/cli/args.h"
#include "app/cli/exit_status.h"
#include "app/cli/source_import.h"
#include "app/cli/terminal_text.h"
#include "app/local_time.h"
#include "app/stats_builder.h"
#include "app/study/collection_store.h"
#include "app/study/progress.h"
#include "storage/collection.h"

namespace mondo::app {

namespace {

constexpr const char* kUsage = R"(usage: mondo stats [--db PATH] [--source ID] [--json]

Prints today's reviews and time, the streak, reviews per day, true retention (young/mature)
and mastery per section of the collection (default: $XDG_DATA_HOME/mondo/collection.sqlite3).
--source ID counts one source only (its id as --json lists it), as the Stats screen does with
that source chosen in the Library.
--json adds "sources": each source's id, title (the learner's own when renamed), exchanges,
questions, learned, mastery, due today, the date it was added and whether it is retired, as the
Library lists them (a retired source's figures are 0: its questions count nowhere).
)";

}  // namespace

int RunStatsCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    CLI::App app{"", "mondo stats"};
    SetUpCommand(app);
    std::string db = storage::DefaultCollectionPath().string();
    bool json = false;
    std::string only_source;
    app.add_option("--db", db);
    app.add_option("--source", only_source);
    app.add_flag("--json", json);
    if (const auto status = ParseCommandLine(app, kUsage, argv, out, err)) return *status;
    const std::filesystem::path path = db;
    auto collection =
        storage::Collection::Open(path, storage::OpenOptions{.create_if_missing = false});
    if (!collection) return ReportStorageError(err, "stats", collection.error());
    auto settings = study::LoadSettings(*collection);
    auto sources = collection->SourceIds();
    if (!settings || !sources) {
        err << "mondo stats: cannot read " << path.string() << "\n";
        return kExitCollectionUnusable;
    }
    settings->utc_offset_at = LocalUtcOffset;
    if (!only_source.empty() &&
        std::find(sources->begin(), sources->end(), only_source) == sources->end()) {
        err << "mondo stats: " << path.string() << " has no source " << only_source << "\n";
        return kExitCannot;
    }
    auto records = collection->Sources();
    if (!records) {
        err << "mondo stats: " << records.error().message << "\n";
        return 2;
    }
    // The sources shown: the one asked for, or every source not retired (as the Stats screen with
    // all sources chosen), their titles the learner's own when renamed. Outlines only (title,
    // sections, the number of exchanges): the figures printed never name an exchange, so no
    // exchange text is read.
    std::vector<storage::SourceOutline> outlines;
    for (const storage::SourceRecord& record : *records) {
        auto outline = collection->LoadOutline(record.id);
        if (!outline) {
            err << "mondo stats: " << outline.error().message << "\n";
            return 2;
        }
        outline->interview.title = SourceTitle(record, *outline);
        outlines.push_back(std::move(*outline));
    }
    std::vector<const content::Interview*> shown;
    for (std::size_t i = 0; i < records->size(); ++i) {
        const storage::SourceRecord& record = (*records)[i];
        if (only_source.empty() ? record.retired() : record.id != only_source) continue;
        shown.push_back(&outlines[i].interview);
    }
    const content::Interview none;  // no source, or every one retired
    if (shown.empty()) shown.push_back(&none);
    const std::int64_t now = SystemNowMs() / 1000;
    auto stats = LoadStats(*collection, shown, *settings, now,
                           only_source.empty() ? StatsScope::kCollection : StatsScope::kSource);
    auto progress = study::LoadProgress(*collection, {}, *settings, now);
    if (!stats || !progress) {
        err << "mondo stats: cannot read " << path.string() << "\n";
        return 2;
    }
    if (!json) {
        if (!only_source.empty()) out << "source: " << TerminalSafe(shown.front()->title) << "\n";
        out << FormatStatsText(*stats);
        return 0;
    }
    // Every source's figures, as the Library lists them (the one definition, study/progress.h);
    // a retired source's questions count nowhere.
    std::vector<SourceSummary> summaries;
    for (std::size_t i = 0; i < records->size(); ++i) {
        const storage::SourceRecord& record = (*records)[i];
        const study::ProgressFigures figures = progress->by_source[record.id];
        SourceSummary summary;
        summary.title = outlines[i].interview.title;
        summary.exchanges = outlines[i].exchanges;
        summary.id = record.id;
        summary.questions = figures.questions;
        summary.learned = figures.learned;
        summary.mastery = figures.mastery();
        summary.due_today = figures.due;
        summary.added = LocalDateTime(record.added_at).substr(0, 10);
        summary.retired = record.retired();
        summaries.push_back(std::move(summary));
    }
    out << FormatStatsJson(*stats, summaries);
    return 0;
}

}  // namespace mondo::app
