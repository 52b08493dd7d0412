// Sync from content: re-importing changes nothing; edits keep, add, retire and restore by id.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <vector>

#include "storage/collection.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

using testing::TempDir;

TEST_CASE("re-importing the same source reports everything kept and writes nothing") {
    TempDir dir;
    const auto path = dir.File("c.sqlite3");
    const auto interview = testing::SmallInterview(4);
    const auto questions = testing::QuestionsFor(interview);
    Collection collection = testing::OpenOrFail(path);
    REQUIRE(collection.ImportSource(interview, questions).has_value());
    REQUIRE(collection.BackupNow(1'700'000'000).has_value());
    CHECK_FALSE(collection.ChangedSinceBackup());
    auto again = collection.ImportSource(interview, questions);
    REQUIRE(again.has_value());
    CHECK(again->added == 0);
    CHECK(again->kept == static_cast<int>(questions.size()));
    CHECK(again->retired == 0);
    CHECK(again->restored == 0);
    CHECK_FALSE(collection.ChangedSinceBackup());
}

TEST_CASE(
    "an edited source keeps unchanged questions with their history, adds new ones and retires "
    "vanished ones") {
    Collection collection = testing::InMemoryOrFail();
    auto interview = testing::SmallInterview(4);
    auto questions = testing::QuestionsFor(interview);  // e1..e4, p1
    REQUIRE(collection.ImportSource(interview, questions).has_value());

    // Review e2 (which will vanish) and e3 (which stays).
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    const std::string e2 = (*items)[1].question.id;
    const std::string e3 = (*items)[2].question.id;
    auto r2 = collection.RecordReview(testing::MakeReview(e2, (*items)[1].card, 1'700'000'000'000));
    auto r3 = collection.RecordReview(testing::MakeReview(e3, (*items)[2].card, 1'700'000'001'000));
    REQUIRE(r2.has_value());
    REQUIRE(r3.has_value());

    // Edit: exchange 2's question disappears, a new exchange 5 appears, e3's text is reworded in a
    // way that keeps its id (the generator hashes the normalised span; here we keep the id).
    interview.exchanges.erase(interview.exchanges.begin() + 1);
    content::Exchange fifth;
    fifth.index = 5;
    fifth.section = 2;
    fifth.question = "新しい質問？";
    fifth.answer = "新しい答え。";
    interview.exchanges.push_back(fifth);
    questions = testing::QuestionsFor(interview);
    questions[1].prompt = "reworded prompt";  // e3, same id
    // The preview (the Library's, before Enter) predicts the report and writes nothing.
    auto preview = collection.PreviewImportSource(interview, questions);
    REQUIRE(preview.has_value());
    CHECK(preview->added == 1);
    CHECK(preview->kept == 4);
    CHECK(preview->retired == 1);
    CHECK(collection.LoadStudyItems()->size() == 5);  // e1..e4, p1: nothing added or retired
    auto report = collection.ImportSource(interview, questions);
    REQUIRE(report.has_value());
    CHECK(report->added == 1);
    CHECK(report->kept == 4);
    CHECK(report->retired == 1);

    auto after = collection.LoadStudyItems();
    REQUIRE(after.has_value());
    REQUIRE(after->size() == 5);
    for (const auto& item : *after) CHECK(item.question.id != e2);
    const auto kept = std::find_if(after->begin(), after->end(),
                                   [&](const StudyItem& i) { return i.question.id == e3; });
    REQUIRE(kept != after->end());
    CHECK(kept->question.prompt == "reworded prompt");
    CHECK(kept->card.reps == 1);
    CHECK(kept->card.state == sched::CardState::kReview);

    // The retired question and its log row are still there.
    auto log = collection.LoadReviewLog();
    REQUIRE(log.has_value());
    CHECK(log->size() == 2);
    auto retired_log = collection.LoadReviewLog(e2);
    REQUIRE(retired_log.has_value());
    CHECK(retired_log->size() == 1);
    auto all = collection.LoadAllItems();
    REQUIRE(all.has_value());
    CHECK(all->size() == 6);
    const auto retired = std::find_if(all->begin(), all->end(),
                                      [&](const StudyItem& i) { return i.question.id == e2; });
    REQUIRE(retired != all->end());
    CHECK(retired->retired);
    CHECK(retired->card.reps == 1);

    SUBCASE("a retired question that comes back is restored with its history") {
        auto original = testing::SmallInterview(4);
        auto restored = collection.ImportSource(original, testing::QuestionsFor(original));
        REQUIRE(restored.has_value());
        CHECK(restored->restored == 1);
        CHECK(restored->retired == 1);  // exchange 5's question
        auto card = collection.LoadCard(e2);
        REQUIRE(card.has_value());
        REQUIRE(card->has_value());
        CHECK((*card)->reps == 1);
    }
}

// A feed handing `questions` over `parts` at a time (the last part shorter), as the generator's.
Collection::QuestionFeed FeedInParts(const std::vector<content::Question>& questions,
                                     std::size_t per_part) {
    return [&questions, per_part](const content::QuestionSink& store) {
        for (std::size_t begin = 0; begin < questions.size(); begin += per_part) {
            const std::size_t end = std::min(questions.size(), begin + per_part);
            store(
                std::vector<content::Question>(questions.begin() + begin, questions.begin() + end));
        }
    };
}

std::string DescribeItems(Collection& collection) {
    auto items = collection.LoadAllItems();
    REQUIRE(items.has_value());
    std::string out;
    for (const StudyItem& item : *items) {
        const content::Question& q = item.question;
        out += q.id + "|" + std::string(content::KindName(q.kind)) + "|" +
               std::to_string(q.exchange.value_or(-1)) + "|" + q.prompt + "|" + q.answer + "|" +
               q.context + "|" + std::to_string(item.order) + "|" + std::to_string(item.retired) +
               "|" + std::to_string(item.card.reps);
        for (const auto& c : q.choices) out += "|c:" + c;
        for (const auto& a : q.accept) out += "|a:" + a;
        out += "\n";
    }
    return out;
}

TEST_CASE("an import fed part by part stores and reports exactly what the whole import does") {
    auto interview = testing::SmallInterview(6);
    auto questions = testing::QuestionsFor(interview);
    questions.push_back(questions[2]);  // a repeated id, in a later part: stored once
    Collection whole = testing::InMemoryOrFail();
    Collection fed = testing::InMemoryOrFail();
    const auto first = whole.ImportSource(interview, questions);
    const auto first_fed = fed.ImportSource(interview, FeedInParts(questions, 2));
    REQUIRE(first.has_value());
    REQUIRE(first_fed.has_value());
    CHECK(first_fed->added == first->added);
    CHECK(first_fed->added == static_cast<int>(questions.size()) - 1);
    CHECK(DescribeItems(fed) == DescribeItems(whole));
    CHECK(fed.Sources()->front().content_hash == whole.Sources()->front().content_hash);

    // The same again: everything kept, nothing changed (the same hash).
    const auto again = fed.ImportSource(interview, FeedInParts(questions, 3));
    REQUIRE(again.has_value());
    CHECK(again->kept == static_cast<int>(questions.size()) - 1);
    CHECK(again->added == 0);
    CHECK(DescribeItems(fed) == DescribeItems(whole));

    // An edit: exchange 2 vanishes, a new one comes; both report and store the same.
    interview.exchanges.erase(interview.exchanges.begin() + 1);
    content::Exchange seventh;
    seventh.index = 7;
    seventh.section = 2;
    seventh.question = "新しい質問？";
    seventh.answer = "新しい答え。";
    interview.exchanges.push_back(seventh);
    questions = testing::QuestionsFor(interview);
    const auto edited = whole.ImportSource(interview, questions);
    const auto edited_fed = fed.ImportSource(interview, FeedInParts(questions, 4));
    REQUIRE(edited.has_value());
    REQUIRE(edited_fed.has_value());
    CHECK(edited->added == 1);
    CHECK(edited->retired == 1);
    CHECK(edited_fed->added == edited->added);
    CHECK(edited_fed->kept == edited->kept);
    CHECK(edited_fed->retired == edited->retired);
    CHECK(DescribeItems(fed) == DescribeItems(whole));
}

TEST_CASE("questions are returned in interview order: sources by import, questions by generation") {
    Collection collection = testing::InMemoryOrFail();
    const auto first = testing::SmallInterview(2, "一つ目");
    const auto second = testing::SmallInterview(2, "二つ目");
    REQUIRE(collection.ImportSource(first, testing::QuestionsFor(first)).has_value());
    REQUIRE(collection.ImportSource(second, testing::QuestionsFor(second)).has_value());
    auto ids = collection.SourceIds();
    REQUIRE(ids.has_value());
    REQUIRE(ids->size() == 2);
    CHECK((*ids)[0] == first.source_id);
    CHECK((*ids)[1] == second.source_id);
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    REQUIRE(items->size() == 6);
    CHECK((*items)[0].source_id == first.source_id);
    CHECK((*items)[3].source_id == second.source_id);
    CHECK((*items)[1].section == 2);
    CHECK((*items)[2].section == 0);  // the profile question
    auto only_second = collection.LoadStudyItems(second.source_id);
    REQUIRE(only_second.has_value());
    CHECK(only_second->size() == 3);
    // Re-importing the first source does not move it behind the second.
    auto edited = first;
    edited.intro.push_back("追記");
    REQUIRE(collection.ImportSource(edited, testing::QuestionsFor(edited)).has_value());
    ids = collection.SourceIds();
    REQUIRE(ids.has_value());
    CHECK((*ids)[0] == first.source_id);
}

TEST_CASE("duplicate question ids in one import are stored once") {
    Collection collection = testing::InMemoryOrFail();
    const auto interview = testing::SmallInterview(2);
    auto questions = testing::QuestionsFor(interview);
    questions.push_back(questions.front());
    auto report = collection.ImportSource(interview, questions);
    REQUIRE(report.has_value());
    CHECK(report->added == 3);
}

TEST_CASE("an import without a source id is refused and changes nothing") {
    Collection collection = testing::InMemoryOrFail();
    auto interview = testing::SmallInterview(2);
    interview.source_id.clear();
    auto report =
        collection.ImportSource(interview, testing::QuestionsFor(testing::SmallInterview(2)));
    REQUIRE_FALSE(report.has_value());
    auto ids = collection.SourceIds();
    REQUIRE(ids.has_value());
    CHECK(ids->empty());
}

TEST_CASE("an unknown source id is an error when loading an interview") {
    Collection collection = testing::InMemoryOrFail();
    auto interview = collection.LoadInterview("0000000000000000");
    REQUIRE_FALSE(interview.has_value());
    CHECK(interview.error().message.find("0000000000000000") != std::string::npos);
}

TEST_CASE(
    "a retired source leaves study, due counts and progress, keeps its cards and reviews, stays "
    "retired through an import and comes back as it was") {
    TempDir dir;
    const auto path = dir.File("c.sqlite3");
    auto first = testing::SmallInterview(3, "一つ目");
    const auto second = testing::SmallInterview(2, "二つ目");
    {
        Collection collection = testing::OpenOrFail(path);
        REQUIRE(collection.ImportSource(first, testing::QuestionsFor(first)));
        REQUIRE(collection.ImportSource(second, testing::QuestionsFor(second)));
        auto items = collection.LoadStudyItems(first.source_id);
        REQUIRE(items);
        REQUIRE(items->size() == 4);
        const std::string reviewed = (*items)[0].question.id;
        const std::int64_t t = 1'700'000'000;
        REQUIRE(collection.RecordReview(testing::MakeReview(reviewed, (*items)[0].card, t * 1000)));

        REQUIRE(collection.RetireSource(first.source_id, t + 60));
        auto sources = collection.Sources();
        REQUIRE(sources);
        REQUIRE(sources->size() == 2);
        CHECK((*sources)[0].retired());
        CHECK((*sources)[0].retired_at == t + 60);
        CHECK_FALSE((*sources)[1].retired());
        // Retiring again keeps the first time.
        REQUIRE(collection.RetireSource(first.source_id, t + 120));
        CHECK(collection.Sources()->front().retired_at == t + 60);

        // Out of study and of every count of active questions.
        auto active = collection.LoadStudyItems();
        REQUIRE(active);
        CHECK(active->size() == 3);
        for (const auto& item : *active) CHECK(item.source_id == second.source_id);
        CHECK(collection.LoadStudyItems(first.source_id)->empty());
        CHECK(collection.LoadDueItems(t + 30 * 86400, 100)->size() == 3);  // second's new ones
        CHECK_FALSE(collection.NextDue()->has_value());
        const auto forecast = collection.DueForecast(t / 86400, 30, 0);
        REQUIRE(forecast);
        int due = 0;
        for (int n : *forecast) due += n;
        CHECK(due == 0);
        ProgressClock clock;
        clock.now = t + 86400;
        auto progress = collection.ProgressByExchange(clock);
        REQUIRE(progress);
        for (const auto& row : *progress) CHECK(row.source_id == second.source_id);
        // Its cards and reviews stay: the history counts them.
        CHECK(collection.LoadReviewLog()->size() == 1);
        auto card = collection.LoadCard(reviewed);
        REQUIRE(card);
        REQUIRE(card->has_value());
        CHECK((*card)->reps == 1);
        const auto days = collection.ReviewsPerDay(t / 86400 - 1, t / 86400 + 1, 0);
        REQUIRE(days);
        REQUIRE(days->size() == 1);
        CHECK(days->front().count[2] == 1);
        CHECK(collection.LastReviewBySource()->at(first.source_id) == t);

        // An import of the retired source updates it and keeps it retired.
        first.exchanges.pop_back();
        auto report = collection.ImportSource(first, testing::QuestionsFor(first));
        REQUIRE(report);
        CHECK(report->kept == 3);
        CHECK(report->retired == 1);
        CHECK(report->added == 0);
        CHECK(collection.Sources()->front().retired());
        CHECK(collection.LoadStudyItems()->size() == 3);
    }
    auto check = CheckCollection(path);
    REQUIRE(check);
    CHECK(check->ok());

    Collection collection = testing::OpenOrFail(path);
    REQUIRE(collection.RestoreSource(first.source_id));
    CHECK_FALSE(collection.Sources()->front().retired());
    auto back = collection.LoadStudyItems(first.source_id);
    REQUIRE(back);
    CHECK(back->size() == 3);  // exchange 3's question stays retired by the import
    CHECK(back->front().card.reps == 1);
    CHECK(collection.NextDue()->has_value());
    CHECK_FALSE(collection.RetireSource("0000000000000000", 1).has_value());
    CHECK_FALSE(collection.RestoreSource("0000000000000000").has_value());
}

TEST_CASE("a renamed source keeps its own title through imports until the name is cleared") {
    Collection collection = testing::InMemoryOrFail();
    auto interview = testing::SmallInterview(2, "元の題");
    REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)));
    CHECK(collection.Sources()->front().DisplayTitle() == "元の題");
    REQUIRE(collection.SetSourceTitle(interview.source_id, "My own title"));
    CHECK(collection.Sources()->front().custom_title == "My own title");
    CHECK(collection.Sources()->front().DisplayTitle() == "My own title");

    interview.exchanges.pop_back();
    REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)));
    CHECK(collection.Sources()->front().title == "元の題");
    CHECK(collection.Sources()->front().DisplayTitle() == "My own title");

    REQUIRE(collection.SetSourceTitle(interview.source_id, ""));
    CHECK(collection.Sources()->front().custom_title.empty());
    CHECK(collection.Sources()->front().DisplayTitle() == "元の題");
    CHECK_FALSE(collection.SetSourceTitle("0000000000000000", "x").has_value());
}

