// Questions generated from the seed (golden facts) and properties over every generated question.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "content/japanese_text.h"
#include "content/question.h"
#include "tests/content/test_data.h"

using namespace mondo::content;
using mondo::content::testing::Contains;
using mondo::content::testing::ParseOrFail;
using mondo::content::testing::ReadTestFile;
using mondo::content::testing::Seed;

namespace {

std::vector<Question> SeedQuestions() { return GenerateQuestions(Seed()); }

std::vector<const Question*> OfKind(const std::vector<Question>& questions, QuestionKind kind,
                                    std::optional<int> exchange = std::nullopt) {
    std::vector<const Question*> out;
    for (const auto& q : questions) {
        if (q.kind == kind && (!exchange || q.exchange == exchange)) out.push_back(&q);
    }
    return out;
}

const Question* Cloze(const std::vector<Question>& questions, int exchange,
                      const std::string& term) {
    for (const Question* q : OfKind(questions, QuestionKind::kCloze, exchange)) {
        if (q->answer == term) return q;
    }
    return nullptr;
}

// Every interview the tests know, to check properties on more than the seed.
std::vector<Interview> AllInterviews() {
    std::vector<Interview> out = {Seed()};
    for (const char* name :
         {"fullwidth_crlf_bom.txt", "dash_unlabelled.txt", "speaker_names.txt",
          "speaker_spaces.txt", "english_interview.txt", "english_qa_one_line.txt",
          "q_dot_labels.txt", "interviewer_label.txt"}) {
        out.push_back(ParseOrFail(ReadTestFile(name)));
    }
    return out;
}

}  // namespace

TEST_CASE("kind names round-trip and only recall is self-graded") {
    for (const QuestionKind kind : kAllQuestionKinds) {
        CHECK(KindFromName(KindName(kind)) == kind);
        CHECK(IsSelfGraded(kind) == (kind == QuestionKind::kRecall));
    }
    CHECK(KindName(QuestionKind::kWhichQuestion) == "which_question");
    CHECK(KindName(QuestionKind::kTrueFalse) == "true_false");
    CHECK_FALSE(KindFromName("essay").has_value());
}

TEST_CASE("the seed gives the expected number of questions of each kind") {
    const auto questions = SeedQuestions();
    std::map<QuestionKind, int> counts;
    for (const auto& q : questions) ++counts[q.kind];
    CHECK(counts[QuestionKind::kRecall] == 16 + 4);  // one per exchange, one per section theme
    CHECK(counts[QuestionKind::kWhichQuestion] == 16);
    CHECK(counts[QuestionKind::kChoice] == 16);
    CHECK(counts[QuestionKind::kTrueFalse] == 32);
    CHECK(counts[QuestionKind::kProfile] == 6);
    CHECK(counts[QuestionKind::kCloze] >= 40);
    CHECK(counts[QuestionKind::kOrder] >= 16);
}

TEST_CASE("every exchange of the seed gets questions of at least four kinds") {
    const auto questions = SeedQuestions();
    std::map<int, std::set<QuestionKind>> kinds;
    for (const auto& q : questions) {
        if (q.exchange) kinds[*q.exchange].insert(q.kind);
    }
    REQUIRE(kinds.size() == 16);
    for (const auto& entry : kinds) {
        const int exchange = entry.first;  // a plain variable: clang 14 cannot capture bindings
        CAPTURE(exchange);
        CHECK(entry.second.size() >= 4);
    }
}

TEST_CASE("the key nouns of the seed are cloze targets") {
    const auto questions = SeedQuestions();
    const Question* capital = Cloze(questions, 2, "資本");
    const Question* confidence = Cloze(questions, 2, "自信");
    const Question* moat = Cloze(questions, 4, "堀");
    REQUIRE(capital);
    REQUIRE(confidence);
    REQUIRE(moat);
    CHECK(capital->prompt ==
          "イノベーションにおいて我々に欠けているのは、間違いなく「［　　］」ではなく、「自信」です"
          "。");
    CHECK(capital->context ==
          "イノベーションにおいて我々に欠けているのは、間違いなく「資本」ではなく、「自信」です。");
    CHECK(Contains(moat->prompt, kClozeBlank));
    CHECK_FALSE(Contains(moat->prompt, "堀"));
    CHECK(Cloze(questions, 4, "クローズドソース"));
    CHECK(Cloze(questions, 10, "ボトムアップ"));
}

