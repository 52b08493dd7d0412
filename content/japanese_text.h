// Japanese text with ICU: sentences, words, content words, folding and grading typed answers.
//
// Contract: every function takes and returns UTF-8, never throws and never asserts on content
// (invalid UTF-8 is treated as U+FFFD by ICU). ICU objects (break iterators, the NFKC-casefold
// normaliser) are created once per thread and reused; all functions are safe to call from several
// threads at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mondo::content {

// Sentences of `text`, in order: ICU's Japanese sentence breaks, also split at line breaks, with
// two fixes — opening brackets left at the end of a sentence ("…ですか?(") move to the next one,
// and white space (U+00A0 and U+3000 included) is trimmed from both ends. Empty pieces are dropped.
std::vector<std::string> SplitSentences(std::string_view text);

enum class WordKind {
    kHan,       // kanji only: 資本, 堀
    kKatakana,  // katakana only (compounds joined): クローズドソース
    kHiragana,  // hiragana only: particles, auxiliaries, okurigana
    kLatin,     // Latin letters (with digits): DeepSeek, AI
    kNumber,    // digits: 1980, 30
    kMixed,     // anything else that ICU calls a word
};

struct Word {
    std::string text;
    std::size_t offset = 0;  // byte offset in the text given to SplitWords
    WordKind kind = WordKind::kMixed;
};

// Words of `text` (ICU's dictionary word breaks for "ja"), white space and punctuation left out,
// neighbouring all-katakana tokens joined (オープン|ソース → オープンソース).
std::vector<Word> SplitWords(std::string_view text);

// Whether words[index] is a content word worth asking about: katakana of 3+ characters, Latin words
// of 2+ letters, kanji words of 2+ characters that are not function-like (実際, 場合…), and single
// kanji nouns (堀) — a single kanji followed by a particle or copula, not by okurigana. Never a
// particle, an auxiliary, a single kana or half of a verb.
bool IsContentWord(const std::vector<Word>& words, std::size_t index);

// The content words of `text`, in order of appearance (duplicates kept).
std::vector<Word> ContentWords(std::string_view text);

// The form used to compare answers: NFKC case-folded (width, half-width katakana, compatibility
// forms, case), white space and punctuation removed (symbols kept), dash look-alikes after kana
// read as ー, katakana mapped to hiragana. Two strings with equal Fold() are the same answer.
std::string Fold(std::string_view text);

// Optimal-string-alignment (Damerau) distance between Fold(a) and Fold(b), counted in grapheme
// clusters (not bytes or UTF-16 units). Time O(|a|·|b|), memory O(|b|).
std::size_t GraphemeDistance(std::string_view a, std::string_view b);

// Edits tolerated as a typo for an expected answer of `clusters` grapheme clusters (after Fold):
// up to 3 → 0, 4–7 → 1, 8 or more → 2.
std::size_t TypoTolerance(std::size_t clusters);

enum class GradeVerdict { kExact, kTypo, kWrong };

enum class DiffOp {
    kSame,     // the typed text matches here
    kMissing,  // in the expected answer, not typed
    kExtra,    // typed, not in the expected answer
    kChanged,  // typed differently (substitution, or a transposition shown as one)
};

struct DiffPart {
    DiffOp op = DiffOp::kSame;
    std::string expected;  // the expected text of this part (empty for kExtra)
    std::string typed;     // the typed text of this part (empty for kMissing)
};

struct GradeResult {
    GradeVerdict verdict = GradeVerdict::kWrong;
    std::string matched;         // the answer (expected or one of `accepted`) compared against
    std::size_t distance = 0;    // grapheme edits between the folded forms
    std::vector<DiffPart> diff;  // typed against `matched`, over white-space-free display forms
                                 // (answers over 256 clusters: one part, no edit script)
};

// Grades a typed answer. Exact when Fold(typed) equals Fold() of `expected` or of an accepted
// variant; a typo when the closest of them is within TypoTolerance() and no edit touches a kanji or
// a digit (資本/資金 and 30/20 are different answers; voicing, small kana, ー and ッ are
// near-misses); wrong otherwise (an empty answer is always wrong). Linear in the typed length for a
// short expected answer; never quadratic in memory.
GradeResult Grade(std::string_view expected, std::string_view typed,
                  const std::vector<std::string>& accepted = {});

}  // namespace mondo::content
