// Content benchmark: how long parsing and question generation take.
//   - the built-in interview, first call in the process (ICU data, break iterators and the
//     Han-Latin transliterator are created then) and warm (median of repeated runs): target ≤ 50
//     ms;
//   - generated interviews of 1 MB and 2 MB (the seed's exchanges repeated with variations):
//     target ≤ 1 s for 1 MB, and time proportional to size (the 2 MB / 1 MB ratio ≈ 2).
// `--smoke` runs every measurement once (from the test suite) and checks nothing about speed.
#include <cstdio>
#include <string>

#include "bench/bench_util.h"
#include "content/furigana.h"
#include "content/interview.h"
#include "content/japanese_text.h"
#include "content/question.h"

using namespace mondo;

namespace {

// An interview of about `bytes` bytes: the seed's exchanges over and over, each copy made unique
// (numbered question, one sentence varied) so that no id repeats, with a heading every 6 pairs.
std::string GeneratedInterview(std::size_t bytes) {
    const auto seed = content::ParseInterview(content::BuiltinInterviewText());
    std::string text = "生成されたインタビュー\n\n";
    for (const auto& fact : seed->profile) text += "  • " + fact + "\n";
    text += "\n";
    std::size_t round = 0;
    while (text.size() < bytes) {
        for (const auto& exchange : seed->exchanges) {
            if (exchange.index % 6 == 1)
                text += "第" + std::to_string(round) + "部の" + std::to_string(exchange.index) +
                        "番目の話題は?\n\n";
            text += "Q:" + exchange.question + "(その" + std::to_string(round) + ")\n\n";
            text += "梁CEO:" + std::to_string(round) + "年目の話です。" + exchange.answer + "\n\n";
            if (text.size() >= bytes) break;
        }
        ++round;
    }
    return text;
}

std::size_t ParseAndGenerate(std::string_view text) {
    const auto interview = content::ParseInterview(text);
    if (!interview) {
        std::fprintf(stderr, "parse failed: %s\n", interview.error().message.c_str());
        return 0;
    }
    return content::GenerateQuestions(*interview).size();
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

    double one_mb = 0.0;
    for (const std::size_t size : {std::size_t{1} << 20, std::size_t{2} << 20}) {
        const std::string text = GeneratedInterview(size);
        std::size_t count = 0;
        const auto times = bench::TimeRuns(big_runs, [&] { count = ParseAndGenerate(text); });
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
    }
    return 0;
}