TEST_CASE("a name's cloze accepts its furigana reading") {
    const auto questions = SeedQuestions();
    const Question* name = Cloze(questions, 5, "朱啸虎");
    REQUIRE(name);
    CHECK(name->prompt == "［　　］はバランス感覚に優れた投資家だと思います。");
    CHECK(name->accept == std::vector<std::string>{"ジューシャオフー"});
    CHECK(Grade(name->answer, "じゅーしゃおふー", name->accept).verdict == GradeVerdict::kExact);
}

TEST_CASE("cloze targets are never particles, kana fragments, pronouns or half a word") {
    const auto questions = SeedQuestions();
    for (const Question* q : OfKind(questions, QuestionKind::kCloze)) {
        CAPTURE(q->answer);
        const auto words = SplitWords(q->answer);
        bool all_hiragana = !words.empty();
        for (const auto& w : words) all_hiragana = all_hiragana && w.kind == WordKind::kHiragana;
        CHECK_FALSE(all_hiragana);
        for (const char* bad : {"こと", "私", "私たち", "我々", "それ", "優", "避", "オープン",
                                "実際", "非常", "過去", "年間", "負", "の", "は"}) {
            CHECK(q->answer != bad);
        }
    }
}

TEST_CASE("profile questions ask for the interviewee's home town, university and company") {
    const auto questions = SeedQuestions();
    std::map<std::string, const Question*> by_answer;
    for (const Question* q : OfKind(questions, QuestionKind::kProfile)) {
        CHECK_FALSE(q->exchange.has_value());
        by_answer[q->answer] = q;
    }
    for (const char* answer :
         {"梁文峰", "湛江", "呉川", "浙江大学", "杭州幻方科技有限公司", "DeepSeek"}) {
        CAPTURE(answer);
        CHECK(by_answer.count(answer));
    }
    REQUIRE(by_answer.count("呉川"));
    CHECK(by_answer["呉川"]->accept == std::vector<std::string>{"ウーチュアン"});
    CHECK(by_answer["呉川"]->prompt == "梁文峰CEO：広東省湛江市管轄下の［　　］市出身");
}

TEST_CASE("generation is deterministic") {
    const Interview seed = Seed();
    const auto a = GenerateQuestions(seed);
    const auto b = GenerateQuestions(seed);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].id == b[i].id);
        CHECK(a[i].prompt == b[i].prompt);
        CHECK(a[i].answer == b[i].answer);
        CHECK(a[i].choices == b[i].choices);
        CHECK(a[i].accept == b[i].accept);
    }
}

