// The argument structure of an answer: what each sentence does in the argument.
//
// Contract: AnalyseArguments() splits an answer into sentences exactly as SplitSentences() does
// (so sentence i here is sentence i everywhere) and gives each one a role read from its discourse
// markers (Japanese and English), plus the explicit contrast it states, if any. Deterministic,
// never throws, linear in the length of the answer. Thread-safe.
//
// Roles, from the markers (the first one that applies wins, in this order):
//   kConclusion  つまり, だからこそ, したがって, そのため, 結局, 要するに, だから; so, therefore,
//   thus,
//                that is why, in short
//   kContrast    しかし, ところが, 一方で, ですが/だが (opening), 逆に; AではなくB / AよりもB
//   inside the
//                sentence; but, however, instead of, rather than, not A but B, on the other hand
//   kExample     例えば, たとえば, 例として; for example, for instance, such as
//   kReason      なぜなら, というのも, …からです, …ためです, …ため(に)、…, …ので、…; because, since
//                (opening), due to
//   kConcession  確かに, もちろん, ただ, 実は…が (a point granted before the main one); admittedly,
//                of course, granted — never the key of a question on its own
//   kContext     a question, an aside in brackets, or a sentence too short to carry a point
//   kClaim       every other declarative sentence
// One sentence per answer is the core claim (`core`): the sentence that states the answer's thesis
// — a conclusion or a contrast's assertion if there is one, else the first claim that shares words
// with the interviewer's question, else the first claim; never a sentence without a content word
// (a bare turn such as "しかし、私の考えは変わりました") while another sentence has one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mondo::content {

enum class ArgumentRole {
    kClaim,
    kReason,
    kContrast,
    kExample,
    kConclusion,
    kConcession,
    kContext,
};

// "claim", "reason", "contrast", "example", "conclusion", "concession", "context".
std::string_view RoleName(ArgumentRole role);

// An explicit contrast inside one sentence: "「資本」ではなく、「自信」です" rejects 資本 and
// asserts 自信. Offsets are bytes into the sentence; both sides are short content phrases (never a
// pronoun or a bare こと/もの), so swapping them gives a grammatical sentence that says the
// opposite.
struct Contrast {
    std::string rejected;  // 資本
    std::size_t rejected_offset = 0;
    std::string asserted;  // 自信
    std::size_t asserted_offset = 0;
};

struct ArgumentSentence {
    std::string text;
    ArgumentRole role = ArgumentRole::kClaim;
    std::string marker;  // the discourse marker the role was read from ("しかし", "because"); may
                         // be empty (a claim, or a role read from the sentence's shape)
    bool core = false;  // the answer's core claim (exactly one per answer with sentences)
    // Opens with a pronoun or a demonstrative that refers back ("それ", "これら", "They"): the
    // sentence does not stand alone as a choice key or a statement.
    bool refers_back = false;
    std::optional<Contrast> contrast;
};

struct ArgumentStructure {
    std::vector<ArgumentSentence> sentences;  // in order, as SplitSentences(answer)
    std::size_t core = 0;                     // index of the core claim (0 when empty)
};

// `question` (the interviewer's) helps to pick the core claim; it may be empty.
ArgumentStructure AnalyseArguments(std::string_view answer, std::string_view question = {});

// Whether the text is written mostly in Latin letters (an English interview).
bool IsMostlyLatin(std::string_view text);

}  // namespace mondo::content
