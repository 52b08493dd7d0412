#include "app/cli/questions_command.h"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include "app/cli/args.h"
#include "content/interview.h"
#include "content/question.h"
#include "content/questions_json.h"

namespace mondo::app {
namespace {

constexpr const char* kQuestionsUsage =
    R"(usage: mondo questions [--source FILE] [--json | --explain]

Parse an interview and print what it holds (title, sections, profile, furigana, exchanges) and the
questions generated from it. Touches no database.
  --source FILE   the interview to parse (UTF-8 text, at most 10 MB; default: the built-in one)
  --json          print JSON instead of the readable listing
  --explain       print every candidate question, kept and rejected, with its score and the
                  features behind it (and the rule that rejected it)
  --help          show this help
)";

std::string Indent(const std::string& text, const std::string& prefix) {
    std::string out = prefix;
    for (const char c : text) {
        out += c;
        if (c == '\n') out += prefix;
    }
    return out;
}

void PrintListing(const content::Interview& interview,
                  const std::vector<content::Question>& questions, std::ostream& out) {
    out << "source " << interview.source_id << ": " << interview.title << "\n";
    out << interview.sections.size() << " sections, " << interview.exchanges.size()
        << " exchanges, " << interview.profile.size() << " profile facts, " << interview.ruby.size()
        << " readings, " << questions.size() << " questions\n";
    if (!interview.profile.empty()) {
        out << "\nprofile\n";
        for (const auto& fact : interview.profile) out << "  • " << fact << "\n";
    }
    if (!interview.ruby.empty()) {
        out << "\nreadings\n";
        for (const auto& r : interview.ruby) out << "  " << r.base << " 《" << r.reading << "》\n";
    }
    std::map<int, std::vector<const content::Question*>> by_exchange;
    for (const auto& q : questions) by_exchange[q.exchange.value_or(0)].push_back(&q);
    int section = -1;
    for (const auto& exchange : interview.exchanges) {
        if (exchange.section != section) {
            section = exchange.section;
            for (const auto& s : interview.sections) {
                if (s.index == section) out << "\n== " << s.index << ". " << s.title << " ==\n";
            }
        }
        out << "\n[" << exchange.index << "] Q: " << exchange.question << "\n";
        out << Indent(exchange.answer, "    A: ") << "\n";
        for (const auto& note : exchange.notes) out << "    note: " << note << "\n";
        for (const content::Question* q : by_exchange[exchange.index]) {
            out << "  - " << content::KindName(q->kind) << " " << q->id << "\n";
            out << Indent(q->prompt, "      prompt: ") << "\n";
            out << Indent(q->answer, "      answer: ") << "\n";
            for (const auto& choice : q->choices) out << "      choice: " << choice << "\n";
            for (const auto& accept : q->accept) out << "      accept: " << accept << "\n";
        }
    }
    if (!by_exchange[0].empty()) {
        out << "\n== profile questions ==\n";
        for (const content::Question* q : by_exchange[0]) {
            out << "  - " << content::KindName(q->kind) << " " << q->id << "\n";
            out << "      prompt: " << q->prompt << "\n      answer: " << q->answer << "\n";
            for (const auto& accept : q->accept) out << "      accept: " << accept << "\n";
        }
    }
    std::map<std::string_view, int> counts;
    for (const auto& q : questions) ++counts[content::KindName(q.kind)];
    out << "\nquestions by kind:";
    for (const auto kind : content::kAllQuestionKinds) {
        out << " " << content::KindName(kind) << " " << counts[content::KindName(kind)];
    }
    out << "\n";
}

std::string FormatValue(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%+.2g", value);
    return text;
}

// Every candidate by exchange: KEPT or rejected (and why), its score and features, its text.
void PrintExplanation(const content::Interview& interview,
                      const std::vector<content::QuestionCandidate>& candidates,
                      std::ostream& out) {
    std::size_t kept = 0;
    for (const auto& c : candidates) kept += c.kept ? 1 : 0;
    out << "source " << interview.source_id << ": " << interview.title << "\n";
    out << candidates.size() << " candidates, " << kept << " kept\n";
    std::map<int, std::vector<const content::QuestionCandidate*>> by_exchange;
    for (const auto& c : candidates) by_exchange[c.question.exchange.value_or(0)].push_back(&c);
    const auto print = [&](const content::QuestionCandidate& c) {
        const content::Question& q = c.question;
        char score[32];
        std::snprintf(score, sizeof score, "%.2f", c.score);
        out << (c.kept ? "  KEPT     " : "  rejected ") << content::KindName(q.kind) << " " << score
            << " " << q.id;
        if (!c.kept) out << "  (" << c.rejected_because << ")";
        out << "\n      features:";
        for (const auto& f : c.features) out << " " << f.name << " " << FormatValue(f.value);
        out << "\n" << Indent(q.prompt, "      prompt: ") << "\n";
        out << Indent(q.answer, "      answer: ") << "\n";
        for (const auto& choice : q.choices) out << "      choice: " << choice << "\n";
        if (!q.falsified_by.empty()) out << "      changed: " << q.falsified_by << "\n";
    };
    for (const auto& exchange : interview.exchanges) {
        out << "\n[" << exchange.index << "] Q: " << exchange.question << "\n";
        const auto arguments = content::AnalyseArguments(exchange.answer, exchange.question);
        for (const auto& s : arguments.sentences) {
            out << "    " << content::RoleName(s.role) << (s.core ? "*" : "") << ": " << s.text
                << "\n";
        }
        for (const auto* c : by_exchange[exchange.index]) print(*c);
    }
    if (!by_exchange[0].empty()) {
        out << "\n== profile ==\n";
        for (const auto* c : by_exchange[0]) print(*c);
    }
}

}  // namespace

int RunQuestionsCommand(const std::vector<std::string>& args, std::ostream& out,
                        std::ostream& err) {
    CLI::App app{"", "mondo questions"};
    SetUpCommand(app);
    std::string source;
    bool json = false;
    bool explain = false;
    const CLI::Option* source_given = app.add_option("--source", source);
    app.add_flag("--json", json);
    app.add_flag("--explain", explain);
    if (const auto status = ParseCommandLine(app, kQuestionsUsage, args, out, err)) return *status;
    std::string bytes;
    std::string name = "the built-in interview";
    if (*source_given) {
        name = source;
        std::string problem;
        if (!ReadInputFile(source, bytes, problem, content::kMaxSourceBytes)) {
            err << "mondo questions: " << source << " " << problem << "\n";
            return 1;
        }
    } else {
        bytes = std::string(content::BuiltinInterviewText());
    }
    const auto interview = content::ParseInterview(bytes);
    if (!interview) {
        err << "mondo questions: " << name << ": " << interview.error().message << "\n";
        return 1;
    }
    if (json && explain) {
        err << "mondo questions: --json and --explain cannot be combined\n";
        return 1;
    }
    if (explain) {
        PrintExplanation(*interview, content::GenerateCandidates(*interview), out);
        return 0;
    }
    const auto questions = content::GenerateQuestions(*interview);
    if (json) {
        out << content::QuestionsJson(*interview, questions) << "\n";
    } else {
        PrintListing(*interview, questions, out);
    }
    return 0;
}

}  // namespace mondo::app
