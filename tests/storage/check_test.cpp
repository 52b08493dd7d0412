// CheckCollection: finds what is wrong, never writes, and hands the log to a replay hook.
#include <doctest/doctest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <thread>

#include "storage/collection.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

using testing::TempDir;

// Runs SQL with plain SQLite (to damage a collection the way a bug or another program could).
int RawExec(const std::filesystem::path& path, const char* sql, std::string* error = nullptr) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    if (error) *error = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    return rc;
}

std::filesystem::path MakeReviewed(const TempDir& dir) {
    const auto path = dir.File("c.sqlite3");
    Collection collection = testing::OpenOrFail(path);
    const auto interview = testing::SmallInterview(3);
    REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    sched::Card card;
    for (int i = 0; i < 3; ++i) {
        ReviewRow row = testing::MakeReview(items->front().question.id, card,
                                            1'700'000'000'000 + i * 86'400'000);
        REQUIRE(collection.RecordReview(row).has_value());
        card = row.card_after;
    }
    REQUIRE(collection
                .RecordReview(
                    testing::MakeReview((*items)[1].question.id, sched::Card{}, 1'700'000'000'000))
                .has_value());
    return path;
}

std::vector<std::string> Files(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

TEST_CASE("a healthy collection checks ok, and checking writes nothing") {
    TempDir dir;
    const auto path = MakeReviewed(dir);
    const auto files = Files(dir.path());
    const std::string bytes = testing::ReadBytes(path);
    auto report = CheckCollection(path);
    REQUIRE(report.has_value());
    CHECK(report->ok());
    CHECK(report->integrity_ok);
    CHECK(report->questions == 4);
    CHECK(report->reviews == 4);
    CHECK(testing::ReadBytes(path) == bytes);
    CHECK(Files(dir.path()) == files);
}

TEST_CASE("checking works while the collection is open for writing elsewhere") {
    TempDir dir;
    const auto path = MakeReviewed(dir);
    Collection open = testing::OpenOrFail(path);
    auto items = open.LoadStudyItems();
    REQUIRE(items.has_value());
    REQUIRE(open.RecordReview(
                    testing::MakeReview((*items)[2].question.id, sched::Card{}, 1'700'000'000'000))
                .has_value());
    auto report = CheckCollection(path);
    REQUIRE(report.has_value());
    CHECK(report->ok());
    CHECK(report->reviews == 5);  // the committed review in the WAL is seen
}

TEST_CASE("a card that disagrees with its review log is reported") {
    TempDir dir;
    const auto path = MakeReviewed(dir);
    SUBCASE("reps") {
        REQUIRE(RawExec(path, "UPDATE cards SET reps = 7 WHERE qid = 1") == SQLITE_OK);
    }
    SUBCASE("state") {
        REQUIRE(RawExec(path, "UPDATE cards SET state = 3 WHERE qid = 1") == SQLITE_OK);
    }
    SUBCASE("last review time") {
        REQUIRE(RawExec(path, "UPDATE cards SET last_review = 5 WHERE qid = 1") == SQLITE_OK);
    }
    SUBCASE("stability") {
        REQUIRE(RawExec(path, "UPDATE cards SET stability = 99 WHERE qid = 1") == SQLITE_OK);
    }
    SUBCASE("a reviewed state without any review") {
        REQUIRE(RawExec(path, "UPDATE cards SET state = 2 WHERE qid = 3") == SQLITE_OK);
    }
    SUBCASE("the per-day summary of the log") {
        REQUIRE(RawExec(path, "UPDATE review_days SET good = good + 1") == SQLITE_OK);
    }
    SUBCASE("the per-day summary of due cards") {
        REQUIRE(RawExec(path, "UPDATE due_days SET cards = cards + 1") == SQLITE_OK);
    }
    SUBCASE("a log row of a question that does not exist") {
        REQUIRE(
            RawExec(path, "PRAGMA foreign_keys=OFF; UPDATE questions SET qid = 77 WHERE qid = 2") ==
            SQLITE_OK);
    }
    auto report = CheckCollection(path);
    REQUIRE(report.has_value());
    CHECK(report->integrity_ok);
    CHECK_FALSE(report->ok());
    CHECK(!report->problems.empty());
}

TEST_CASE("the review log is append-only: the schema refuses to rewrite a logged review") {
    TempDir dir;
    const auto path = MakeReviewed(dir);
    std::string error;
    CHECK(RawExec(path, "UPDATE reviews SET rating = 4 WHERE id = 1", &error) != SQLITE_OK);
    CHECK(error.find("append-only") != std::string::npos);
    auto report = CheckCollection(path);
    REQUIRE(report.has_value());
    CHECK(report->ok());
}

TEST_CASE("the replay hook sees every question, retired ones included, and the whole log") {
    TempDir dir;
    const auto path = MakeReviewed(dir);
    {
        // Retire the reviewed question 1 by importing without it.
        Collection collection = testing::OpenOrFail(path);
        auto interview = testing::SmallInterview(3);
        auto questions = testing::QuestionsFor(interview);
        questions.erase(questions.begin());
        auto report = collection.ImportSource(interview, questions);
        REQUIRE(report.has_value());
        CHECK(report->retired == 1);
    }
    std::size_t seen_items = 0;
    std::size_t seen_log = 0;
    auto report = CheckCollection(
        path, [&](const std::vector<StudyItem>& items, const std::vector<ReviewRow>& log,
                  const std::map<std::string, std::string>&) {
            seen_items = items.size();
            seen_log = log.size();
            return std::vector<CheckProblem>{{items.front().question.id, "replay disagrees"}};
        });
    REQUIRE(report.has_value());
    CHECK(seen_items == 4);
    CHECK(seen_log == 4);
    REQUIRE(report->problems.size() == 1);
    CHECK(report->problems[0].message == "replay disagrees");
    CHECK_FALSE(report->ok());
}

TEST_CASE("checking a damaged file reports the integrity problem, and other files are refused") {
    TempDir dir;
    const auto path = dir.File("big.sqlite3");
    {
        Collection collection = testing::OpenOrFail(path);
        const auto interview = testing::SmallInterview(300);
        REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    }
    std::string bytes = testing::ReadBytes(path);
    for (std::size_t i = 3 * 4096; i < bytes.size(); i += 4096 * 3)
        bytes[i + 10] = static_cast<char>(0xee);
    testing::WriteBytes(path, bytes);
    auto report = CheckCollection(path);
    if (report.has_value()) {
        CHECK_FALSE(report->integrity_ok);
        CHECK_FALSE(report->ok());
    } else {
        CHECK(report.error().kind == StorageErrorKind::kCorrupt);
    }
    CHECK(testing::ReadBytes(path) == bytes);

    testing::WriteBytes(dir.File("text"), "hello");
    auto text = CheckCollection(dir.File("text"));
    REQUIRE_FALSE(text.has_value());
    CHECK(text.error().kind == StorageErrorKind::kNotADatabase);
    auto missing = CheckCollection(dir.File("missing"));
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().kind == StorageErrorKind::kIo);
}

