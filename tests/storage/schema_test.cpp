// The schema ladder: versions without a step fail here, and fixtures of every shipped version
// upgrade to the current schema with their data.
#include "storage/schema.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>

#include "app/sched/memory_model.h"
#include "storage/collection.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

std::filesystem::path Fixture(int version) {
    return std::filesystem::path(MONDO_TEST_DATA_DIR) / "storage" /
           ("v" + std::to_string(version) + ".sqlite3");
}

// Rows of a query as text, with plain SQLite.
std::vector<std::string> RawRows(const std::filesystem::path& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
    std::vector<std::string> rows;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        std::string row;
        for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
            const unsigned char* text = sqlite3_column_text(stmt, i);
            row +=
                (i ? "|" : "") + std::string(text ? reinterpret_cast<const char*>(text) : "NULL");
        }
        rows.push_back(row);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
}

// Schema text without comments and with whitespace collapsed (the fixtures' frozen copies carry no
// comments), so equal structure compares equal.
std::vector<std::string> Normalised(std::vector<std::string> rows) {
    for (std::string& row : rows) {
        std::string out;
        bool comment = false;
        bool space = false;
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (comment) {
                if (row[i] == '\n') comment = false;
                continue;
            }
            if (row[i] == '-' && i + 1 < row.size() && row[i + 1] == '-') {
                comment = true;
                continue;
            }
            if (row[i] == ' ' || row[i] == '\n' || row[i] == '\t') {
                space = true;
                continue;
            }
            if (space && !out.empty() && out.back() != '(' && row[i] != ')' && row[i] != ',')
                out += ' ';
            space = false;
            out += row[i];
        }
        row = out;
    }
    return rows;
}

TEST_CASE("the upgrade ladder has one step per version, ending at kSchemaVersion") {
    const auto steps = detail::SchemaSteps();
    REQUIRE(!steps.empty());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        CHECK(steps[i].version == static_cast<int>(i) + 1);
        CHECK(std::string(steps[i].sql).find("CREATE") != std::string::npos);
    }
    CHECK(steps.back().version == kSchemaVersion);
}

TEST_CASE("every shipped schema version has a fixture database") {
    for (int version = 1; version <= kSchemaVersion; ++version) {
        CHECK_MESSAGE(std::filesystem::exists(Fixture(version)),
                      "add tests/data/storage/v" << version << ".sqlite3 (see make_fixtures.py)");
    }
}

TEST_CASE("a new collection carries the current version and mondo's application id") {
    testing::TempDir dir;
    { testing::OpenOrFail(dir.File("c.sqlite3")); }
    CHECK(RawRows(dir.File("c.sqlite3"), "PRAGMA user_version") ==
          std::vector<std::string>{std::to_string(kSchemaVersion)});
    CHECK(RawRows(dir.File("c.sqlite3"), "PRAGMA application_id") ==
          std::vector<std::string>{std::to_string(detail::kApplicationId)});
    CHECK(RawRows(dir.File("c.sqlite3"), "PRAGMA journal_mode") == std::vector<std::string>{"wal"});
}

TEST_CASE("fixtures of every shipped version upgrade to the current schema and keep their data") {
    testing::TempDir dir;
    const char* kSchemaSql =
        "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name";
    { testing::OpenOrFail(dir.File("fresh.sqlite3")); }
    const auto fresh_schema = Normalised(RawRows(dir.File("fresh.sqlite3"), kSchemaSql));

    for (int version = 1; version <= kSchemaVersion; ++version) {
        CAPTURE(version);
        const auto path = dir.File("v" + std::to_string(version) + ".sqlite3");
        std::filesystem::copy_file(Fixture(version), path);
        {
            Collection collection = testing::OpenOrFail(path);
            auto ids = collection.SourceIds();
            REQUIRE(ids.has_value());
            REQUIRE(ids->size() == 1);
            auto interview = collection.LoadInterview(ids->front());
            REQUIRE(interview.has_value());
            CHECK(interview->title == "フィクスチャ");
            CHECK(interview->exchanges.size() == 2);
            CHECK(interview->exchanges[1].notes == std::vector<std::string>{"(注:補足)"});
            CHECK(interview->ruby.size() == 1);
            auto items = collection.LoadStudyItems();
            REQUIRE(items.has_value());
            REQUIRE(items->size() == 2);  // the third is retired
            CHECK((*items)[1].question.choices == std::vector<std::string>{"答え", "other"});
            auto all = collection.LoadAllItems();
            REQUIRE(all.has_value());
            CHECK(all->size() == 3);
            auto settings = collection.LoadSettings();
            REQUIRE(settings.has_value());
            CHECK(settings->at("theme") == "dark");
            auto log = collection.LoadReviewLog();
            REQUIRE(log.has_value());
            if (version >= 2) {
                REQUIRE(log->size() == 1);
                CHECK(log->front().answer_given == "こたえ");
                CHECK((*items)[0].card.state == sched::CardState::kReview);
                CHECK((*items)[0].card.reps == 1);
                CHECK((*items)[1].suspended);
                CHECK((*items)[1].flag == 2);
            } else {
                CHECK(log->empty());
                CHECK((*items)[0].card ==
                      sched::Card{});  // the upgrade gave every question a new card
            }
            // The upgraded collection takes new reviews.
            REQUIRE(collection
                        .RecordReview(testing::MakeReview((*items)[1].question.id, (*items)[1].card,
                                                          1'700'100'000'000))
                        .has_value());
        }
        CHECK(RawRows(path, "PRAGMA user_version") ==
              std::vector<std::string>{std::to_string(kSchemaVersion)});
        CHECK(Normalised(RawRows(path, kSchemaSql)) == fresh_schema);
        auto report = CheckCollection(path);
        REQUIRE(report.has_value());
        CHECK(report->ok());
    }
}

