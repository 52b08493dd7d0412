// Text from users and sources is stored and read back verbatim: quotes, SQL, NUL, emoji, 1 MB.
#include <doctest/doctest.h>

#include "storage/collection.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

const std::vector<std::string>& HostileTexts() {
    static const std::vector<std::string> texts = [] {
        std::vector<std::string> t = {
            "it's \"quoted\" `back` 'single'",
            "'); DROP TABLE reviews; --",
            "Robert'); DROP TABLE questions;--",
            std::string("before\0after", 12),
            std::string("\0", 1),
            "絵文字 😀👍🏽 家族👨‍👩‍👧‍👦 and ＵＴＦ－８",
            "tab\there\nnew line\r\ncrlf",
            "100%_like_\\escape",
            "",
            "5:abcde",  // looks like the list encoding
        };
        // 1 MiB of Japanese, quotes, NUL bytes and emoji (cut on a byte boundary on purpose).
        const std::string unit = std::string("長い文章です。'\"\0😀 '); DROP TABLE cards;--\n", 53);
        std::string big;
        while (big.size() < (1u << 20)) big += unit;
        big.resize(1u << 20);
        t.push_back(big);
        return t;
    }();
    return texts;
}

TEST_CASE("answers typed by the learner round-trip verbatim through a file") {
    testing::TempDir dir;
    const auto path = dir.File("c.sqlite3");
    std::vector<std::int64_t> ids;
    std::string question_id;
    {
        Collection collection = testing::OpenOrFail(path);
        const auto interview = testing::SmallInterview(2);
        REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
        auto items = collection.LoadStudyItems();
        REQUIRE(items.has_value());
        question_id = items->front().question.id;
        sched::Card card;
        std::int64_t t = 1'700'000'000'000;
        for (const std::string& text : HostileTexts()) {
            ReviewRow row = testing::MakeReview(question_id, card, t += 1000);
            row.answer_given = text;
            auto id = collection.RecordReview(row);
            REQUIRE(id.has_value());
            ids.push_back(*id);
            card = row.card_after;
        }
    }
    Collection collection = testing::OpenOrFail(path);
    auto log = collection.LoadReviewLog(question_id);
    REQUIRE(log.has_value());
    REQUIRE(log->size() == HostileTexts().size());
    for (std::size_t i = 0; i < log->size(); ++i) {
        CHECK((*log)[i].answer_given.size() == HostileTexts()[i].size());
        CHECK((*log)[i].answer_given == HostileTexts()[i]);
    }
    auto report = CheckCollection(path);
    REQUIRE(report.has_value());
    CHECK(report->ok());
}

TEST_CASE("imported sources with hostile text round-trip verbatim, lists included") {
    Collection collection = testing::InMemoryOrFail();
    const auto& texts = HostileTexts();
    content::Interview interview = testing::SmallInterview(1, "title '); DROP TABLE sources; --");
    interview.intro = texts;
    interview.profile = {texts[3], texts[5]};
    interview.exchanges[0].question = texts[1];
    interview.exchanges[0].answer = texts.back();
    interview.exchanges[0].notes = {texts[4], texts[0]};
    interview.ruby = {{texts[3], texts[5]}};
    interview.sections[0].title = texts[2];
    content::Question q = testing::MakeQuestion(interview, "x", content::QuestionKind::kChoice);
    q.prompt = texts[0];
    q.answer = texts.back();
    q.choices = {texts[3], texts[9], texts[8], texts[4]};
    q.accept = {texts[1], texts[5]};
    q.context = texts[6];
    REQUIRE(collection.ImportSource(interview, {q}).has_value());

    auto loaded = collection.LoadInterview(interview.source_id);
    REQUIRE(loaded.has_value());
    CHECK(loaded->title == interview.title);
    CHECK(loaded->intro == interview.intro);
    CHECK(loaded->profile == interview.profile);
    CHECK(loaded->ruby == interview.ruby);
    CHECK(loaded->sections[0].title == texts[2]);
    CHECK(loaded->exchanges[0].question == texts[1]);
    CHECK(loaded->exchanges[0].answer == texts.back());
    CHECK(loaded->exchanges[0].notes == interview.exchanges[0].notes);
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    REQUIRE(items->size() == 1);
    const auto& stored = items->front().question;
    CHECK(stored.prompt == q.prompt);
    CHECK(stored.answer == q.answer);
    CHECK(stored.choices == q.choices);
    CHECK(stored.accept == q.accept);
    CHECK(stored.context == q.context);
    auto sources = collection.SourceIds();
    REQUIRE(sources.has_value());
    CHECK(sources->size() == 1);
}

TEST_CASE("settings keys and values with hostile text round-trip verbatim") {
    Collection collection = testing::InMemoryOrFail();
    std::map<std::string, std::string> values;
    for (std::size_t i = 0; i < HostileTexts().size(); ++i)
        values["key " + HostileTexts()[i].substr(0, 40)] = HostileTexts()[i];
    REQUIRE(collection.SaveSettings(values).has_value());
    auto loaded = collection.LoadSettings();
    REQUIRE(loaded.has_value());
    CHECK(*loaded == values);
}

}  // namespace
}  // namespace mondo::storage
