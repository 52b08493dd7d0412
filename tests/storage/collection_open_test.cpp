// Opening a collection: creation, round trips, and the refusals that leave a file untouched.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "storage/collection.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

using testing::TempDir;

TEST_CASE(
    "a collection is created on first open, parent folders included, and reopens with its data") {
    TempDir dir;
    const auto path = dir.File("deep/er/collection.sqlite3");
    const content::Interview interview = testing::SmallInterview();
    const auto questions = testing::QuestionsFor(interview);
    {
        Collection collection = testing::OpenOrFail(path);
        auto report = collection.ImportSource(interview, questions);
        REQUIRE(report.has_value());
        CHECK(report->added == static_cast<int>(questions.size()));
        CHECK(report->kept == 0);
        CHECK(report->retired == 0);
    }
    CHECK(std::filesystem::exists(path));
    Collection collection = testing::OpenOrFail(path);
    auto ids = collection.SourceIds();
    REQUIRE(ids.has_value());
    REQUIRE(ids->size() == 1);
    CHECK(ids->front() == interview.source_id);
    auto loaded = collection.LoadInterview(interview.source_id);
    REQUIRE(loaded.has_value());
    CHECK(loaded->title == interview.title);
    CHECK(loaded->source_id == interview.source_id);
    CHECK(loaded->intro == interview.intro);
    CHECK(loaded->profile == interview.profile);
    CHECK(loaded->ruby == interview.ruby);
    REQUIRE(loaded->sections.size() == interview.sections.size());
    for (std::size_t i = 0; i < interview.sections.size(); ++i) {
        CHECK(loaded->sections[i].index == interview.sections[i].index);
        CHECK(loaded->sections[i].title == interview.sections[i].title);
    }
    REQUIRE(loaded->exchanges.size() == interview.exchanges.size());
    for (std::size_t i = 0; i < interview.exchanges.size(); ++i) {
        const auto& a = loaded->exchanges[i];
        const auto& b = interview.exchanges[i];
        CHECK(a.index == b.index);
        CHECK(a.section == b.section);
        CHECK(a.question == b.question);
        CHECK(a.answer == b.answer);
        CHECK(a.notes == b.notes);
    }
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    REQUIRE(items->size() == questions.size());
    for (std::size_t i = 0; i < questions.size(); ++i) {
        const auto& q = (*items)[i].question;
        CHECK(q.id == questions[i].id);
        CHECK(q.kind == questions[i].kind);
        CHECK(q.exchange == questions[i].exchange);
        CHECK(q.prompt == questions[i].prompt);
        CHECK(q.answer == questions[i].answer);
        CHECK(q.choices == questions[i].choices);
        CHECK(q.accept == questions[i].accept);
        CHECK(q.context == questions[i].context);
        CHECK((*items)[i].order == static_cast<int>(i));
        CHECK((*items)[i].card == sched::Card{});
    }
}

TEST_CASE("an in-memory collection holds an import and its interview") {
    Collection collection = testing::InMemoryOrFail();
    const content::Interview interview = testing::SmallInterview(5);
    REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    auto loaded = collection.LoadInterview(interview.source_id);
    REQUIRE(loaded.has_value());
    CHECK(loaded->exchanges.size() == 5);
    CHECK(collection.path().empty());
}

TEST_CASE(
    "a second, read-only connection reads what was committed, on another thread, and "
    "cannot write") {
    TempDir dir;
    Collection collection = testing::OpenOrFail(dir.File("c.sqlite3"));
    const content::Interview interview = testing::SmallInterview(5);
    const auto questions = testing::QuestionsFor(interview);
    REQUIRE(collection.ImportSource(interview, questions).has_value());
    auto reader = collection.OpenReader();
    REQUIRE(reader.has_value());
    std::size_t read = 0;
    std::thread([&] {
        auto items = reader->LoadStudyItems();
        REQUIRE(items.has_value());
        read = items->size();
    }).join();
    CHECK(read == questions.size());
    // The writer goes on; the reader sees the next commit.
    REQUIRE(collection.SetSetting("k", "v").has_value());
    auto value = reader->GetSetting("k");
    REQUIRE(value.has_value());
    CHECK(*value == std::optional<std::string>("v"));
    CHECK_FALSE(reader->SetSetting("k", "w").has_value());
    auto kept = collection.GetSetting("k");
    REQUIRE(kept.has_value());
    CHECK(*kept == std::optional<std::string>("v"));
    // An in-memory collection has nothing to share.
    Collection memory = testing::InMemoryOrFail();
    CHECK_FALSE(memory.OpenReader().has_value());

    // A reader opened with a stop flag: its reads fail while the flag is set (a cancelled worker
    // does not wait for a long read), and work again once it is cleared.
    std::atomic<bool> stop{false};
    auto stoppable = collection.OpenReader(&stop);
    REQUIRE(stoppable.has_value());
    stop = true;
    CHECK_FALSE(stoppable->LoadStudyItems().has_value());
    stop = false;
    auto again = stoppable->LoadStudyItems();
    REQUIRE(again.has_value());
    CHECK(again->size() == questions.size());
}

