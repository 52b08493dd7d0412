#include "app/cli/stats_command.h"

#include "app/cli/args.h"
#include "app/cli/exit_status.h"
#include "app/local_time.h"
#include "app/stats_builder.h"
#include "app/study/collection_store.h"
#include "app/study/progress.h"
#include "storage/collection.h"

namespace mondo::app {

namespace {

constexpr const char* kUsage = R"(usage: mondo stats [--db PATH] [--json]

Prints today's reviews and time, the streak, reviews per day, true retention (young/mature)
and mastery per section of the collection (default: $XDG_DATA_HOME/mondo/collection.sqlite3).
--json adds "sources": each source's id, title, exchanges, questions, learned, mastery and due
today, as the Library lists them.
)";

}  // namespace

int RunStatsCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    CLI::App app{"", "mondo stats"};
    SetUpCommand(app);
    std::string db = storage::DefaultCollectionPath().string();
    bool json = false;
    app.add_option("--db", db);
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
    content::Interview interview;
    if (!sources->empty()) {
        auto loaded = collection->LoadInterview(sources->front());
        if (loaded) interview = std::move(*loaded);
    }
    const std::int64_t now = SystemNowMs() / 1000;
    auto stats = LoadStats(*collection, interview, *settings, now);
    auto progress = study::LoadProgress(*collection, {}, *settings, now);
    if (!stats || !progress) {
        err << "mondo stats: cannot read " << path.string() << "\n";
        return 2;
    }
    if (!json) {
        out << FormatStatsText(*stats);
        return 0;
    }
    // Every source's figures, as the Library lists them (the one definition, study/progress.h).
    std::vector<SourceSummary> summaries;
    for (const auto& id : *sources) {
        auto loaded = collection->LoadInterview(id);
        if (!loaded) {
            err << "mondo stats: " << loaded.error().message << "\n";
            return 2;
        }
        const study::ProgressFigures figures = progress->by_source[id];
        summaries.push_back(SourceSummary{loaded->title, static_cast<int>(loaded->exchanges.size()),
                                          id, figures.questions, figures.learned, figures.mastery(),
                                          figures.due});
    }
    out << FormatStatsJson(*stats, summaries);
    return 0;
}

}  // namespace mondo::app
