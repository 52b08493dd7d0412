// Durability against power loss, not only against a killed process (which leaves the page cache
// intact and would pass with synchronous=OFF): the PowerLossVfs shim throws away whatever was not
// synced at a random write or sync, tears the last sector, and the collection is reopened. Every
// review acknowledged before the cut must be there and the file must pass integrity_check and the
// consistency check. A companion run with fsync dropped must lose reviews: the harness can fail.
#include <doctest/doctest.h>

#include <random>
#include <set>

#include "storage/collection.h"
#include "tests/storage/power_loss_vfs.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

constexpr int kCuts = 220;

struct Outcome {
    int cuts = 0;
    int rounds = 0;
    std::size_t acknowledged = 0;
    std::size_t lost = 0;  // acknowledged reviews missing after a cut
    int damaged = 0;       // cuts after which the file failed its checks or did not open
};

// Rounds of: open, record a random number of reviews (each acknowledged once RecordReview
// returned), close; the power fails at a random operation of the round. After each cut the files
// are put in their power-loss state and verified.
Outcome RunCuts(bool drop_syncs, int wanted_cuts, unsigned seed) {
    testing::TempDir dir;
    const auto path = dir.File("c.sqlite3");
    testing::PowerLossVfs vfs;
    vfs.set_drop_syncs(drop_syncs);
    {
        Collection collection = testing::OpenOrFail(path);
        const auto interview = testing::SmallInterview(30);
        REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    }
    std::mt19937 random(seed);
    std::set<std::int64_t> acknowledged;
    Outcome outcome;
    std::int64_t clock_ms = 1'700'000'000'000;
    while (outcome.cuts < wanted_cuts && outcome.rounds < 20 * wanted_cuts) {
        ++outcome.rounds;
        CAPTURE(outcome.rounds);
        const int reviews = 1 + static_cast<int>(random() % 40);
        vfs.CutAt(1 + static_cast<std::int64_t>(random() % 300));
        {
            auto collection = Collection::Open(path);
            if (collection) {
                auto items = collection->LoadStudyItems();
                for (int n = 0; items && !items->empty() && n < reviews && !vfs.cut(); ++n) {
                    const auto& item = (*items)[random() % items->size()];
                    auto card = collection->LoadCard(item.question.id);
                    if (!card || !*card) break;
                    ReviewRow row = testing::MakeReview(item.question.id, **card, clock_ms += 1000,
                                                        1 + static_cast<int>(random() % 4));
                    row.answer_given = std::string(random() % 2000, 'a');
                    auto id = collection->RecordReview(row);
                    if (!id) break;
                    acknowledged.insert(*id);
                }
            } else {
                REQUIRE_MESSAGE(vfs.cut(), collection.error().message);
            }
        }  // closing checkpoints the WAL into the file: cuts land there too
        if (!vfs.cut()) {
            vfs.CutAt(0);
            continue;
        }
        ++outcome.cuts;
        vfs.PowerOff(random);

        bool damaged = false;
        std::set<std::int64_t> stored;
        {
            auto reopened = Collection::Open(path);
            if (!reopened) {
                damaged = true;
                MESSAGE("after cut " << outcome.cuts << ": " << reopened.error().message);
            } else {
                auto log = reopened->LoadReviewLog();
                REQUIRE(log.has_value());
                for (const auto& row : *log) stored.insert(row.id);
            }
        }
        if (!damaged) {
            auto report = CheckCollection(path);
            damaged = !report || !report->ok();
            if (report) {
                for (const auto& problem : report->problems)
                    MESSAGE(problem.question_id << ": " << problem.message);
            }
        }
        if (damaged) {
            ++outcome.damaged;
            break;  // nothing sensible can follow a damaged file
        }
        for (const std::int64_t id : acknowledged) {
            if (stored.count(id) == 0) ++outcome.lost;
        }
        // What was lost is forgotten, so each loss is counted once.
        std::set<std::int64_t> kept;
        for (const std::int64_t id : acknowledged)
            if (stored.count(id) != 0) kept.insert(id);
        acknowledged.swap(kept);
    }
    outcome.acknowledged = acknowledged.size();
    return outcome;
}

TEST_CASE("reviews acknowledged before a power cut survive it, over at least 200 random cuts") {
    const Outcome outcome = RunCuts(false, kCuts, 20261202);
    MESSAGE(outcome.cuts << " cuts in " << outcome.rounds << " rounds, " << outcome.acknowledged
                         << " reviews kept");
    CHECK(outcome.cuts >= 200);
    CHECK(outcome.damaged == 0);
    CHECK(outcome.lost == 0);
    CHECK(outcome.acknowledged > 0);
}

TEST_CASE("the power-cut harness catches lost reviews when fsync does nothing") {
    const Outcome outcome = RunCuts(true, 40, 7);
    MESSAGE(outcome.cuts << " cuts, " << outcome.lost << " acknowledged reviews lost, "
                         << outcome.damaged << " damaged");
    CHECK(outcome.cuts > 0);
    CHECK(outcome.lost + static_cast<std::size_t>(outcome.damaged) > 0);
}

TEST_CASE("every write the collection acknowledges has synced its WAL (synchronous=FULL)") {
    testing::TempDir dir;
    const auto path = dir.File("c.sqlite3");
    testing::PowerLossVfs vfs;
    Collection collection = testing::OpenOrFail(path);
    const std::string wal = path.string() + "-wal";
    auto synced = [&](const char* what, auto&& write) {
        CAPTURE(what);
        const std::int64_t before = vfs.SyncsOf(wal);
        write();
        CHECK(vfs.SyncsOf(wal) > before);
    };
    const auto interview = testing::SmallInterview(3);
    synced("import", [&] {
        REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    });
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    std::int64_t review = 0;
    synced("review", [&] {
        auto id = collection.RecordReview(
            testing::MakeReview(items->front().question.id, sched::Card{}, 1'700'000'000'000));
        REQUIRE(id.has_value());
        review = *id;
    });
    synced("undo", [&] { REQUIRE(collection.UndoReview(review).has_value()); });
    synced("setting", [&] { REQUIRE(collection.SetSetting("theme", "dark").has_value()); });
    synced("suspend",
           [&] { REQUIRE(collection.SetSuspended(items->front().question.id, true).has_value()); });
    synced("session", [&] { REQUIRE(collection.StartSession(1'700'000'000).has_value()); });
}

}  // namespace
}  // namespace mondo::storage