// A source with every field the content hash reads: intro, profile, sections, notes, ruby,
// choices, accepted variants and a question without an exchange.
std::vector<content::Question> QuestionsWithEveryField(const content::Interview& interview) {
    auto questions = testing::QuestionsFor(interview);
    questions.push_back(testing::MakeQuestion(interview, "c1", content::QuestionKind::kChoice, 2));
    questions.push_back(testing::MakeQuestion(interview, "z1", content::QuestionKind::kCloze, 3));
    return questions;
}

TEST_CASE("the content hash of an import is the one earlier versions stored for the same source") {
    // A collection keeps the hash of its last import of each source; a later version that hashed
    // the same source differently would rewrite every unchanged source once. Changed once, on
    // 2026-12-03, from FNV-1a (0f05755ebd4a0e2d for this source) to XXH3: see the next test.
    Collection collection = testing::InMemoryOrFail();
    const auto interview = testing::SmallInterview(4);
    REQUIRE(collection.ImportSource(interview, QuestionsWithEveryField(interview)).has_value());
    const auto sources = collection.Sources();
    REQUIRE(sources.has_value());
    REQUIRE(sources->size() == 1);
    CHECK(sources->front().content_hash == "9e57f3118b97cf6f");
}

TEST_CASE("a source stored with the earlier FNV-1a hash is rewritten once, unchanged, then known") {
    TempDir dir;
    const auto path = dir.File("c.sqlite3");
    const auto interview = testing::SmallInterview(4);
    const auto questions = QuestionsWithEveryField(interview);
    {
        Collection collection = testing::OpenOrFail(path);
        REQUIRE(collection.ImportSource(interview, questions).has_value());
        testing::ReviewItem(collection, 1, 1'700'000'000'000);
    }
    {  // The value the same import stored before XXH3.
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
        CHECK(sqlite3_exec(raw, "UPDATE sources SET content_hash = '0f05755ebd4a0e2d'", nullptr,
                           nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
    }
    Collection collection = testing::OpenOrFail(path);
    const auto items_of = [&] {
        std::vector<std::string> rows;
        auto items = collection.LoadAllItems();
        REQUIRE(items.has_value());
        for (const StudyItem& item : *items) {
            rows.push_back(item.question.id + "|" + item.question.prompt + "|" +
                           item.question.answer + "|" + item.question.context + "|" +
                           std::to_string(item.card.reps) + "|" + std::to_string(item.card.due) +
                           "|" + std::to_string(item.order) + "|" + std::to_string(item.retired));
        }
        return rows;
    };
    const auto before = items_of();
    REQUIRE(collection.BackupNow(1'700'000'100).has_value());

    auto first = collection.ImportSource(interview, questions);
    REQUIRE(first.has_value());
    CHECK(first->added == 0);
    CHECK(first->kept == static_cast<int>(questions.size()));
    CHECK(first->retired == 0);
    CHECK(first->restored == 0);
    CHECK(collection.ChangedSinceBackup());  // rewritten, with the same values
    CHECK(items_of() == before);
    CHECK(collection.LoadReviewLog()->size() == 1);
    CHECK(collection.Sources()->front().content_hash == "9e57f3118b97cf6f");

    REQUIRE(collection.BackupNow(1'700'000'200).has_value());
    auto second = collection.ImportSource(interview, questions);
    REQUIRE(second.has_value());
    CHECK(second->kept == static_cast<int>(questions.size()));
    CHECK_FALSE(collection.ChangedSinceBackup());  // known: nothing written
}

}  // namespace
}  // namespace mondo::storage
