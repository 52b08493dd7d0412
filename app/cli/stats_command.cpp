#include "app/cli/stats_command.h"

#include "app/cli/args.h"
#include "app/cli/exit_status.h"
#include "app/local_time.h"
#include "app/stats_builder.h"
#include "app/study/collection_store.h"
#include "storage/collection.h"

namespace mondo::app {

namespace {

constexpr const char* kUsage = R"(usage: mondo stats [--db PATH] [--json]

Prints today's reviews and time, the streak, reviews per day, true retention (young/mature)
and mastery per section of the collection (default: $XDG_DATA_HOME/mondo/collection.sqlite3).
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
    auto stats = LoadStats(*collection, interview, *settings, SystemNowMs() / 1000);
    if (!stats) {
        err << "mondo stats: " << stats.error().message << "\n";
        return 2;
    }
    out << (json ? FormatStatsJson(*stats) : FormatStatsText(*stats));
    return 0;
}

}  // namespace mondo::app