TEST_CASE("a WAL left by a crash is checked from a private copy: nothing beside it changes") {
    TempDir dir;
    const auto source = MakeReviewed(dir);
    const auto path = dir.File("crashed.sqlite3");
    {
        // The file and its WAL as a killed process leaves them, with a fifth review in the WAL.
        Collection open = testing::OpenOrFail(source);
        auto items = open.LoadStudyItems();
        REQUIRE(items.has_value());
        REQUIRE(open.RecordReview(testing::MakeReview((*items)[2].question.id, sched::Card{},
                                                      1'700'000'000'000))
                    .has_value());
        std::filesystem::copy_file(source, path);
        std::filesystem::copy_file(source.string() + "-wal", path.string() + "-wal");
    }
    const auto files = Files(dir.path());
    const std::string bytes = testing::ReadBytes(path);
    const std::string wal = testing::ReadBytes(path.string() + "-wal");
    auto report = CheckCollection(path);
    REQUIRE(report.has_value());
    CHECK(report->ok());
    CHECK(report->reviews == 5);
    CHECK(Files(dir.path()) == files);  // no -shm, no .lock
    CHECK(testing::ReadBytes(path) == bytes);
    CHECK(testing::ReadBytes(path.string() + "-wal") == wal);  // not checkpointed
}

TEST_CASE("cards and log are read in one snapshot: a concurrent writer raises no false alarm") {
    TempDir dir;
    // Enough questions that reading the cards takes longer than a review's commit: cards and log
    // read in separate snapshots disagree in about half of the checks (11 of 25 measured on the
    // code before the fix, 2 of 25 with 400 questions, none with the 6 of MakeReviewed).
    const auto path = dir.File("c.sqlite3");
    {
        Collection collection = testing::OpenOrFail(path);
        const auto interview = testing::SmallInterview(1000);
        REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    }
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(ready[0]);
        auto collection = Collection::Open(path);
        if (!collection) ::_exit(3);
        auto items = collection->LoadStudyItems();
        if (!items) ::_exit(4);
        (void)!::write(ready[1], "y", 1);
        std::mt19937 random(5);
        for (std::int64_t n = 0;; ++n) {
            const auto& id = (*items)[random() % items->size()].question.id;
            auto card = collection->LoadCard(id);
            if (!card || !*card) ::_exit(5);
            if (!collection->RecordReview(
                    testing::MakeReview(id, **card, 1'800'000'000'000 + n * 1000)))
                ::_exit(6);
        }
    }
    ::close(ready[1]);
    char status = 0;
    REQUIRE(::read(ready[0], &status, 1) == 1);
    ::close(ready[0]);
    // A hook that compares the items it is given with the log it is given.
    auto agree = [](const std::vector<StudyItem>& items, const std::vector<ReviewRow>& log,
                    const std::map<std::string, std::string>&) {
        std::map<std::string, int> logged;
        for (const ReviewRow& row : log) ++logged[row.question_id];
        std::vector<CheckProblem> problems;
        for (const StudyItem& item : items) {
            if (item.card.reps != logged[item.question.id])
                problems.push_back({item.question.id, "items and log from different moments"});
        }
        return problems;
    };
    int alarms = 0;
    for (int i = 0; i < 25; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        auto report = CheckCollection(path, agree);
        REQUIRE_MESSAGE(report.has_value(), report.error().message);
        if (!report->ok()) {
            ++alarms;
            for (const auto& problem : report->problems)
                MESSAGE(problem.question_id << ": " << problem.message);
        }
    }
    ::kill(child, SIGKILL);
    int wait_status = 0;
    ::waitpid(child, &wait_status, 0);
    CHECK(WIFSIGNALED(wait_status));
    CHECK(alarms == 0);
    auto after = CheckCollection(path);
    REQUIRE(after.has_value());
    CHECK(after->reviews > 4);  // the writer really wrote while the checks ran
}

}  // namespace
}  // namespace mondo::storage
