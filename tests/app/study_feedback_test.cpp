// Feedback on the Study screen, through the app controller on a real (in-memory) collection:
// suspend, flag and undo each leave a short notice saying what happened and how to take it back,
// and the notice goes after a few seconds.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "app/app_controller.h"
#include "app/ui/study_screen.h"
#include "content/interview.h"
#include "content/question.h"
#include "storage/collection.h"

using mondo::app::AppController;
using mondo::app::Screen;
using mondo::app::StudyIntent;

namespace {

constexpr std::int64_t kStartMs = 1'796'202'000'000;  // 2026-12-02, a clock the test moves

mondo::app::Clock ClockAt(const std::int64_t& now_ms) {
    return [&now_ms] { return now_ms; };
}

StudyIntent Intent(StudyIntent::Kind kind, int index = 0) {
    StudyIntent intent;
    intent.kind = kind;
    intent.index = index;
    return intent;
}

}  // namespace

TEST_CASE("suspend, flag and undo each say what happened and how to take it back") {
    auto collection = mondo::storage::Collection::OpenInMemory();
    REQUIRE(collection.has_value());
    auto interview = mondo::content::ParseInterview(mondo::content::BuiltinInterviewText());
    REQUIRE(interview.has_value());
    REQUIRE(collection->ImportSource(*interview, mondo::content::GenerateQuestions(*interview))
                .has_value());
    std::int64_t now_ms = kStartMs;
    AppController controller(*collection, std::move(*interview), ClockAt(now_ms));
    REQUIRE(controller.Start().has_value());
    controller.Navigate(Screen::kStudy);
    REQUIRE(controller.study().has_card);
    CHECK(controller.study().notice.empty());

    controller.Apply(Intent(StudyIntent::Kind::kToggleFlag));
    CHECK(controller.study().card.flagged);
    CHECK(controller.study().notice.find("Flagged") != std::string::npos);
    CHECK(controller.study().notice.find("Ctrl+F") != std::string::npos);
    controller.Apply(Intent(StudyIntent::Kind::kToggleFlag));
    CHECK_FALSE(controller.study().card.flagged);
    CHECK(controller.study().notice.find("Flag removed") != std::string::npos);

    const std::string suspended = controller.study().card.question_id;
    controller.Apply(Intent(StudyIntent::Kind::kSuspend));
    CHECK(controller.study().card.question_id != suspended);
    CHECK(controller.study().notice.find("Suspended") != std::string::npos);
    CHECK(controller.study().notice.find("Unsuspend") != std::string::npos);

    // Answering clears the notice; undoing the answer says so.
    if (controller.study().card.kind == mondo::content::QuestionKind::kRecall) {
        controller.Apply(Intent(StudyIntent::Kind::kShowAnswer));
    } else {
        REQUIRE_FALSE(controller.study().card.choices.empty());
        controller.Apply(Intent(StudyIntent::Kind::kSubmitChoice, 0));
    }
    controller.Apply(Intent(StudyIntent::Kind::kRate, 3));
    CHECK(controller.study().notice.empty());
    controller.Apply(Intent(StudyIntent::Kind::kUndo));
    CHECK(controller.study().notice.find("undone") != std::string::npos);

    // The notice stays a few seconds, then the screen is drawn without it.
    now_ms += 2000;
    controller.Tick();
    CHECK_FALSE(controller.study().notice.empty());
    now_ms += 10'000;
    CHECK(controller.Tick());
    CHECK(controller.study().notice.empty());
}
