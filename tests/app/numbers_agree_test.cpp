// Numbers that agree: Home, Read, Browse and Stats (their controllers' view models) and
// `mondo stats --json` report the same learned, mastery and due figures for one collection, because
// all of them read storage's one definition (storage/collection.h, app/study/progress.h).
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "app/app_controller.h"
#include "app/cli/stats_command.h"
#include "app/local_time.h"
#include "content/interview.h"
#include "content/question.h"
#include "storage/collection.h"

namespace mondo::app {
namespace {

constexpr std::int64_t kDay = 86400;

class TempDir {
  public:
    TempDir() {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                ("mondo-agree-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::filesystem::path File(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

sched::Card CardIn(sched::CardState state, double stability, std::int64_t last_review,
                   std::int64_t due, int scheduled_days) {
    return sched::Card{.state = state,
                       .memory = {stability, 5.0},
                       .last_review = last_review,
                       .due = due,
                       .step = 0,
                       .reps = 1,
                       .lapses = state == sched::CardState::kRelearning ? 1 : 0,
                       .scheduled_days = scheduled_days};
}

// The built-in interview with a mix of cards: learned ones reviewed days ago (some due, some
// not), learning and relearning ones just answered (recalled well, yet not learned), one learned
// card suspended, the rest new.
void MakeCollection(const std::filesystem::path& path, std::int64_t now) {
    auto collection = storage::Collection::Open(path);
    REQUIRE(collection.has_value());
    auto interview = content::ParseInterview(content::BuiltinInterviewText());
    REQUIRE(interview.has_value());
    REQUIRE(
        collection->ImportSource(*interview, content::GenerateQuestions(*interview)).has_value());
    auto items = collection->LoadStudyItems();
    REQUIRE(items.has_value());
    REQUIRE(items->size() > 60);
    std::vector<storage::ReviewRow> rows;
    for (std::size_t i = 0; i < 60; ++i) {
        const std::int64_t day = static_cast<std::int64_t>(i % 9) + 1;
        sched::Card card;
        if (i < 40) {  // learned: due from 5 days ago to 30 days ahead
            card = CardIn(sched::CardState::kReview, 2.0 + static_cast<double>(i), now - day * kDay,
                          now + (static_cast<std::int64_t>(i) - 5) * kDay, 25);
        } else if (i < 52) {  // learning, answered a minute ago, due already
            card = CardIn(sched::CardState::kLearning, 1.0, now - 60, now - 10, 0);
        } else {  // relearning after a lapse, due already
            card = CardIn(sched::CardState::kRelearning, 0.5, now - 60, now - 5, 0);
        }
        storage::ReviewRow row;
        row.question_id = (*items)[i].question.id;
        row.time_ms = card.last_review * 1000;
        row.rating = sched::Rating::kGood;
        row.duration_ms = 4000;
        row.card_before = (*items)[i].card;
        row.card_after = card;
        rows.push_back(row);
    }
    REQUIRE(collection->RecordReviews(rows).has_value());
    REQUIRE(collection->SetSuspended((*items)[3].question.id, true).has_value());
}

TEST_CASE("Home, Read, Browse, Stats and mondo stats --json report the same figures") {
    TempDir dir;
    const auto path = dir.File("c.sqlite3");
    const std::int64_t now = SystemNowMs() / 1000;
    MakeCollection(path, now);

    HomeViewModel home;
    ReadViewModel read;
    BrowseViewModel browse;
    StatsViewModel stats;
    {
        auto collection = storage::Collection::Open(path);
        REQUIRE(collection.has_value());
        auto interview = collection->LoadInterview(collection->SourceIds()->front());
        REQUIRE(interview.has_value());
        AppController controller(*collection, [now] { return now * 1000; });
        REQUIRE(controller.Start().has_value());
        home = controller.home();
        read = controller.read();
        controller.Navigate(Screen::kBrowse);
        browse = controller.browse();
        controller.Navigate(Screen::kStats);
        stats = controller.stats();
        CHECK(controller.error().empty());
        controller.Shutdown();
    }
    std::ostringstream out;
    std::ostringstream err;
    REQUIRE(RunStatsCommand({"--db", path.string(), "--json"}, out, err) == 0);
    const auto json = nlohmann::json::parse(out.str());

    // Learned: 40 in the review state, one of them suspended (not counted).
    CHECK(home.learned == 39);
    CHECK(stats.learned_questions == home.learned);
    CHECK(json["learned_questions"] == home.learned);
    CHECK(stats.total_questions == home.total_questions);
    CHECK(json["total_questions"] == home.total_questions);
    int browse_learned = 0;
    int browse_counted = 0;
    int browse_due = 0;
    for (const BrowseRow& row : browse.rows) {
        if (row.suspended) continue;
        ++browse_counted;
        if (row.state == sched::CardState::kReview) ++browse_learned;
        if (row.due == "today" || row.due.rfind("overdue", 0) == 0) ++browse_due;
    }
    CHECK(browse_learned == home.learned);
    CHECK(browse_counted == home.total_questions);

    // Due today: Stats' forecast, mondo stats' forecast and Browse agree (all 60 minus the
    // suspended one have a due time; the learned ones due from 5 days ago to today, the learning
    // and relearning ones today).
    REQUIRE(!stats.forecast.empty());
    CHECK(stats.forecast[0] == browse_due);
    CHECK(json["forecast"][0] == stats.forecast[0]);

    // Sections: Home, Stats and mondo stats show the same rows; mastery never exceeds the learned
    // share (learning cards answered a minute ago add nothing).
    int sections_seen = 0;
    for (const HomeSectionRow& row : home.sections) {
        CAPTURE(row.index);
        const MasteryRow* in_stats = nullptr;
        for (const MasteryRow& s : stats.sections)
            if (s.index == row.index) in_stats = &s;
        REQUIRE(in_stats != nullptr);
        CHECK(in_stats->questions == row.questions);
        CHECK(in_stats->learned == row.learned);
        CHECK(in_stats->mastery == doctest::Approx(row.mastery));
        for (const auto& s : json["sections"]) {
            if (s["index"] != row.index) continue;
            ++sections_seen;
            CHECK(s["questions"] == row.questions);
            CHECK(s["learned"] == row.learned);
            CHECK(s["mastery"].get<double>() == doctest::Approx(row.mastery));
        }
        REQUIRE(row.questions > 0);
        CHECK(row.mastery <= static_cast<double>(row.learned) / row.questions + 1e-9);
    }
    CHECK(sections_seen == static_cast<int>(home.sections.size()));

    // Exchanges: Read and Stats agree.
    int with_mastery = 0;
    for (const ReadExchangeView& view : read.exchanges) {
        CAPTURE(view.index);
        const MasteryRow* in_stats = nullptr;
        for (const MasteryRow& s : stats.exchanges)
            if (s.index == view.index) in_stats = &s;
        if (view.questions == 0) {
            CHECK(in_stats == nullptr);
            continue;
        }
        REQUIRE(in_stats != nullptr);
        CHECK(in_stats->questions == view.questions);
        CHECK(in_stats->learned == view.learned);
        CHECK(in_stats->mastery == doctest::Approx(view.mastery));
        CHECK(view.mastery <= static_cast<double>(view.learned) / view.questions + 1e-9);
        if (view.mastery > 0.0) ++with_mastery;
    }
    CHECK(with_mastery > 0);
}

}  // namespace
}  // namespace mondo::app
