// Interviews in real page shapes (tests/data/interviews): each fixture parses into the facts listed
// in its .expected file (format in tests/data/interviews/README.md), with no page furniture, no
// speaker label left in an answer and no two source lines glued together.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "content/interview.h"
#include "tests/content/test_data.h"

using namespace mondo::content;
using mondo::content::testing::Contains;
using mondo::content::testing::ParseOrFail;

namespace {

const std::filesystem::path kFixtureDir = std::filesystem::path(MONDO_TEST_DATA_DIR) / "interviews";

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    REQUIRE_MESSAGE(file.good(), "missing file " << path.string());
    std::ostringstream buffer;
    buffer << file.rdbuf();
    return buffer.str();
}

std::vector<std::string> Fixtures() {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(kFixtureDir)) {
        const auto name = entry.path().filename().string();
        if (name.size() > 9 && name.substr(name.size() - 9) == ".expected") {
            names.push_back(name.substr(0, name.size() - 9));
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> SplitLines(std::string_view text) {
    std::vector<std::string> lines;
    std::istringstream in{std::string(text)};
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::vector<int> Numbers(const std::string& text) {
    std::vector<int> out;
    std::istringstream in(text);
    for (int n = 0; in >> n;) out.push_back(n);
    return out;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

const Exchange& ExchangeAt(const Interview& interview, int number) {
    REQUIRE(number >= 1);
    REQUIRE(static_cast<std::size_t>(number) <= interview.exchanges.size());
    return interview.exchanges[static_cast<std::size_t>(number - 1)];
}

const std::string& At(const std::vector<std::string>& items, int number) {
    REQUIRE(number >= 1);
    REQUIRE(static_cast<std::size_t>(number) <= items.size());
    return items[static_cast<std::size_t>(number - 1)];
}

// Checks one "key: value" fact of an .expected file.
void CheckFact(const Interview& parsed, const std::string& key, const std::string& value) {
    CAPTURE(key);
    CAPTURE(value);
    std::istringstream words(key);
    std::string what;
    int number = 0;
    std::string part;
    words >> what;
    if (!(words >> number)) number = 0;
    words >> part;
    if (key == "title") {
        CHECK(parsed.title == value);
    } else if (key == "exchanges") {
        CHECK(parsed.exchanges.size() == std::stoul(value));
    } else if (key == "sections") {
        CHECK(parsed.sections.size() == std::stoul(value));
    } else if (key == "intros") {
        CHECK(parsed.intro.size() == std::stoul(value));
    } else if (key == "profiles") {
        CHECK(parsed.profile.size() == std::stoul(value));
    } else if (key == "exchange sections") {
        std::vector<int> sections;
        for (const auto& e : parsed.exchanges) sections.push_back(e.section);
        CHECK(sections == Numbers(value));
    } else if (key == "courtesy") {
        std::vector<int> courtesy;
        for (const auto& e : parsed.exchanges) {
            if (e.courtesy) courtesy.push_back(e.index);
        }
        CHECK(courtesy == Numbers(value));
    } else if (key == "ruby") {
        const auto eq = value.find('=');
        REQUIRE(eq != std::string::npos);
        const Ruby expected{value.substr(0, eq), value.substr(eq + 1)};
        CHECK(std::find(parsed.ruby.begin(), parsed.ruby.end(), expected) != parsed.ruby.end());
    } else if (key == "label") {
        for (const auto& e : parsed.exchanges) {
            for (const auto& paragraph : SplitLines(e.answer)) {
                CAPTURE(paragraph);
                // "Name text" labels are checked for names outside ASCII ("A study…" is English).
                const bool ascii = std::all_of(value.begin(), value.end(), [](char c) {
                    return static_cast<unsigned char>(c) < 0x80;
                });
                CHECK_FALSE((!ascii && StartsWith(paragraph, value + " ")));
                CHECK_FALSE(StartsWith(paragraph, value + "\u3000"));
                CHECK_FALSE(StartsWith(paragraph, value + ":"));
                CHECK_FALSE(StartsWith(paragraph, value + "："));
                CHECK_FALSE(StartsWith(paragraph, "**" + value));
            }
        }
    } else if (key == "absent") {
        for (const auto& e : parsed.exchanges) {
            CAPTURE(e.index);
            CHECK_FALSE(Contains(e.question, value));
            CHECK_FALSE(Contains(e.answer, value));
            for (const auto& note : e.notes) CHECK_FALSE(Contains(note, value));
        }
        for (const auto& paragraph : parsed.intro) CHECK_FALSE(Contains(paragraph, value));
    } else if (what == "section") {
        // "section: T" lines are checked together (see CheckFixture).
    } else if (what == "question" && part.empty()) {
        CHECK(ExchangeAt(parsed, number).question == value);
    } else if (what == "answer" && part.empty()) {
        CHECK(ExchangeAt(parsed, number).answer == value);
    } else if (what == "answer" && part == "starts") {
        CHECK(StartsWith(ExchangeAt(parsed, number).answer, value));
    } else if (what == "answer" && part == "ends") {
        CHECK(EndsWith(ExchangeAt(parsed, number).answer, value));
    } else if (what == "answer" && part == "paragraphs") {
        CHECK(SplitLines(ExchangeAt(parsed, number).answer).size() == std::stoul(value));
    } else if (what == "intro" && part.empty()) {
        CHECK(At(parsed.intro, number) == value);
    } else if (what == "intro" && part == "starts") {
        CHECK(StartsWith(At(parsed.intro, number), value));
    } else if (what == "profile" && part.empty()) {
        CHECK(At(parsed.profile, number) == value);
    } else {
        FAIL("unknown fact in an .expected file: " << key);
    }
}

// Every paragraph of every question and answer lies on one line of the source: no two lines were
// glued together (the fixtures have no hard-wrapped paragraphs).
void CheckNothingGlued(const Interview& parsed, const std::string& source) {
    std::vector<std::string> source_lines = SplitLines(source);
    const auto on_one_line = [&](const std::string& paragraph) {
        return std::any_of(source_lines.begin(), source_lines.end(),
                           [&](const std::string& line) { return Contains(line, paragraph); });
    };
    for (const auto& e : parsed.exchanges) {
        for (const auto& paragraph : SplitLines(e.question)) {
            CAPTURE(paragraph);
            CHECK(on_one_line(paragraph));
        }
        for (const auto& paragraph : SplitLines(e.answer)) {
            CAPTURE(paragraph);
            CHECK(on_one_line(paragraph));
        }
    }
}

void CheckFixture(const std::string& name) {
    const std::string source = ReadFile(kFixtureDir / name);
    const Interview parsed = ParseOrFail(source);
    std::vector<std::string> sections;
    bool sections_given = false;
    for (const auto& line : SplitLines(ReadFile(kFixtureDir / (name + ".expected")))) {
        if (line.empty() || line[0] == '#') continue;
        const auto colon = line.find(": ");
        REQUIRE_MESSAGE(colon != std::string::npos,
                        "bad line in " << name << ".expected: " << line);
        const std::string key = line.substr(0, colon);
        const std::string value = line.substr(colon + 2);
        if (key == "section") {
            sections.push_back(value);
            sections_given = true;
        }
        CheckFact(parsed, key, value);
    }
    if (sections_given) {
        std::vector<std::string> titles;
        for (const auto& s : parsed.sections) titles.push_back(s.title);
        CHECK(titles == sections);
    }
    CheckNothingGlued(parsed, source);
}

}  // namespace

TEST_CASE("every interview fixture parses into its expected facts") {
    const auto fixtures = Fixtures();
    REQUIRE(fixtures.size() >= 5);
    for (const auto& name : fixtures) {
        SUBCASE(name.c_str()) { CheckFixture(name); }
    }
}
