#include "app/study/settings.h"

#include <doctest/doctest.h>

namespace mondo::study {
namespace {

TEST_CASE("settings default to Anki's values") {
    const StudySettings s;
    CHECK(s.desired_retention == doctest::Approx(0.9));
    CHECK(s.new_per_day == 20);
    CHECK(s.reviews_per_day == 200);
    CHECK(s.learning_steps == std::vector<std::int32_t>{60, 600});
    CHECK(s.relearning_steps == std::vector<std::int32_t>{600});
    CHECK(s.day_start_hour == 4);
    CHECK(Validate(s).empty());
}

TEST_CASE("settings survive a round trip through their stored values") {
    StudySettings s;
    s.desired_retention = 0.85;
    s.new_per_day = 7;
    s.reviews_per_day = 123;
    s.learning_steps = {30, 300, 3600};
    s.relearning_steps = {};
    s.day_start_hour = 0;
    s.maximum_interval = 365;
    s.learn_ahead_seconds = 0;
    s.parameters.w[0] = 0.5;
    std::vector<SettingProblem> problems;
    const StudySettings back = SettingsFromValues(SettingsToValues(s), &problems);
    CHECK(problems.empty());
    CHECK(back.desired_retention == s.desired_retention);
    CHECK(back.new_per_day == 7);
    CHECK(back.reviews_per_day == 123);
    CHECK(back.learning_steps == s.learning_steps);
    CHECK(back.relearning_steps.empty());
    CHECK(back.day_start_hour == 0);
    CHECK(back.maximum_interval == 365);
    CHECK(back.learn_ahead_seconds == 0);
    CHECK(back.parameters == s.parameters);
}

TEST_CASE("invalid stored values fall back to their defaults and are reported") {
    const std::map<std::string, std::string> values = {
        {"study.desired_retention", "0.5"}, {"study.new_per_day", "-3"},
        {"study.reviews_per_day", "lots"},  {"study.learning_steps", "1m 10x"},
        {"study.day_start_hour", "24"},     {"study.fsrs_parameters", "1 2 3"},
        {"unrelated.key", "whatever"},
    };
    std::vector<SettingProblem> problems;
    const StudySettings s = SettingsFromValues(values, &problems);
    CHECK(s.desired_retention == doctest::Approx(0.9));
    CHECK(s.new_per_day == 20);
    CHECK(s.reviews_per_day == 200);
    CHECK(s.learning_steps == std::vector<std::int32_t>{60, 600});
    CHECK(s.day_start_hour == 4);
    CHECK(s.parameters == sched::Parameters{});
    CHECK(problems.size() == 6);
}

TEST_CASE("validation names each field out of range") {
    StudySettings s;
    s.desired_retention = 0.995;
    s.day_start_hour = -1;
    s.learning_steps = {0};
    const auto problems = Validate(s);
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].key == "study.desired_retention");
    CHECK(problems[1].key == "study.learning_steps");
    CHECK(problems[2].key == "study.day_start_hour");
}

TEST_CASE("stored steps are read with the scheduler's parser, at most kMaxSteps of them") {
    const std::string learning(kKeyLearningSteps);
    CHECK(SettingsFromValues({{learning, "30s, 5 1h 2d"}}).learning_steps ==
          std::vector<std::int32_t>{30, 300, 3600, 172800});
    std::string too_many;
    for (std::size_t i = 0; i <= kMaxSteps; ++i) too_many += "1m ";
    for (const std::string& bad : {too_many, std::string("0m"), std::string("10 minutes")}) {
        CAPTURE(bad);
        std::vector<SettingProblem> problems;
        const StudySettings read = SettingsFromValues({{learning, bad}}, &problems);
        CHECK(read.learning_steps == StudySettings{}.learning_steps);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].key == learning);
    }
    StudySettings settings;
    settings.learning_steps = {60, 600, 90, 7200, 86400};
    CHECK(SettingsToValues(settings).at(learning) == "1m 10m 90s 2h 1d");
}

}  // namespace
}  // namespace mondo::study
