// Applying fitted FSRS parameters to a real collection file, and undoing it: every reviewed
// card's memory is recomputed from its log in one transaction, due dates stay, the old
// parameters are kept, `mondo check`'s replay still finds the collection consistent, and studying
// on after the change stays consistent too.
#include "app/study/fitting.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>

#include "app/study/collection_store.h"
#include "app/study/consistency.h"
#include "app/study/simulator.h"
#include "content/interview.h"
#include "content/question.h"

namespace mondo::study {
namespace {

struct ScratchDir {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("mondo-fitting-" + std::to_string(::getpid()));
    ScratchDir() {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~ScratchDir() { std::filesystem::remove_all(path); }
};

std::map<std::string, sched::Card> CardsOf(storage::Collection& collection) {
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    std::map<std::string, sched::Card> cards;
    for (const auto& item : *items) cards[item.question.id] = item.card;
    return cards;
}

}  // namespace

TEST_CASE("applying fitted parameters recomputes memory from the log and can be undone") {
    ScratchDir dir;
    const auto path = dir.path / "collection.sqlite3";
    SimulationOptions options;
    options.days = 40;
    options.seed = 3;
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

    sched::Parameters fitted;
    std::map<std::string, sched::Card> before;
    {
        auto collection = storage::Collection::Open(path);
        REQUIRE(collection.has_value());
        auto settings = LoadSettings(*collection);
        REQUIRE(settings.has_value());
        auto data = LoadTrainingData(*collection, *settings);
        REQUIRE(data.has_value());
        REQUIRE(data->items.size() > 64);
        const auto outcome = sched::Optimize(data->items, settings->parameters);
        REQUIRE(outcome.fit.kind == sched::FitResult::Kind::kTrained);
        fitted = outcome.fit.parameters;
        REQUIRE(!(fitted == settings->parameters));
        before = CardsOf(*collection);

        auto applied = ApplyParameters(*collection, *settings, fitted, 1'800'000'000'000);
        REQUIRE(applied.has_value());
        CHECK(*applied > 50);
        CHECK(settings->parameters == fitted);
        REQUIRE(PreviousParameters(*settings).has_value());
        CHECK(*PreviousParameters(*settings) == sched::Parameters{});
    }

    // On disk, after reopening: memory = replay with the new parameters; nothing else changed.
    {
        auto collection = storage::Collection::Open(path);
        REQUIRE(collection.has_value());
        auto settings = LoadSettings(*collection);
        REQUIRE(settings.has_value());
        CHECK(settings->parameters == fitted);
        REQUIRE(settings->parameter_history.size() == 2);
        auto log = collection->LoadReviewLog();
        REQUIRE(log.has_value());
        const auto replayed = ReplayMemories(*log, fitted);
        const auto after = CardsOf(*collection);
        std::size_t changed = 0;
        for (const auto& [id, memory] : replayed) {
            const sched::Card& card = after.at(id);
            CHECK(card.memory == memory);
            changed += card.memory == before.at(id).memory ? 0 : 1;
            CHECK(card.due == before.at(id).due);
            CHECK(card.state == before.at(id).state);
            CHECK(card.reps == before.at(id).reps);
        }
        CHECK(changed > replayed.size() / 2);
        const auto mismatches = CheckReplayConsistency(*collection, *settings);
        REQUIRE(mismatches.has_value());
        for (const auto& m : *mismatches) MESSAGE(m.question_id << ": " << m.message);
        CHECK(mismatches->empty());

        // Study on with the new parameters (after the change): still consistent.
        SimulationOptions more = options;
        more.days = 5;
        more.seed = 9;
        more.settings = *settings;
        more.start = 1'800'000'000 + 3600;
        CollectionStore store(*collection);
        REQUIRE(Simulate(store, more).has_value());
        const auto later = CheckReplayConsistency(*collection, *settings);
        REQUIRE(later.has_value());
        for (const auto& m : *later) MESSAGE(m.question_id << ": " << m.message);
        CHECK(later->empty());

        // Undo: the previous parameters come back, memories replayed with them.
        const auto previous = PreviousParameters(*settings);
        REQUIRE(previous.has_value());
        REQUIRE(ApplyParameters(*collection, *settings, *previous, 1'801'000'000'000));
        CHECK(settings->parameters == sched::Parameters{});
        auto full_log = collection->LoadReviewLog();
        REQUIRE(full_log.has_value());
        const auto cards = CardsOf(*collection);
        for (const auto& [id, memory] : ReplayMemories(*full_log, sched::Parameters{})) {
            CHECK(cards.at(id).memory == memory);
        }
        const auto undone = CheckReplayConsistency(*collection, *settings);
        REQUIRE(undone.has_value());
        for (const auto& m : *undone) MESSAGE(m.question_id << ": " << m.message);
        CHECK(undone->empty());
    }
}

TEST_CASE(
    "after new parameters are applied, a change of day start or time zone is no false alarm") {
    // Studied in UTC with the day starting at 04:00; new parameters applied after 12 days; then
    // the learner moves the day start or travels. `mondo check` (the
    // stored settings, the new zone) must still find the healthy collection consistent: the
    // memory recomputed when the parameters were applied and the check's replay both count the
    // elapsed days stored with each review, not days by today's boundary.
    ScratchDir dir;
    const auto path = dir.path / "collection.sqlite3";
    SimulationOptions options;
    options.days = 12;
    options.seed = 21;
    options.start -= 300;  // sessions from 08:55 UTC: a day boundary at 09:00 UTC cuts them
    auto collection = storage::Collection::Open(path);
    REQUIRE(collection.has_value());
    auto interview = content::ParseInterview(content::BuiltinInterviewText());
    REQUIRE(interview.has_value());
    REQUIRE(
        collection->ImportSource(*interview, content::GenerateQuestions(*interview)).has_value());
    {
        CollectionStore store(*collection);
        REQUIRE(Simulate(store, options).has_value());
    }
    auto settings = LoadSettings(*collection);
    REQUIRE(settings.has_value());
    sched::Parameters steeper;
    steeper.w[20] = 0.6;
    for (std::size_t i = 0; i < 4; ++i) steeper.w[i] *= 0.3;
    const std::int64_t applied_at_s = options.start + 12 * 86400 - 3600;  // after the 12 days
    REQUIRE(ApplyParameters(*collection, *settings, steeper, applied_at_s * 1000).has_value());
    {
        // Three more days of study under the new parameters.
        SimulationOptions more = options;
        more.days = 3;
        more.seed = 22;
        more.settings = *settings;
        more.start = options.start + 12 * 86400;
        CollectionStore store(*collection);
        REQUIRE(Simulate(store, more).has_value());
    }
    auto log = collection->LoadReviewLog();
    REQUIRE(log.has_value());
    const auto consistent_with_zone = [&](int day_start_hour, std::int32_t utc_offset_seconds) {
        StudySettings moved = *settings;
        moved.day_start_hour = day_start_hour;
        moved.utc_offset_seconds = utc_offset_seconds;
        // The move changes the day count of some reviews (else this would prove nothing).
        const sched::DayBoundary boundary = moved.MakeDayBoundary();
        std::size_t recounted = 0;
        for (const storage::ReviewRow& row : *log) {
            if (row.card_before.state != sched::CardState::kNew &&
                boundary.ElapsedDays(row.card_before.last_review, row.time_ms / 1000) !=
                    row.elapsed_days)
                ++recounted;
        }
        INFO("day start " << day_start_hour << ", UTC offset " << utc_offset_seconds
                          << " s: " << recounted << " reviews counted with other elapsed days");
        if (utc_offset_seconds != 0 || day_start_hour != 4) CHECK(recounted > 0);
        REQUIRE(SaveSettings(*collection, moved).has_value());
        auto report = storage::CheckCollection(
            path, MakeReplayCheck([=](std::int64_t) { return utc_offset_seconds; }));
        REQUIRE(report.has_value());
        for (const auto& problem : report->problems)
            MESSAGE(problem.question_id << ": " << problem.message);
        CHECK(report->reviews > 0);
        return report->ok();
    };
    CHECK(consistent_with_zone(4, 0));  // as studied
    // Each move puts the day boundary at 09:00 UTC, inside the sessions.
    CHECK(consistent_with_zone(9, 0));          // only the day start changed
    CHECK(consistent_with_zone(0, -9 * 3600));  // to Alaska, day start at midnight
    CHECK(consistent_with_zone(18, 9 * 3600));  // to Tokyo, day start at 18:00
}

}  // namespace mondo::study
