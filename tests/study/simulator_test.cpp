#include "app/study/simulator.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "app/study/memory_store.h"
#include "content/interview.h"
#include "content/question.h"
#include "tests/study/study_fixtures.h"

namespace mondo::study {
namespace {

std::vector<StudyItem> BuiltinItems() {
    auto interview = content::ParseInterview(content::BuiltinInterviewText());
    REQUIRE(interview.has_value());
    std::vector<StudyItem> items;
    for (content::Question& q : content::GenerateQuestions(*interview)) {
        StudyItem item;
        item.question = std::move(q);
        items.push_back(std::move(item));
    }
    return items;
}

TEST_CASE("a simulation with the same seed gives the same days, another seed other days") {
    const std::vector<StudyItem> items = BuiltinItems();
    REQUIRE(items.size() > 20);
    SimulationOptions options;
    options.days = 20;
    options.seed = 7;
    MemoryStore first(items), second(items), third(items);
    auto a = Simulate(first, options);
    auto b = Simulate(second, options);
    options.seed = 8;
    auto c = Simulate(third, options);
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    REQUIRE(c.has_value());
    REQUIRE(a->days.size() == 20);
    bool same = true, differs = false;
    for (std::size_t i = 0; i < a->days.size(); ++i) {
        same = same && a->days[i].reviews == b->days[i].reviews &&
               a->days[i].review_recalled == b->days[i].review_recalled &&
               a->days[i].minutes == b->days[i].minutes;
        differs = differs || a->days[i].reviews != c->days[i].reviews ||
                  a->days[i].review_recalled != c->days[i].review_recalled;
    }
    CHECK(same);
    CHECK(differs);
    CHECK(first.log().size() == second.log().size());
    // 20 new questions a day; an exchange's are spread over days and wait while a sibling is
    // due, so after 20 days (400 places) a few of the 153 are still to come.
    CHECK(a->days[0].new_cards == 20);
    CHECK(a->summary.new_cards > static_cast<int>(items.size()) * 9 / 10);
    CHECK(a->summary.new_cards <= static_cast<int>(items.size()));
    CHECK(a->summary.reviews == static_cast<int>(first.log().size()));
}

TEST_CASE("the simulated learner keeps about the desired retention") {
    const std::vector<StudyItem> items = BuiltinItems();
    for (const double retention : {0.80, 0.90}) {
        CAPTURE(retention);
        SimulationOptions options;
        options.days = 200;
        options.seed = 3;
        options.settings.desired_retention = retention;
        MemoryStore store(items);
        auto result = Simulate(store, options);
        REQUIRE(result.has_value());
        REQUIRE(result->summary.true_retention.has_value());
        CHECK(result->summary.review_cards > 500);
        CHECK(*result->summary.true_retention == doctest::Approx(retention).epsilon(0.04));
    }
}

TEST_CASE("a higher desired retention costs more reviews") {
    // Its speed is measured by bench/study_bench (timed checks do not belong in tests).
    const std::vector<StudyItem> items = BuiltinItems();
    const auto estimates = EstimateLoad(items, StudySettings{}, testing::kMonday9);
    REQUIRE(estimates.size() == 4);
    for (std::size_t i = 1; i < estimates.size(); ++i) {
        CHECK(estimates[i].desired_retention > estimates[i - 1].desired_retention);
    }
    // The simulated learner forgets at random: two retentions 0.05 apart can swap their workload
    // (917 vs 943 reviews once the question set changed), so compare retentions 0.10 apart.
    for (std::size_t i = 2; i < estimates.size(); ++i) {
        CHECK(estimates[i].summary.reviews > estimates[i - 2].summary.reviews);
    }
    CHECK(estimates[0].days.size() == 60);
}

TEST_CASE("the load estimate reports its progress day by day and stops when told") {
    const std::vector<StudyItem> items = BuiltinItems();
    const std::vector<double> retentions = {0.80, 0.90};
    std::vector<double> reported;
    const auto estimates = EstimateLoad(items, StudySettings{}, testing::kMonday9, retentions, 10,
                                        1, [&reported](double fraction) {
                                            reported.push_back(fraction);
                                            return true;
                                        });
    REQUIRE(estimates.size() == 2);
    // One report before each simulated day of each retention, then the end.
    REQUIRE(reported.size() == 2 * 10 + 1);
    CHECK(reported.front() == doctest::Approx(0.0));
    CHECK(reported[10] == doctest::Approx(0.5));
    CHECK(reported.back() == doctest::Approx(1.0));
    CHECK(std::is_sorted(reported.begin(), reported.end()));

    int calls = 0;
    const auto stopped = EstimateLoad(items, StudySettings{}, testing::kMonday9, retentions, 10, 1,
                                      [&calls](double) { return ++calls < 5; });
    CHECK(stopped.empty());
    CHECK(calls == 5);
}

}  // namespace
}  // namespace mondo::study