TEST_CASE("every question in every known interview keeps the contract of its kind") {
    for (const Interview& interview : AllInterviews()) {
        CAPTURE(interview.title);
        const auto questions = GenerateQuestions(interview);
        CHECK_FALSE(questions.empty());
        std::set<std::string> ids;
        std::map<int, const Exchange*> exchanges;
        for (const auto& e : interview.exchanges) exchanges[e.index] = &e;
        for (const auto& q : questions) {
            CAPTURE(q.id);
            CAPTURE(q.prompt);
            // Ids: unique, printable ASCII, prefixed by the source id and the kind.
            CHECK(ids.insert(q.id).second);
            CHECK(
                std::all_of(q.id.begin(), q.id.end(), [](char c) { return c > 0x20 && c < 0x7F; }));
            CHECK(q.id.rfind(interview.source_id + "-" + std::string(KindName(q.kind)) + "-", 0) ==
                  0);
            CHECK_FALSE(q.prompt.empty());
            CHECK_FALSE(q.answer.empty());
            CHECK(q.exchange.has_value() == (q.kind != QuestionKind::kProfile));
            if (q.exchange) REQUIRE(exchanges.count(*q.exchange));
            // The prompt never gives the answer away.
            if (q.kind != QuestionKind::kTrueFalse) {
                CHECK_FALSE(Contains(Fold(q.prompt), Fold(q.answer)));
                for (const auto& a : q.accept) CHECK_FALSE(Contains(Fold(q.prompt), Fold(a)));
            }
            // Choices: distinct, the answer exactly once (or a permutation, for order).
            std::set<std::string> folds;
            for (const auto& c : q.choices) CHECK(folds.insert(Fold(c)).second);
            switch (q.kind) {
                case QuestionKind::kChoice:
                case QuestionKind::kWhichQuestion:
                    CHECK(q.choices.size() == 4);
                    CHECK(std::count(q.choices.begin(), q.choices.end(), q.answer) == 1);
                    break;
                case QuestionKind::kCloze:
                    CHECK(Contains(q.prompt, kClozeBlank));
                    CHECK((q.choices.empty() || q.choices.size() == 4));
                    if (!q.choices.empty())
                        CHECK(std::count(q.choices.begin(), q.choices.end(), q.answer) == 1);
                    break;
                case QuestionKind::kTrueFalse:
                    CHECK((q.answer == "true" || q.answer == "false"));
                    CHECK(q.choices.empty());
                    if (q.answer == "true") CHECK(q.prompt == q.context);
                    if (q.answer == "false") CHECK(Fold(q.prompt) != Fold(q.context));
                    break;
                case QuestionKind::kOrder: {
                    CHECK(q.choices.size() >= 3);
                    std::string joined;
                    for (const auto& c : q.choices) joined += (joined.empty() ? "" : "\n") + c;
                    CHECK(joined != q.answer);  // never shown already in order
                    auto sorted_choices = q.choices;
                    std::vector<std::string> lines;
                    std::string rest = q.answer;
                    for (std::size_t at; (at = rest.find('\n')) != std::string::npos;
                         rest.erase(0, at + 1)) {
                        lines.push_back(rest.substr(0, at));
                    }
                    lines.push_back(rest);
                    std::sort(sorted_choices.begin(), sorted_choices.end());
                    std::sort(lines.begin(), lines.end());
                    CHECK(sorted_choices == lines);
                    break;
                }
                case QuestionKind::kRecall: {
                    const bool section_theme =
                        std::any_of(interview.sections.begin(), interview.sections.end(),
                                    [&](const Section& s) { return s.title == q.prompt; });
                    if (!section_theme) {
                        CHECK(q.answer == exchanges[*q.exchange]->answer);
                        CHECK(q.prompt == exchanges[*q.exchange]->question);
                    }
                    break;
                }
                case QuestionKind::kProfile:
                    CHECK(Contains(q.prompt, kClozeBlank));
                    break;
            }
        }
    }
}

TEST_CASE("distractors come from other exchanges") {
    const Interview seed = Seed();
    const auto questions = GenerateQuestions(seed);
    for (const auto& q : questions) {
        if (q.kind != QuestionKind::kChoice && q.kind != QuestionKind::kWhichQuestion) continue;
        const Exchange& own = seed.exchanges.at(static_cast<std::size_t>(*q.exchange - 1));
        for (const auto& choice : q.choices) {
            if (choice == q.answer) continue;
            CAPTURE(choice);
            if (q.kind == QuestionKind::kChoice) CHECK_FALSE(Contains(own.answer, choice));
            if (q.kind == QuestionKind::kWhichQuestion) CHECK(choice != own.question);
        }
    }
    for (const auto& q : questions) {
        if (q.kind != QuestionKind::kCloze || q.choices.empty()) continue;
        const Exchange& own = seed.exchanges.at(static_cast<std::size_t>(*q.exchange - 1));
        for (const auto& choice : q.choices) {
            if (choice != q.answer) CHECK_FALSE(Contains(Fold(own.answer), Fold(choice)));
        }
    }
}