TEST_CASE("the seed interview parsed and generated by content round-trips through a file") {
    TempDir dir;
    auto parsed = content::ParseInterview(content::BuiltinInterviewText());
    REQUIRE(parsed.has_value());
    const auto questions = content::GenerateQuestions(*parsed);
    REQUIRE(!questions.empty());
    {
        Collection collection = testing::OpenOrFail(dir.File("c.sqlite3"));
        auto report = collection.ImportSource(*parsed, questions);
        REQUIRE(report.has_value());
        CHECK(report->added == static_cast<int>(questions.size()));
    }
    Collection collection = testing::OpenOrFail(dir.File("c.sqlite3"));
    auto loaded = collection.LoadInterview(parsed->source_id);
    REQUIRE(loaded.has_value());
    CHECK(loaded->exchanges.size() == parsed->exchanges.size());
    CHECK(content::GenerateQuestions(*loaded).size() == questions.size());
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    CHECK(items->size() == questions.size());
}

TEST_CASE("a file that is not SQLite is refused as not a database and left byte for byte") {
    TempDir dir;
    const auto path = dir.File("notes.txt");
    const std::string bytes =
        "これはデータベースではありません。\nJust some text that is long enough.\n";
    testing::WriteBytes(path, bytes);
    auto collection = Collection::Open(path);
    REQUIRE_FALSE(collection.has_value());
    CHECK(collection.error().kind == StorageErrorKind::kNotADatabase);
    CHECK(collection.error().message.find(path.string()) != std::string::npos);
    CHECK(testing::ReadBytes(path) == bytes);
    CHECK_FALSE(std::filesystem::exists(dir.File("notes.txt-wal")));
}

TEST_CASE("a file shorter than the SQLite header is not a database") {
    TempDir dir;
    const auto path = dir.File("short");
    testing::WriteBytes(path, std::string("SQLite", 6));
    auto collection = Collection::Open(path);
    REQUIRE_FALSE(collection.has_value());
    CHECK(collection.error().kind == StorageErrorKind::kNotADatabase);
    CHECK(testing::ReadBytes(path) == "SQLite");
}

TEST_CASE("a missing file is not created when create_if_missing is off") {
    TempDir dir;
    auto collection =
        Collection::Open(dir.File("absent.sqlite3"), OpenOptions{.create_if_missing = false});
    REQUIRE_FALSE(collection.has_value());
    CHECK(collection.error().kind == StorageErrorKind::kIo);
    CHECK_FALSE(std::filesystem::exists(dir.File("absent.sqlite3")));
}

TEST_CASE("settings are upserted and read back as a map") {
    Collection collection = testing::InMemoryOrFail();
    REQUIRE(collection.SaveSettings({{"theme", "dark"}, {"font_size", "18"}}).has_value());
    REQUIRE(collection.SaveSettings({{"theme", "light"}}).has_value());
    auto settings = collection.LoadSettings();
    REQUIRE(settings.has_value());
    CHECK(settings->size() == 2);
    CHECK(settings->at("theme") == "light");
    CHECK(settings->at("font_size") == "18");
    CHECK(collection.GetIntSetting("font_size", 0) == 18);
    CHECK(collection.GetIntSetting("theme", 7) == 7);
    CHECK(collection.GetDoubleSetting("missing", 0.9) == 0.9);
    REQUIRE(collection.SetSetting("retention", "0.85").has_value());
    CHECK(collection.GetDoubleSetting("retention", 0.9) == 0.85);
    auto missing = collection.GetSetting("nope");
    REQUIRE(missing.has_value());
    CHECK_FALSE(missing->has_value());
}

}  // namespace
}  // namespace mondo::storage