TEST_CASE("version 4 gives sources their first import time and keeps the Library's columns") {
    testing::TempDir dir;
    for (int version = 1; version <= 4; ++version) {
        CAPTURE(version);
        const auto path = dir.File("v" + std::to_string(version) + ".sqlite3");
        std::filesystem::copy_file(Fixture(version), path);
        { testing::OpenOrFail(path); }
        // Before v4 the first import time was not kept: the last import's time stands in for it.
        const std::string added = version < 4 ? "1700000000" : "1699000000";
        CHECK(RawRows(path,
                      "SELECT imported_at, added_at, coalesce(retired_at, 'NULL'), "
                      "coalesce(custom_title, 'NULL') FROM sources") ==
              std::vector<std::string>{"1700000000|" + added + "|NULL|NULL"});
    }
}

TEST_CASE("a new import records when the source was first added; a re-import keeps it") {
    testing::TempDir dir;
    const auto path = dir.File("c.sqlite3");
    {
        Collection collection = testing::OpenOrFail(path);
        auto interview = testing::SmallInterview(2);
        REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    }
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "UPDATE sources SET added_at = 12345, imported_at = 12345",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    {
        Collection collection = testing::OpenOrFail(path);
        auto interview = testing::SmallInterview(3);  // changed: re-imported
        REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    }
    const auto rows = RawRows(path, "SELECT added_at, imported_at > 12345 FROM sources");
    CHECK(rows == std::vector<std::string>{"12345|1"});
    Collection collection = testing::OpenOrFail(path);
    const auto sources = collection.Sources();
    REQUIRE(sources);
    CHECK(sources->front().added_at == 12345);
    CHECK(sources->front().imported_at > 12345);
}

TEST_CASE("the upgrade to version 5 summarises per day and source the log and cards it finds") {
    // A v3 collection with a review of a card in the review state (v3 kept no retention summary).
    testing::TempDir dir;
    const auto path = dir.File("v3.sqlite3");
    std::filesystem::copy_file(Fixture(3), path);
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db,
                             "INSERT INTO reviews VALUES (2, 1, 1700300000000, 1, '', NULL, 3, 30, "
                             "1000, NULL, 2, 3.5, 5.25, 1700259200, 0, 1, 0, 30, 1700000000, "
                             "3, 1.0, 7.0, 1700300600, 0, 2, 1, 0, 1700300000);"
                             "UPDATE cards SET state = 3, stability = 1.0, difficulty = 7.0, "
                             "due = 1700300600, reps = 2, lapses = 1, scheduled_days = 0, "
                             "last_review = 1700300000 WHERE qid = 1;",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    {
        Collection collection = testing::OpenOrFail(path);
        auto counts = collection.ReviewsByStateAndRating(0, 2'000'000'000'000);
        REQUIRE(counts.has_value());
        CHECK(counts->size() == 2);
    }
    // Days in UTC until the app asks for its own: the first review (Good), then the lapse of a
    // mature card (30 days before) and failed; the relearning card due the same day.
    CHECK(RawRows(path,
                  "SELECT day, again, good, young_total, mature_passed, mature_total "
                  "FROM review_days") ==
          std::vector<std::string>{"19675|0|1|0|0|0", "19679|1|0|0|0|1"});
    CHECK(RawRows(path, "SELECT day, cards FROM due_days") == std::vector<std::string>{"19679|1"});
    auto report = CheckCollection(path);
    REQUIRE(report.has_value());
    CHECK(report->ok());
}