TEST_CASE("ids stay the same when an unrelated exchange is edited") {
    std::string text(BuiltinInterviewText());
    const std::string before = "私たちはただ過去の慣性に縛られているだけなのです。";
    const std::size_t at = text.find(before);
    REQUIRE(at != std::string::npos);
    text.replace(at, before.size(),
                 "私たちは利益ばかりを追いかけ、研究者の育成を後回しにしてきたのです。");
    const auto original = GenerateQuestions(Seed());
    const auto edited = GenerateQuestions(ParseOrFail(text));
    std::set<std::string> edited_ids;
    for (const auto& q : edited) edited_ids.insert(q.id);
    std::size_t compared = 0;
    for (const auto& q : original) {
        if (q.exchange == 3) continue;  // the edited exchange
        CAPTURE(q.id);
        CHECK(edited_ids.count(q.id));
        ++compared;
    }
    CHECK(compared > 100);
    // The edited exchange's recall keeps its id (its question did not change); the question made
    // from the edited sentence does not.
    for (const Question* recall : OfKind(original, QuestionKind::kRecall, 3)) {
        CHECK(edited_ids.count(recall->id));  // the exchange's own and its section theme's
    }
}

TEST_CASE("punctuation and width edits do not change ids") {
    std::string text(BuiltinInterviewText());
    const std::string before = "天才など存在しないですよ。";
    const std::size_t at = text.find(before);
    REQUIRE(at != std::string::npos);
    text.replace(at, before.size(), "天才など存在しないですよ！");
    const auto original = GenerateQuestions(Seed());
    const auto edited = GenerateQuestions(ParseOrFail(text));
    std::set<std::string> ids;
    for (const auto& q : edited) ids.insert(q.id);
    for (const auto& q : original) {
        if (q.kind == QuestionKind::kRecall || q.kind == QuestionKind::kCloze)
            CHECK(ids.count(q.id));
    }
}

TEST_CASE("an interview without a profile gives no profile questions, and no exchange is skipped") {
    const Interview parsed = ParseOrFail(ReadTestFile("english_interview.txt"));
    const auto questions = GenerateQuestions(parsed);
    CHECK(OfKind(questions, QuestionKind::kProfile).empty());
    for (const auto& e : parsed.exchanges) {
        const auto recalls = OfKind(questions, QuestionKind::kRecall, e.index);
        CHECK(std::count_if(recalls.begin(), recalls.end(),
                            [&](const Question* q) { return q->prompt == e.question; }) == 1);
    }
}

TEST_CASE("each section theme of the seed gets a recall question with one point per answer") {
    const Interview seed = Seed();
    const auto questions = GenerateQuestions(seed);
    const std::size_t points[] = {2, 4, 4, 6};
    for (const auto& section : seed.sections) {
        CAPTURE(section.title);
        const Question* theme = nullptr;
        for (const auto& q : questions) {
            if (q.kind == QuestionKind::kRecall && q.prompt == section.title) theme = &q;
        }
        REQUIRE(theme);
        const auto& first =
            *std::find_if(seed.exchanges.begin(), seed.exchanges.end(),
                          [&](const Exchange& e) { return e.section == section.index; });
        CHECK(theme->exchange == first.index);
        CHECK(std::count(theme->answer.begin(), theme->answer.end(), '\n') + 1 ==
              static_cast<long>(points[section.index - 1]));
        CHECK(theme->answer.rfind("・", 0) == 0);
    }
}

TEST_CASE("blanks in English text replace whole words only") {
    const auto questions = GenerateQuestions(ParseOrFail(ReadTestFile("english_interview.txt")));
    for (const Question* q : OfKind(questions, QuestionKind::kCloze)) {
        CAPTURE(q->prompt);
        const std::size_t at = q->prompt.find(kClozeBlank);
        REQUIRE(at != std::string::npos);
        const std::size_t end = at + kClozeBlank.size();
        if (at > 0) CHECK_FALSE(std::isalpha(static_cast<unsigned char>(q->prompt[at - 1])));
        if (end < q->prompt.size())
            CHECK_FALSE(std::isalpha(static_cast<unsigned char>(q->prompt[end])));
    }
    CHECK_FALSE(OfKind(questions, QuestionKind::kCloze).empty());
}
