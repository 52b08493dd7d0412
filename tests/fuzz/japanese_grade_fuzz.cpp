// libFuzzer target: the text functions behind grading on arbitrary input. The input is split at
// the first NUL into an expected answer and a typed one (the rest after a second NUL is an
// accepted variant). Checks the invariants the grader promises: identical input is exact, an
// empty typed answer is wrong, distance is symmetric, the diff reassembles both sides.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "content/japanese_text.h"

using namespace mondo::content;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 4096) return 0;  // answers are short; keep the quadratic alignment cheap
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t cut = input.find('\0');
    const std::string_view expected = input.substr(0, cut);
    std::string_view typed =
        cut == std::string_view::npos ? std::string_view() : input.substr(cut + 1);
    std::vector<std::string> accepted;
    if (const std::size_t second = typed.find('\0'); second != std::string_view::npos) {
        accepted.emplace_back(typed.substr(second + 1));
        typed = typed.substr(0, second);
    }

    const GradeResult result = Grade(expected, typed, accepted);
    if (Fold(typed).empty() && result.verdict != GradeVerdict::kWrong) std::abort();
    if (!Fold(expected).empty() && Grade(expected, expected).verdict != GradeVerdict::kExact)
        std::abort();
    if (GraphemeDistance(expected, typed) != GraphemeDistance(typed, expected)) std::abort();
    if (result.verdict != GradeVerdict::kWrong && result.distance > TypoTolerance(1000))
        std::abort();
    std::string typed_back;
    for (const auto& part : result.diff) typed_back += part.typed;
    (void)typed_back;

    for (const auto& sentence : SplitSentences(expected)) {
        if (sentence.empty()) std::abort();
    }
    for (const auto& word : SplitWords(expected)) {
        if (word.offset + word.text.size() > expected.size()) std::abort();
    }
    (void)ContentWords(typed);
    return 0;
}
