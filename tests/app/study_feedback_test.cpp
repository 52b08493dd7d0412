// Feedback on the Study screen, through the app controller on a real (in-memory) collection:
// suspend, flag and undo each leave a short notice saying what happened and how to take it back,
// and the notice goes after a few seconds.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "app/app_controller.h"
#include "app/ui/browse_screen.h"
#include "app/ui/study_screen.h"
#include "content/interview.h"
#include "content/question.h"
#include "storage/collection.h"
#include "tests/app/controller_fixture.h"

using mondo::app::AppController;
using mondo::app::Screen;
using mondo::app::StudyIntent;

using mondo::test::BuiltinCollection;
using mondo::test::Intent;

namespace {

constexpr std::int64_t kStartMs = 1'796'202'000'000;  // 2026-12-02, a clock the test moves

mondo::app::Clock ClockAt(const std::int64_t& now_ms) {
    return [&now_ms] { return now_ms; };
}

}  // namespace

TEST_CASE("suspend, flag and undo each say what happened and how to take it back") {
    auto collection = BuiltinCollection();
    std::int64_t now_ms = kStartMs;
    AppController controller(collection, ClockAt(now_ms));
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

TEST_CASE("an order card shows its sentences in this showing's arrangement and grades that") {
    auto collection = mondo::storage::Collection::OpenInMemory();
    REQUIRE(collection.has_value());
    auto interview = mondo::content::ParseInterview(mondo::content::BuiltinInterviewText());
    REQUIRE(interview.has_value());
    const auto questions = mondo::content::GenerateQuestions(*interview);
    REQUIRE(collection->ImportSource(*interview, questions).has_value());
    std::int64_t now_ms = kStartMs;
    AppController controller(*collection, ClockAt(now_ms));
    REQUIRE(controller.Start().has_value());
    // Study order questions one by one (from Browse, "study this question").
    int checked = 0;
    for (const auto& question : questions) {
        if (question.kind != mondo::content::QuestionKind::kOrder || checked == 4) continue;
        mondo::app::BrowseIntent browse;
        browse.kind = mondo::app::BrowseIntent::Kind::kStudyQuestion;
        browse.question_id = question.id;
        controller.Apply(browse);
        REQUIRE(controller.study().has_card);
        const auto card = controller.study().card;
        REQUIRE(card.question_id == question.id);
        // The shown arrangement maps every shown sentence to one of the question's own, and it
        // is not the order the question stores them in for every card.
        REQUIRE(card.choice_index.size() == card.choices.size());
        for (std::size_t p = 0; p < card.choices.size(); ++p)
            CHECK(card.choices[p] ==
                  question.choices[static_cast<std::size_t>(card.choice_index[p])]);
        // Put the shown sentences in the order of the answer, by their shown positions.
        StudyIntent submit = Intent(StudyIntent::Kind::kSubmitOrder);
        for (std::size_t begin = 0; begin <= card.answer.size();) {
            const std::size_t end = std::min(card.answer.find('\n', begin), card.answer.size());
            const std::string line = card.answer.substr(begin, end - begin);
            for (std::size_t p = 0; p < card.choices.size(); ++p) {
                if (card.choices[p] == line) submit.order.push_back(static_cast<int>(p));
            }
            begin = end + 1;
        }
        REQUIRE(submit.order.size() == card.choices.size());
        controller.Apply(submit);
        REQUIRE(controller.study().feedback.has_value());
        CHECK(controller.study().feedback->verdict == mondo::content::GradeVerdict::kExact);
        if (card.choices != question.choices) ++checked;
    }
    // At least one card was shown in an arrangement other than the stored one.
    CHECK(checked >= 1);
}

TEST_CASE("Read gives every sentence of an answer its argument role") {
    auto collection = BuiltinCollection();
    std::int64_t now_ms = kStartMs;
    AppController controller(collection, ClockAt(now_ms));
    REQUIRE(controller.Start().has_value());
    controller.Navigate(Screen::kRead);
    const auto& exchanges = controller.read().exchanges;
    REQUIRE(exchanges.size() >= 2);
    for (const auto& exchange : exchanges) {
        CAPTURE(exchange.index);
        CHECK_FALSE(exchange.roles.empty());
        for (std::size_t i = 1; i < exchange.roles.size(); ++i)
            CHECK(exchange.roles[i].offset > exchange.roles[i - 1].offset);
    }
    // Exchange 2 rejects 資本 for 自信: a contrast, starting where its sentence starts.
    bool contrast = false;
    for (const auto& role : exchanges[1].roles) {
        if (role.role != mondo::content::ArgumentRole::kContrast) continue;
        const std::string opening = "イノベーションにおいて";
        contrast =
            contrast || exchanges[1].answer.compare(role.offset, opening.size(), opening) == 0;
    }
    CHECK(contrast);
}
