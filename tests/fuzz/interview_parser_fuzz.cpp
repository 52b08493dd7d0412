// libFuzzer target: any bytes → ParseInterview never crashes, hangs or leaks; what it accepts
// holds its contract (1-based indices, non-empty exchanges) and generates questions whose ids are
// unique, and whose JSON is written without error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

#include "content/interview.h"
#include "content/question.h"
#include "content/questions_json.h"

// The first parse builds ICU's transliterators (a one-time cost of about a second under the
// sanitizers): paid here, so -timeout=1 judges the inputs, not the start-up.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)mondo::content::ParseInterview(mondo::content::BuiltinInterviewText());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto parsed = mondo::content::ParseInterview(bytes);
    if (!parsed) {
        if (parsed.error().message.empty()) std::abort();
        return 0;
    }
    if (parsed->exchanges.empty()) std::abort();
    for (std::size_t i = 0; i < parsed->exchanges.size(); ++i) {
        const auto& e = parsed->exchanges[i];
        if (e.index != static_cast<int>(i) + 1 || e.question.empty() || e.answer.empty())
            std::abort();
        if (e.section < 0 || e.section > static_cast<int>(parsed->sections.size())) std::abort();
    }
    const auto questions = mondo::content::GenerateQuestions(*parsed);
    std::set<std::string_view> ids;
    for (const auto& q : questions) {
        if (!ids.insert(q.id).second) std::abort();
    }
    const std::string json = mondo::content::QuestionsJson(*parsed, questions);
    if (json.empty() || json.front() != '{' || json.back() != '}') std::abort();
    return 0;
}
