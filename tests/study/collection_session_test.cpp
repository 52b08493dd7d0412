// The session on a real (in-memory SQLite) collection: what is written, and that undo restores
// the stored card and log exactly.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "app/study/collection_store.h"
#include "app/study/session.h"
#include "app/study/simulator.h"
#include "content/interview.h"
#include "content/question.h"
#include "storage/collection.h"
#include "tests/study/study_fixtures.h"

namespace mondo::study {
namespace {

using namespace testing;
using sched::Rating;

storage::Collection BuiltinCollection() {
    auto collection = storage::Collection::OpenInMemory();
    REQUIRE(collection.has_value());
    auto interview = content::ParseInterview(content::BuiltinInterviewText());
    REQUIRE(interview.has_value());
    auto imported = collection->ImportSource(*interview, content::GenerateQuestions(*interview));
    REQUIRE(imported.has_value());
    REQUIRE(imported->added > 20);
    return std::move(*collection);
}

std::optional<sched::Card> StoredCard(storage::Collection& collection, const std::string& id) {
    auto card = collection.LoadCard(id);
    REQUIRE(card.has_value());
    return *card;
}

TEST_CASE(
    "on a collection, an answer is one stored review and undo puts card and log back exactly") {
    storage::Collection collection = BuiltinCollection();
    auto started = Session::Start(collection, StudySettings{}, kMonday9);
    REQUIRE(started.has_value());
    Session& session = *started;
    CHECK(session.Counts().new_count == 20);

    const std::string first = session.Current()->question.id;
    const auto card_before = StoredCard(collection, first);
    REQUIRE(session.Answer(Rating::kGood, "typed ' DROP TABLE reviews; --", true, kMonday9, 4200)
                .has_value());
    const std::string second = session.Current()->question.id;
    const auto second_before = StoredCard(collection, second);
    REQUIRE(session.Answer(Rating::kAgain, "", false, kMonday9 + 5, 3000).has_value());

    auto log = collection.LoadReviewLog();
    REQUIRE(log.has_value());
    REQUIRE(log->size() == 2);
    const storage::ReviewRow& row = (*log)[0];
    CHECK(row.question_id == first);
    CHECK(row.rating == Rating::kGood);
    CHECK(row.answer_given == "typed ' DROP TABLE reviews; --");
    CHECK(row.correct == true);
    CHECK(row.duration_ms == 4200);
    CHECK(row.time_ms == kMonday9 * 1000);
    CHECK(row.card_before.state == sched::CardState::kNew);
    CHECK(row.card_after.state == sched::CardState::kLearning);
    CHECK(row.card_before == *card_before);
    CHECK(StoredCard(collection, first) == row.card_after);
    // What the session holds is what is stored.
    auto items = LoadStudyItems(collection);
    REQUIRE(items.has_value());
    for (const StudyItem& item : *items) {
        if (item.question.id == first)
            CHECK(item.card == session.items()[static_cast<std::size_t>(item.order)].card);
    }

    REQUIRE(session.Undo().has_value());
    CHECK(session.Current()->question.id == second);
    CHECK(StoredCard(collection, second) == second_before);
    REQUIRE(session.Undo().has_value());
    CHECK(session.Current()->question.id == first);
    CHECK(StoredCard(collection, first) == card_before);
    log = collection.LoadReviewLog();
    REQUIRE(log.has_value());
    CHECK(log->empty());
    CHECK(session.Counts().new_count == 20);
    REQUIRE(session.End(kMonday9 + 10).has_value());
}

TEST_CASE("settings are saved in the collection and read back, invalid ones as defaults") {
    storage::Collection collection = BuiltinCollection();
    auto loaded = LoadSettings(collection);
    REQUIRE(loaded.has_value());
    CHECK(loaded->new_per_day == 20);
    StudySettings settings;
    settings.desired_retention = 0.85;
    settings.new_per_day = 12;
    settings.learning_steps = {30, 600, 3600};
    REQUIRE(SaveSettings(collection, settings).has_value());
    loaded = LoadSettings(collection);
    REQUIRE(loaded.has_value());
    CHECK(loaded->desired_retention == 0.85);
    CHECK(loaded->new_per_day == 12);
    CHECK(loaded->learning_steps == settings.learning_steps);
    REQUIRE(collection.SaveSettings({{"study.new_per_day", "many"}}).has_value());
    loaded = LoadSettings(collection);
    REQUIRE(loaded.has_value());
    CHECK(loaded->new_per_day == 20);
    CHECK(loaded->desired_retention == 0.85);
}

TEST_CASE(
    "a simulation on a collection writes one review per answer and stays consistent with replay") {
    storage::Collection collection = BuiltinCollection();
    CollectionStore store(collection);
    SimulationOptions options;
    options.days = 15;
    options.seed = 5;
    auto result = Simulate(store, options);
    REQUIRE(result.has_value());
    auto log = collection.LoadReviewLog();
    REQUIRE(log.has_value());
    CHECK(static_cast<int>(log->size()) == result->summary.reviews);
    auto mismatches = CheckReplayConsistency(collection, options.settings);
    REQUIRE(mismatches.has_value());
    CHECK(mismatches->empty());
    // The same seed on a fresh collection gives the same run.
    storage::Collection other = BuiltinCollection();
    CollectionStore other_store(other);
    auto again = Simulate(other_store, options);
    REQUIRE(again.has_value());
    CHECK(again->summary.reviews == result->summary.reviews);
    CHECK(again->summary.review_cards == result->summary.review_cards);
    CHECK(again->summary.minutes == result->summary.minutes);
}

TEST_CASE("suspending on a collection keeps the question out of later sessions") {
    storage::Collection collection = BuiltinCollection();
    std::string id;
    {
        auto session = Session::Start(collection, StudySettings{}, kMonday9);
        REQUIRE(session.has_value());
        id = session->Current()->question.id;
        REQUIRE(session->SuspendCurrent(kMonday9).has_value());
        REQUIRE(session->SetFlag(id, 2).has_value());
    }
    auto items = LoadStudyItems(collection);
    REQUIRE(items.has_value());
    const auto it = std::find_if(items->begin(), items->end(),
                                 [&](const StudyItem& item) { return item.question.id == id; });
    REQUIRE(it != items->end());
    CHECK(it->suspended);
    CHECK(it->flag == 2);
    auto later = Session::Start(collection, StudySettings{}, kMonday9 + 60);
    REQUIRE(later.has_value());
    for (std::int64_t now = kMonday9 + 60; later->Current(); now += 10) {
        CHECK(later->Current()->question.id != id);
        REQUIRE(later->Answer(Rating::kEasy, "", std::nullopt, now, 1000).has_value());
    }
}

TEST_CASE("mondo check's replay hook finds a simulated collection consistent") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("mondo-study-check-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto path = dir / "collection.sqlite3";
    SimulationOptions options;
    options.days = 10;
    {
        auto collection = storage::Collection::Open(path);
        REQUIRE(collection.has_value());
        auto interview = content::ParseInterview(content::BuiltinInterviewText());
        REQUIRE(interview.has_value());
        REQUIRE(collection->ImportSource(*interview, content::GenerateQuestions(*interview))
                    .has_value());
        CollectionStore store(*collection);
        REQUIRE(Simulate(store, options).has_value());
    }
    auto report = storage::CheckCollection(path, MakeReplayCheck(options.settings.utc_offset_at));
    REQUIRE(report.has_value());
    for (const auto& problem : report->problems)
        MESSAGE(problem.question_id << ": " << problem.message);
    CHECK(report->ok());
    CHECK(report->reviews > 0);
    // The hook is really consulted: one that objects makes the check fail.
    std::size_t rows_seen = 0;
    auto objecting = storage::CheckCollection(path, [&](const std::vector<storage::StudyItem>&,
                                                        const std::vector<storage::ReviewRow>& log,
                                                        const std::map<std::string, std::string>&) {
        rows_seen = log.size();
        return std::vector<storage::CheckProblem>{{"q", "objection"}};
    });
    REQUIRE(objecting.has_value());
    CHECK_FALSE(objecting->ok());
    CHECK(static_cast<int>(rows_seen) == report->reviews);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mondo::study
