// Content benchmark: how long parsing and question generation take.
//   - the built-in interview, first call in the process (ICU data, break iterators and the
//     Han-Latin transliterator are created then) and warm (median of repeated runs): target ≤ 50
//     ms;
//   - generated interviews of 1 MB and 2 MB (the seed's exchanges repeated with variations):
//     target ≤ 1 s for 1 MB, and time proportional to size (the 2 MB / 1 MB ratio ≈ 2).
//   - the judged set (tests/data/quality): the share of questions judged good among the questions
//     generated now, per interview and per kind (a question generated but never judged is counted
//     as unjudged; targets: built-in ≥ 80% good, ≤ 2% defect, every kind ≥ 70%; other shapes
//     ≥ 70%).
// `--smoke` runs every measurement once (from the test suite) and checks nothing about speed.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "bench/generated_interview.h"
#include "content/furigana.h"
#include "content/interview.h"
#include "content/japanese_text.h"
#include "content/question.h"

using namespace mondo;

namespace {

std::size_t ParseAndGenerate(std::string_view text) {
    const auto interview = content::ParseInterview(text);
    if (!interview) {
        std::fprintf(stderr, "parse failed: %s\n", interview.error().message.c_str());
        return 0;
    }
    return content::GenerateQuestions(*interview).size();
}

std::string Escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

// kind, prompt, answer, sorted choices: the key the judged set is written with.
std::string KeyOf(const content::Question& q) {
    std::vector<std::string> choices = q.choices;
    std::sort(choices.begin(), choices.end());
    std::string joined;
    for (const auto& c : choices) joined += (joined.empty() ? "" : " | ") + c;
    return std::string(content::KindName(q.kind)) + "\t" + Escape(q.prompt) + "\t" +
           Escape(q.answer) + "\t" + Escape(joined);
}

std::string ReadFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << file.rdbuf();
    return buffer.str();
}

// Labels of the judged set `name` by question key.
std::map<std::string, std::string> Judged(const std::string& name) {
    std::map<std::string, std::string> labels;
    std::istringstream lines(ReadFile(std::string(MONDO_TEST_DATA_DIR) + "/quality/" + name));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> fields;
        std::istringstream stream(line);
        std::string field;
        while (std::getline(stream, field, '\t')) fields.push_back(field);
        if (fields.size() < 5) continue;
        labels[fields[1] + "\t" + fields[2] + "\t" + fields[3] + "\t" + fields[4]] = fields[0];
    }
    return labels;
}

void ReportQuality() {
    const std::pair<const char*, const char*> sets[] = {
        {"liang_wenfeng_builtin.tsv", ""},
        {"en_web_interview.tsv", "en_web_interview.txt"},
        {"ja_magazine_dash.tsv", "ja_magazine_dash.txt"},
        {"ja_markdown_blog.tsv", "ja_markdown_blog.md"},
        {"ja_news_q_space.tsv", "ja_news_q_space.txt"},
        {"en_magazine_qa.tsv", "en_magazine_qa.txt"},
    };
    for (const auto& [set, source] : sets) {
        const std::string text =
            *source ? ReadFile(std::string(MONDO_TEST_DATA_DIR) + "/interviews/" + source)
                    : std::string(content::BuiltinInterviewText());
        const auto interview = content::ParseInterview(text);
        if (!interview) continue;
        const auto labels = Judged(set);
        std::map<std::string, std::map<std::string, int>> counts;  // kind → label → n
        for (const auto& q : content::GenerateQuestions(*interview)) {
            const auto it = labels.find(KeyOf(q));
            const std::string label = it == labels.end() ? "unjudged" : it->second;
            ++counts[std::string(content::KindName(q.kind))][label];
            ++counts["all"][label];
        }
        for (const auto& entry : counts) {
            const std::string& kind = entry.first;
            // A plain reference, not a structured binding: clang 14 cannot capture one in a lambda.
            const std::map<std::string, int>& by_label = entry.second;
            int total = 0;
            for (const auto& [label, n] : by_label) total += n;
            const auto count = [&](const char* label) {
                const auto it = by_label.find(label);
                return it == by_label.end() ? 0 : it->second;
            };
            char note[160];
            std::snprintf(note, sizeof note, "%d kept: %d good, %d weak, %d defect, %d unjudged",
                          total, count("good"), count("weak"), count("defect"), count("unjudged"));
            bench::Report(std::string("judged good, ") + set + " " + kind,
                          100.0 * count("good") / std::max(1, total), "%", note);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    const bool smoke = bench::SmokeRun(argc, argv);
    const int runs = smoke ? 1 : 21;
    const int big_runs = smoke ? 1 : 5;
    const std::string_view seed = content::BuiltinInterviewText();

    std::size_t questions = 0;
    const auto first = bench::TimeRuns(1, [&] { questions = ParseAndGenerate(seed); });
    if (questions == 0) return 1;
    bench::Report("seed parse+generate, first call in process", first.front(), "ms",
                  "(" + std::to_string(questions) + " questions)");
    bench::Report("  of which transliterator creation (Han-Latin)",
                  content::detail::FuriganaSetupMilliseconds(), "ms");

    const auto warm = bench::TimeRuns(runs, [&] { ParseAndGenerate(seed); });
    bench::Report("seed parse+generate, median", bench::Median(warm), "ms", "target <= 50 ms");
    const auto parse = bench::TimeRuns(runs, [&] { (void)content::ParseInterview(seed); });
    bench::Report("seed parse only, median", bench::Median(parse), "ms");
    const auto parsed = content::ParseInterview(seed);
    const auto generate = bench::TimeRuns(runs, [&] { (void)content::GenerateQuestions(*parsed); });
    bench::Report("seed generate only, median", bench::Median(generate), "ms");
    const auto grade = bench::TimeRuns(runs, [&] {
        for (int i = 0; i < 100; ++i)
            (void)content::Grade("テクノロジーコミュニティ", "テクノロジコミュニテイ");
    });
    bench::Report("Grade() of a 12-character answer, per call", bench::Median(grade) * 10.0, "us");

    ReportQuality();

    double one_mb = 0.0;
    for (const std::size_t size : {std::size_t{1} << 20, std::size_t{2} << 20}) {
        const std::string text = bench::GeneratedInterview(size);
        std::size_t count = 0;
        // Processor time beside wall time: on a shared, loaded machine the wall time is mostly
        // waiting for a core, and only the processor time compares across runs.
        std::vector<double> cpu;
        const auto times = bench::TimeRuns(big_runs, [&] {
            const std::clock_t start = std::clock();
            count = ParseAndGenerate(text);
            cpu.push_back(1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC);
        });
        if (count == 0) return 1;
        const double median = bench::Median(times);
        const std::string name =
            "generated " + std::to_string(size >> 20) + " MB parse+generate, median";
        std::string note = std::to_string(count) + " questions";
        if (size == (std::size_t{1} << 20)) {
            one_mb = median;
            note += ", target <= 1000 ms";
        } else {
            char ratio[64];
            std::snprintf(ratio, sizeof ratio, ", %.2fx the 1 MB time (linear = 2)",
                          median / one_mb);
            note += ratio;
        }
        bench::Report(name, median, "ms", note);
        bench::Report("  processor time, median", bench::Median(cpu), "ms");
    }
    return 0;
}