TEST_CASE("the upgrade to version 6 keeps progress without a day, refilled at the first read") {
    testing::TempDir dir;
    const auto path = dir.File("v5.sqlite3");
    std::filesystem::copy_file(Fixture(5), path);
    constexpr std::int64_t kReviewed = 1'700'000'000;  // the fixture's learned card: S = 3.5
    {
        Collection collection = testing::OpenOrFail(path);
        // Version 5's rows are gone; every source waits for its refill.
        CHECK(RawRows(path, "SELECT count(*) FROM source_progress") ==
              std::vector<std::string>{"0"});
        CHECK(RawRows(path, "SELECT source_id, exchange FROM progress_stale") ==
              std::vector<std::string>{"a1b2c3d4e5f60718|-1"});
        for (const int days : {10, 11, 400}) {
            CAPTURE(days);
            const ProgressClock clock{
                .now = kReviewed + days * 86400, .day_offset_seconds = 0, .parameters = {}};
            auto rows = collection.ProgressByExchange(clock);
            REQUIRE(rows.has_value());
            // Exchange 1's card only: the second question is suspended, the third retired.
            REQUIRE(rows->size() == 1);
            const ExchangeProgress& row = rows->front();
            CHECK(row.exchange == 1);
            CHECK(row.section == 1);
            CHECK(row.questions == 1);
            CHECK(row.learned == 1);
            CHECK(row.due == 1);  // due 3 days after its review
            CHECK(row.mastery_sum ==
                  sched::Retrievability(clock.parameters, static_cast<double>(days), 3.5));
            auto sources = collection.ProgressBySource(clock);
            REQUIRE(sources.has_value());
            REQUIRE(sources->size() == 1);
            CHECK(sources->front().questions == 1);
            CHECK(sources->front().due == 1);
            CHECK(sources->front().mastery_sum == row.mastery_sum);
            // Read, not recomputed: nothing waits after the first read.
            CHECK(RawRows(path, "SELECT count(*) FROM progress_stale") ==
                  std::vector<std::string>{"0"});
        }
    }
    auto report = CheckCollection(path);
    REQUIRE(report.has_value());
    CHECK(report->ok());
}

TEST_CASE("an import fills its source's progress before it commits") {
    testing::TempDir dir;
    const auto path = dir.File("c.sqlite3");
    Collection collection = testing::OpenOrFail(path);
    auto interview = testing::SmallInterview(3);
    REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    CHECK(RawRows(path, "SELECT count(*) FROM progress_stale") == std::vector<std::string>{"0"});
    // Exchanges 1..3, the profile question under exchange 0.
    CHECK(RawRows(path, "SELECT exchange, section, questions, seen FROM exchange_progress") ==
          std::vector<std::string>{"0|0|1|0", "1|1|1|0", "2|2|1|0", "3|2|1|0"});
}

TEST_CASE("a failing upgrade step leaves the old version in place") {
    // A v1 fixture whose data breaks step 2 (a card table already exists under that name).
    testing::TempDir dir;
    const auto path = dir.File("v1.sqlite3");
    std::filesystem::copy_file(Fixture(1), path);
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "CREATE TABLE sessions(x)", nullptr, nullptr, nullptr) ==
                SQLITE_OK);
        sqlite3_close(db);
    }
    auto collection = Collection::Open(path);
    REQUIRE_FALSE(collection.has_value());
    CHECK(RawRows(path, "PRAGMA user_version") == std::vector<std::string>{"1"});
    CHECK(RawRows(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'cards'") ==
          std::vector<std::string>{"0"});
}

TEST_CASE("a card is stored as the scheduler holds it, last_review NULL until its first review") {
    testing::TempDir dir;
    const auto path = dir.File("cards.sqlite3");
    {
        Collection collection = testing::OpenOrFail(path);
        const auto interview = testing::SmallInterview(2);
        REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
        auto items = collection.LoadStudyItems();
        REQUIRE(items.has_value());
        REQUIRE(items->size() >= 2);
        // MakeReview: review state, S = 1.5, D = 5.25, due 3 days later, scheduled 3 days.
        ReviewRow row =
            testing::MakeReview((*items)[0].question.id, (*items)[0].card, 1'700'000'000'000);
        row.card_after.step = 1;
        row.card_after.lapses = 2;
        REQUIRE(collection.RecordReview(row).has_value());
        auto fresh = collection.LoadCard((*items)[1].question.id);
        REQUIRE(fresh.has_value());
        REQUIRE(fresh->has_value());
        CHECK(**fresh == sched::Card{});  // NULL last_review reads as the scheduler's 0
    }
    const std::vector<std::string> rows =
        RawRows(path,
                "SELECT state, stability, difficulty, due, step, reps, lapses, scheduled_days, "
                "coalesce(last_review, 'NULL') FROM cards ORDER BY qid LIMIT 2");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == "2|1.5|5.25|1700259200|1|1|2|3|1700000000");
    CHECK(rows[1] == "0|0.0|0.0|0|0|0|0|0|NULL");
}

}  // namespace
}  // namespace mondo::storage
