// The judged set (tests/data/quality/*.tsv): questions read one by one and labelled good / weak /
// defect. A question labelled defect must never be generated again.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "content/question.h"
#include "tests/content/test_data.h"

using namespace mondo::content;

namespace {

std::string Escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

// kind, prompt and answer, as the judged set writes them.
std::string StemOf(const Question& q) {
    return std::string(KindName(q.kind)) + "\t" + Escape(q.prompt) + "\t" + Escape(q.answer);
}

// The sorted choices joined with " | ", as the judged set writes them.
std::string ChoicesOf(const Question& q) {
    std::vector<std::string> choices = q.choices;
    std::sort(choices.begin(), choices.end());
    std::string joined;
    for (const auto& c : choices) joined += (joined.empty() ? "" : " | ") + c;
    return Escape(joined);
}

struct Judged {
    std::string label;
    std::string stem;     // kind, prompt, answer
    std::string choices;  // empty for a rejected candidate judged before its distractors were drawn
};

// A defect row names a question again when kind, prompt and answer are the same and, if the row
// lists choices, the choices too. Rows from `mondo questions --explain` of rejected candidates have
// no choices (distractors are drawn only for kept questions), so they match whatever distractors
// the generator would add if it kept the candidate again.
bool Names(const Judged& row, const Question& q) {
    return row.stem == StemOf(q) && (row.choices.empty() || row.choices == ChoicesOf(q));
}

std::vector<Judged> ReadJudged(const std::string& name) {
    std::ifstream file(std::string(MONDO_TEST_DATA_DIR) + "/quality/" + name, std::ios::binary);
    REQUIRE_MESSAGE(file.good(), "missing judged set " << name);
    std::vector<Judged> out;
    std::string line;
    while (std::getline(file, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> fields;
        std::stringstream stream(line);
        std::string field;
        while (std::getline(stream, field, '\t')) fields.push_back(field);
        REQUIRE(fields.size() >= 5);
        out.push_back({fields[0], fields[1] + "\t" + fields[2] + "\t" + fields[3], fields[4]});
    }
    return out;
}

Interview Load(const std::string& source) {
    if (source.empty()) return testing::Seed();
    std::ifstream file(std::string(MONDO_TEST_DATA_DIR) + "/interviews/" + source,
                       std::ios::binary);
    REQUIRE(file.good());
    std::ostringstream buffer;
    buffer << file.rdbuf();
    return testing::ParseOrFail(buffer.str());
}

}  // namespace

TEST_CASE("no question judged a defect is generated again; the judged set covers 300+ questions") {
    const std::pair<const char*, const char*> sets[] = {
        {"liang_wenfeng_builtin.tsv", ""},
        {"en_web_interview.tsv", "en_web_interview.txt"},
        {"ja_magazine_dash.tsv", "ja_magazine_dash.txt"},
        {"ja_markdown_blog.tsv", "ja_markdown_blog.md"},
        {"ja_news_q_space.tsv", "ja_news_q_space.txt"},
        {"en_magazine_qa.tsv", "en_magazine_qa.txt"},
    };
    std::size_t judged = 0;
    std::size_t defect_rows = 0;
    for (const auto& entry : sets) {
        // Plain variables, not a structured binding: clang 14 cannot capture one in CAPTURE's
        // lambda.
        const char* set = entry.first;
        const char* source = entry.second;
        CAPTURE(set);
        const auto labels = ReadJudged(set);
        judged += labels.size();
        std::vector<Judged> defects;
        for (const auto& j : labels) {
            CHECK((j.label == "good" || j.label == "weak" || j.label == "defect"));
            if (j.label == "defect") defects.push_back(j);
        }
        defect_rows += defects.size();
        for (const auto& q : GenerateQuestions(Load(source))) {
            CAPTURE(q.prompt);
            CHECK(std::none_of(defects.begin(), defects.end(),
                               [&](const Judged& row) { return Names(row, q); }));
        }
    }
    CHECK(judged >= 300);
    // The guard is only a guard if it holds defects: rejected candidates read with --explain.
    CHECK(defect_rows >= 40);
}

// The coverage rule, judged on the built-in interview: every answer's core claim
// (AnalyseArguments(answer, question).core) is tested by at least two kept questions of different
// kinds that the judged set labels good. A question tests the core claim when
//   - it was made from the core-claim sentence (cloze, choice key, which-question excerpt,
//     true/false claim: exchange and source_sentence_index match), or
//   - it is a recall of the whole answer (prompt = the question, answer = the whole answer), or an
//     order of the whole answer (prompt = the question, not one "（k/n）" part of a long answer).
// Courtesy exchanges (greetings, thanks) are never asked and have no argument to test.
TEST_CASE("each answer's core claim of the built-in interview is tested by two good kinds") {
    std::map<std::string, std::string> labels;  // kind, prompt, answer, choices → label
    for (const auto& row : ReadJudged("liang_wenfeng_builtin.tsv"))
        labels[row.stem + "\t" + row.choices] = row.label;
    const Interview interview = testing::Seed();
    const auto questions = GenerateQuestions(interview);
    std::string uncovered;  // exchange indexes, e.g. " 3 7"
    int answers = 0;
    for (const auto& exchange : interview.exchanges) {
        if (exchange.courtesy) continue;
        ++answers;
        const auto core = AnalyseArguments(exchange.answer, exchange.question).core;
        std::set<QuestionKind> good_kinds;
        for (const auto& q : questions) {
            if (q.exchange != exchange.index) continue;
            const bool from_core = q.source_sentence_index == core;
            const bool whole =
                (q.kind == QuestionKind::kRecall || q.kind == QuestionKind::kOrder) &&
                q.prompt == exchange.question &&
                (q.kind == QuestionKind::kOrder || q.answer == exchange.answer);
            if (!from_core && !whole) continue;
            const auto label = labels.find(StemOf(q) + "\t" + ChoicesOf(q));
            if (label != labels.end() && label->second == "good") good_kinds.insert(q.kind);
        }
        if (good_kinds.size() < 2) uncovered.append(" ").append(std::to_string(exchange.index));
    }
    CAPTURE(uncovered);
    CHECK(answers == 16);
    CHECK(uncovered.empty());
}
