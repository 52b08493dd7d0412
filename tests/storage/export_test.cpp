// Export: Anki's text import headers and quoting; the FSRS tools' review log CSV.
#include <doctest/doctest.h>

#include <sstream>

#include "storage/collection.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

TEST_CASE(
    "the Anki export starts with the import headers and has one quoted-as-needed line per note") {
    Collection collection = testing::InMemoryOrFail();
    const auto interview = testing::SmallInterview(2, "My Interview");
    auto questions = testing::QuestionsFor(interview);
    questions[0].prompt = "say \"hi\"\tnow";
    questions[1] = testing::MakeQuestion(interview, "c", content::QuestionKind::kChoice, 2);
    REQUIRE(collection.ImportSource(interview, questions).has_value());
    std::ostringstream out;
    REQUIRE(collection.Export(ExportFormat::kAnkiTsv, out).has_value());
    const auto lines = Lines(out.str());
    REQUIRE(lines.size() >= 8);
    CHECK(lines[0] == "#separator:tab");
    CHECK(lines[1] == "#html:false");
    CHECK(lines[2] == "#notetype:Basic");
    CHECK(lines[3] == "#deck:mondo");
    CHECK(lines[4] == "#columns:GUID\tFront\tBack\tTags");
    CHECK(lines[5] == "#guid column:1");
    CHECK(lines[6] == "#tags column:4");
    // The first note: the prompt holds a quote and a tab, so it is quoted with the quotes doubled.
    CHECK(lines[7].rfind(questions[0].id + "\t\"say \"\"hi\"\"\tnow\"\t", 0) == 0);
    CHECK(out.str().find("\tmondo My_Interview kind::recall exchange::1\n") != std::string::npos);
    // The choice question lists its choices in the front (a multi-line, quoted field).
    CHECK(out.str().find("1. a c\n2. b\n3. c\n4. d") != std::string::npos);
}

TEST_CASE("the review log export is the FSRS CSV with one line per review in order") {
    Collection collection = testing::InMemoryOrFail();
    const auto interview = testing::SmallInterview(2);
    REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    auto items = collection.LoadStudyItems();
    REQUIRE(items.has_value());
    ReviewRow first =
        testing::MakeReview((*items)[0].question.id, sched::Card{}, 1'700'000'000'123, 3);
    first.duration_ms = 4500;
    REQUIRE(collection.RecordReview(first).has_value());
    ReviewRow second =
        testing::MakeReview((*items)[1].question.id, sched::Card{}, 1'700'000'100'000, 1);
    second.duration_ms = 800;
    REQUIRE(collection.RecordReview(second).has_value());
    ReviewRow third =
        testing::MakeReview((*items)[0].question.id, first.card_after, 1'700'086'400'000, 4);
    third.duration_ms = 0;
    REQUIRE(collection.RecordReview(third).has_value());
    std::ostringstream out;
    REQUIRE(collection.Export(ExportFormat::kRevlogCsv, out).has_value());
    const auto lines = Lines(out.str());
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "card_id,review_rating,review_time,review_duration");
    // card_id is the question's integer key: the same card twice, another card once.
    const std::string card_a = lines[1].substr(0, lines[1].find(','));
    const std::string card_b = lines[2].substr(0, lines[2].find(','));
    CHECK(card_a != card_b);
    CHECK(lines[1] == card_a + ",3,1700000000123,4500");
    CHECK(lines[2] == card_b + ",1,1700000100000,800");
    CHECK(lines[3] == card_a + ",4,1700086400000,0");
}

}  // namespace
}  // namespace mondo::storage
