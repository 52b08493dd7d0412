// `mondo questions`: the listing, --json, --help and the errors for bad files.
#include "app/cli/questions_command.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/terminal_text.h"
#include "tests/content/test_data.h"

using mondo::app::RunQuestionsCommand;
using mondo::content::testing::Contains;

namespace {

struct Run {
    int status = 0;
    std::string out;
    std::string err;
};

Run Questions(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    Run run;
    run.status = RunQuestionsCommand(args, out, err);
    run.out = out.str();
    run.err = err.str();
    return run;
}

std::string TempFile(const std::string& name, const std::string& bytes) {
    const auto path = std::filesystem::temp_directory_path() / ("mondo_questions_test_" + name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
}

}  // namespace

TEST_CASE("mondo questions lists the built-in interview readably") {
    const Run run = Questions({});
    CHECK(run.status == 0);
    CHECK(run.err.empty());
    CHECK(Contains(run.out, "4 sections, 16 exchanges, 4 profile facts, 4 readings"));
    CHECK(Contains(run.out, "湛江 《ジャンジアン》"));
    CHECK(Contains(run.out, "== 1. DeepSeekがシリコンバレーを驚かせた理由は? =="));
    CHECK(Contains(run.out, "note: 注:朱啸虎は"));
    CHECK(Contains(run.out, "questions by kind: recall 27"));
}

TEST_CASE("mondo questions --json prints one JSON document") {
    const Run run = Questions({"--json"});
    CHECK(run.status == 0);
    REQUIRE(run.out.back() == '\n');
    CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 1);
    const auto doc = nlohmann::json::parse(run.out);
    CHECK(doc["source"]["title"].is_string());
    CHECK(std::any_of(doc["questions"].begin(), doc["questions"].end(),
                      [](const auto& q) { return q["kind"] == "cloze"; }));
}

TEST_CASE("mondo questions --source reads another interview") {
    const std::string path =
        TempFile("ok.txt", mondo::content::testing::ReadTestFile("q_dot_labels.txt"));
    const Run run = Questions({"--source", path, "--json"});
    CHECK(run.status == 0);
    CHECK(Contains(run.out, "朝ごはんは何を食べますか？"));
    std::filesystem::remove(path);
}

TEST_CASE("mondo questions names the file and the problem on one line, with exit status 1") {
    SUBCASE("invalid UTF-8 with its byte offset") {
        const std::string path = TempFile("bad.txt", "Q: a?\nA: b\xFF.");
        const Run run = Questions({"--source", path});
        CHECK(run.status == 1);
        CHECK(run.out.empty());
        CHECK(Contains(run.err, path));
        CHECK(Contains(run.err, "invalid UTF-8 at byte 10"));
        CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
        std::filesystem::remove(path);
    }
    SUBCASE("no pair") {
        const std::string path = TempFile("none.txt", "ただの日記です。\n");
        const Run run = Questions({"--source", path});
        CHECK(run.status == 1);
        CHECK(Contains(run.err, "no question and answer pair"));
        std::filesystem::remove(path);
    }
    SUBCASE("a missing file") {
        const Run run = Questions({"--source", "/nonexistent/interview.txt"});
        CHECK(run.status == 1);
        CHECK(Contains(run.err, "/nonexistent/interview.txt"));
    }
    SUBCASE("a directory") {
        const Run run = Questions({"--source", std::filesystem::temp_directory_path().string()});
        CHECK(run.status == 1);
        CHECK(Contains(run.err, "directory"));
    }
    SUBCASE("an unknown option or a missing value") {
        CHECK(Questions({"--bogus"}).status == 1);
        CHECK(Contains(Questions({"--source"}).err, "--source"));
        CHECK(Questions({"extra"}).status == 1);
    }
}

TEST_CASE("mondo questions --explain prints kept and rejected candidates with their features") {
    const auto run = Questions({"--explain"});
    CHECK(run.status == 0);
    CHECK(Contains(run.out, "  KEPT     cloze "));
    CHECK(Contains(run.out, "  rejected cloze "));
    CHECK(Contains(run.out, "(part of a number)"));
    CHECK(Contains(run.out, "features: "));
    CHECK(Contains(run.out, "contrast*: "));  // the core claim of an answer, by role
    CHECK(Contains(run.out, "changed: reversed_contrast"));
    const auto both = Questions({"--explain", "--json"});
    CHECK(both.status == 1);
}

TEST_CASE("mondo questions --help shows the usage") {
    const Run run = Questions({"--help"});
    CHECK(run.status == 0);
    CHECK(Contains(run.out, "usage: mondo questions [--source FILE] [--json | --explain]"));
}

TEST_CASE("terminal escapes and bidi overrides in a source are shown, never obeyed") {
    using mondo::app::TerminalSafe;
    CHECK(TerminalSafe("梁文鋒\tは\n話した。😀") == "梁文鋒\tは\n話した。😀");
    CHECK(TerminalSafe("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07");
    CHECK(TerminalSafe("a\u202eb\u2066c") == "a\\u202eb\\u2066c");
    CHECK(TerminalSafe("\xc2\x9b"
                       "31m") == "\\u009b31m");               // C1 CSI
    CHECK(TerminalSafe("bad \xff\xc3") == "bad \\xff\\xc3");  // not UTF-8
    CHECK(TerminalSafe("\r\x7f") == "\\x0d\\x7f");

    const std::string hostile =
        "\x1b]0;owned\x07タイトル\u202e\n\nQ: 質問\x1b[2Jですか？\n梁CEO: 答え\u2067です。\n";
    std::ostringstream terminal;
    mondo::app::TerminalSafeBuffer safe(terminal.rdbuf());
    std::ostringstream err;
    {
        std::ostream out(&safe);
        CHECK(RunQuestionsCommand({"--source", TempFile("hostile.txt", hostile)}, out, err) == 0);
        out.flush();
    }
    const std::string shown = terminal.str();
    CHECK(shown.find('\x1b') == std::string::npos);
    CHECK(shown.find('\x07') == std::string::npos);
    CHECK(shown.find("\u202e") == std::string::npos);
    CHECK(shown.find("\u2067") == std::string::npos);
    CHECK(Contains(shown, "\\x1b[2J"));
    CHECK(Contains(shown, "タイトル"));

    // A character split across two writes passes whole.
    std::ostringstream split_target;
    {
        mondo::app::TerminalSafeBuffer split(split_target.rdbuf());
        std::ostream out(&split);
        const std::string kana = "か";
        out << kana.substr(0, 1);
        out << kana.substr(1) << "\n";
    }
    CHECK(split_target.str() == "か\n");
}
