// libFuzzer target: `mondo questions --json` output is valid JSON for any input. Any bytes are
// parsed and generated as the command does; the JSON written for them must parse (nlohmann's
// strict RFC 8259 parser, which also rejects invalid UTF-8) and hold one entry per exchange and
// per question.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "content/interview.h"
#include "content/json.h"
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
    // The JSON writer on a string of its own: any bytes give a valid JSON string.
    const std::string string_literal =
        mondo::content::DumpJson(mondo::content::Json(std::string(bytes)));
    if (!nlohmann::json::accept(string_literal)) std::abort();

    const auto parsed = mondo::content::ParseInterview(bytes);
    if (!parsed) return 0;
    const auto questions = mondo::content::GenerateQuestions(*parsed);
    const std::string json = mondo::content::QuestionsJson(*parsed, questions);
    const auto document = nlohmann::json::parse(json, nullptr, false);
    if (document.is_discarded() || !document.is_object()) std::abort();
    if (document["exchanges"].size() != parsed->exchanges.size() ||
        document["questions"].size() != questions.size()) {
        std::abort();
    }
    return 0;
}
