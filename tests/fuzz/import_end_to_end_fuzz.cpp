// libFuzzer target: any bytes imported end to end as `mondo import` does — ParseInterview,
// GenerateQuestions, then ImportSource into an in-memory collection — never crash, and what is
// stored reads back: the same questions (ids and prompts) and the interview's title and exchanges;
// a second import of the same source keeps everything and adds nothing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "content/interview.h"
#include "content/question.h"
#include "storage/collection.h"

// The first parse builds ICU's transliterators (a one-time cost of about a second under the
// sanitizers): paid here, so -timeout=1 judges the inputs, not the start-up.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)mondo::content::ParseInterview(mondo::content::BuiltinInterviewText());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto parsed = mondo::content::ParseInterview(bytes);
    if (!parsed) return 0;
    const auto questions = mondo::content::GenerateQuestions(*parsed);
    auto collection = mondo::storage::Collection::OpenInMemory();
    if (!collection) std::abort();
    auto first = collection->ImportSource(*parsed, questions);
    if (!first) std::abort();
    std::set<std::string> generated;
    for (const auto& q : questions) generated.insert(q.id);
    if (first->added != static_cast<int>(generated.size()) || first->kept != 0) std::abort();

    auto items = collection->LoadStudyItems(parsed->source_id);
    if (!items || items->size() != generated.size()) std::abort();
    for (const auto& item : *items) {
        if (generated.count(item.question.id) == 0) std::abort();
    }
    auto stored = collection->LoadInterview(parsed->source_id);
    if (!stored || stored->title != parsed->title ||
        stored->exchanges.size() != parsed->exchanges.size()) {
        std::abort();
    }
    for (std::size_t i = 0; i < parsed->exchanges.size(); ++i) {
        if (stored->exchanges[i].question != parsed->exchanges[i].question ||
            stored->exchanges[i].answer != parsed->exchanges[i].answer) {
            std::abort();
        }
    }
    auto again = collection->ImportSource(*parsed, questions);
    if (!again || again->added != 0 || again->kept != static_cast<int>(generated.size()) ||
        again->retired != 0) {
        std::abort();
    }
    return 0;
}
