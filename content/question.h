// Questions generated from an Interview.
//
// Contract: GenerateQuestions() is deterministic (same Interview → same questions, same order) and
// gives every question an id derived from the source id, the kind and the normalised text span it
// was made from, so unchanged parts of an edited source keep their ids (and their review history).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/arguments.h"
#include "content/interview.h"

namespace mondo::content {

// Field semantics per kind (prompt / answer / choices / accept / context):
//   kRecall         the interviewer's question / the whole answer / — / — / the exchange's notes;
//                   or, once per section with 2+ answers, a section theme: the heading / the key
//                   sentence of each of its answers, each "・"-led, '\n'-joined / — / — / the
//                   section's questions, '\n'-joined (`exchange` = the section's first exchange)
//   kWhichQuestion  an excerpt (one sentence) of an answer / the question it answered / 4
//   questions,
//                   shuffled, the answer among them / — / the whole answer
//   kChoice         the interviewer's question / the key sentence of the answer / 4 sentences,
//   shuffled,
//                   the others from other answers / — / the whole answer
//   kCloze          a sentence of the answer with every occurrence of the term replaced by
//   kClozeBlank
//                   / the term / 4 terms, shuffled (or empty when fewer than 3 plausible others
//                   exist) / other spellings accepted when typed (e.g. the furigana reading of a
//                   name) / the full sentence
//   kTrueFalse      a claim: a sentence of the answer, or the same with a key term swapped for one
//   from
//                   another answer / "true" or "false" / — / — / the original sentence
//   kOrder          the interviewer's question (with "（k/n）" when a long answer is split into
//   parts) /
//                   the sentences in order, joined with '\n' / the same sentences, shuffled (never
//                   in order) / — / —
//   kProfile        a profile fact with its key term replaced by kClozeBlank / the term / — / other
//                   spellings (the reading) / the whole fact
// Choices are distinct and never contain the answer twice; the prompt never contains the answer.
enum class QuestionKind {
    kRecall,         // prompt: the interviewer's question; answer: Liang's answer (self-graded)
    kWhichQuestion,  // prompt: an excerpt of an answer; choices: 4 questions; answer: the right one
    kChoice,         // prompt: a question; choices: 4 answers (sentences); answer: the right one
    kCloze,  // prompt: a sentence with "［　　］" for the blank; answer: the term; accept: variants
    kTrueFalse,  // prompt: a claim; answer: "true" or "false"
    kOrder,      // choices: the sentences shuffled; answer: the sentences in order, '\n'-joined
    kProfile,    // prompt: a fact about the interviewee with a blank or a question; answer: it
};

// The blank of cloze and profile prompts (full-width brackets around an ideographic space).
inline constexpr std::string_view kClozeBlank = "［　　］";

inline constexpr QuestionKind kAllQuestionKinds[] = {
    QuestionKind::kRecall,  QuestionKind::kWhichQuestion, QuestionKind::kChoice,
    QuestionKind::kCloze,   QuestionKind::kTrueFalse,     QuestionKind::kOrder,
    QuestionKind::kProfile,
};

// "recall", "which_question", "choice", "cloze", "true_false", "order", "profile".
std::string_view KindName(QuestionKind kind);
std::optional<QuestionKind> KindFromName(std::string_view name);

// Whether the learner grades himself (recall) or the app grades the answer.
bool IsSelfGraded(QuestionKind kind);

struct Question {
    std::string id;  // stable, printable ASCII
    QuestionKind kind = QuestionKind::kRecall;
    std::optional<int> exchange;  // Exchange::index; nullopt for profile questions
    std::string prompt;
    std::string answer;
    std::vector<std::string> choices;  // empty when the kind has none
    std::vector<std::string> accept;   // other answers accepted for typed kinds
    std::string context;               // the source sentence(s) shown after answering

    // What the study screen explains after an answer (empty / kContext when not applicable):
    // `source_sentence` is the one sentence of the answer the question was made from (cloze,
    // choice key, which-question excerpt, true/false claim — for a false statement, the original
    // true sentence); `source_role` its role in the answer's argument (see arguments.h) and
    // `source_sentence_index` its index in AnalyseArguments(answer).sentences (SplitSentences).
    // Recall, order and profile questions have no single source sentence.
    std::string source_sentence;
    ArgumentRole source_role = ArgumentRole::kContext;
    std::optional<std::size_t> source_sentence_index;

    // A false statement only: the span of `source_sentence` that was changed (byte offsets) and
    // the text the prompt has in its place — the prompt is always source_sentence with
    // [changed_offset, changed_offset + changed_length) replaced by `replacement` (a reversed
    // contrast covers both sides: "「資本」ではなく、「自信」" → "「自信」ではなく、「資本」").
    std::size_t changed_offset = 0;
    std::size_t changed_length = 0;
    std::string replacement;
    // How the statement was made false: "reversed_contrast", "negated", "number", "actor";
    // empty for every other question.
    std::string falsified_by;
};

// How to generate. The questions are the same whatever the options: only the speed changes.
struct GenerateOptions {
    // Threads analysing and generating exchanges (0: one per core, at most 4). A long interview
    // (hundreds of exchanges) is cut into ranges generated alone and joined in order; a short one
    // always runs on the calling thread.
    std::size_t threads = 0;
};

// Ids look like "<source_id>-<kind>-<16 hex digits>"; the hex digits hash the source id, the kind
// and the Fold()ed text span the question was made from (never its position or its distractors).
// Shuffles are seeded from the id. Never throws; an Interview without exchanges gives only
// profile questions (or none).
std::vector<Question> GenerateQuestions(const Interview& interview,
                                        const GenerateOptions& options = {});

// Receives a part of the questions (never empty); it may keep or move them.
using QuestionSink = std::function<void(std::vector<Question>&& part)>;

// GenerateQuestions handed over part by part: `sink` is called on the calling thread with each
// range of exchanges' questions in order (the section themes and the profile last), while helper
// threads generate the next ranges, so the caller can store a part while the rest is generated
// and never hold every question. The parts joined are exactly GenerateQuestions(interview,
// options). Never throws unless the sink does.
void GenerateQuestionParts(const Interview& interview, const QuestionSink& sink,
                           const GenerateOptions& options = {});

// One named reason a candidate scores as it does ("core_claim" +2, "in_many_answers" −4…).
struct QuestionFeature {
    std::string name;
    double value = 0.0;
};

// Every question the generator considered: it overgenerates (every usable sentence, term and way
// of making a statement false), scores each candidate as the sum of its features, rejects those
// that break a hard rule (`rejected_because` names it: "half of a word", "key opens with a
// pronoun"…), and keeps the best per exchange and kind ("outranked" for the others).
// GenerateQuestions() returns exactly the kept ones, in this order.
struct QuestionCandidate {
    Question question;
    double score = 0.0;
    std::vector<QuestionFeature> features;
    bool kept = false;
    std::string rejected_because;  // empty when kept
};

std::vector<QuestionCandidate> GenerateCandidates(const Interview& interview,
                                                  const GenerateOptions& options = {});

}  // namespace mondo::content
