// Japanese text with ICU.
//
// [SECTION] Per-thread ICU objects
// [SECTION] Sentences
// [SECTION] Words and content words
// [SECTION] Folding and grapheme units
// [SECTION] Distance and grading
#include "content/japanese_text.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "content/unicode.h"

namespace mondo::content {

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Per-thread ICU objects
//-------------------------------------------------------------------------------------------------

struct IcuObjects {
    std::unique_ptr<icu::BreakIterator> words;
    std::unique_ptr<icu::BreakIterator> sentences;
    std::unique_ptr<icu::BreakIterator> characters;
    const icu::Normalizer2* nfkc_casefold = nullptr;

    IcuObjects() {
        UErrorCode status = U_ZERO_ERROR;
        words.reset(icu::BreakIterator::createWordInstance(icu::Locale("ja"), status));
        status = U_ZERO_ERROR;
        sentences.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("ja"), status));
        status = U_ZERO_ERROR;
        characters.reset(icu::BreakIterator::createCharacterInstance(icu::Locale("ja"), status));
        status = U_ZERO_ERROR;
        nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
        if (U_FAILURE(status)) nfkc_casefold = nullptr;
    }
};

IcuObjects& Icu() {
    thread_local IcuObjects objects;
    return objects;
}

// Points `iterator` at UTF-8 text so that its boundaries are byte offsets.
class Utf8Text {
  public:
    Utf8Text(icu::BreakIterator& iterator, std::string_view text) {
        UErrorCode status = U_ZERO_ERROR;
        text_ = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
        if (U_SUCCESS(status)) iterator.setText(text_, status);
        ok_ = U_SUCCESS(status);
    }
    ~Utf8Text() { utext_close(text_); }
    Utf8Text(const Utf8Text&) = delete;
    Utf8Text& operator=(const Utf8Text&) = delete;
    bool ok() const { return ok_; }

  private:
    UText* text_ = nullptr;
    bool ok_ = false;
};

// Byte boundaries of `text` under `iterator` (always starting with 0 and ending with size).
std::vector<std::size_t> Boundaries(icu::BreakIterator* iterator, std::string_view text) {
    std::vector<std::size_t> cuts;
    if (iterator) {
        Utf8Text utext(*iterator, text);
        if (utext.ok()) {
            for (int32_t at = iterator->first(); at != icu::BreakIterator::DONE;
                 at = iterator->next()) {
                cuts.push_back(static_cast<std::size_t>(at));
            }
        }
    }
    if (cuts.empty() || cuts.front() != 0) cuts.insert(cuts.begin(), 0);
    if (cuts.back() != text.size()) cuts.push_back(text.size());
    return cuts;
}

bool IsOpeningBracket(char32_t cp) {
    return cp == '(' || cp == '[' || cp == '{' || cp == 0xFF08 || cp == 0x300C || cp == 0x300E ||
           cp == 0x3010 || cp == 0x3014 || cp == 0xFF3B || cp == 0x3008 || cp == 0x300A ||
           cp == 0x201C || cp == 0x2018;
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Sentences
//-------------------------------------------------------------------------------------------------

std::vector<std::string> SplitSentences(std::string_view text) {
    std::vector<std::string> sentences;
    std::string carry;  // opening brackets moved from the end of the previous sentence
    std::size_t line_start = 0;
    while (line_start <= text.size()) {
        std::size_t line_end = text.find('\n', line_start);
        if (line_end == std::string_view::npos) line_end = text.size();
        const std::string_view line = text.substr(line_start, line_end - line_start);
        const auto cuts = Boundaries(Icu().sentences.get(), line);
        for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
            std::string_view piece = detail::Trim(line.substr(cuts[k], cuts[k + 1] - cuts[k]));
            std::string_view moved;
            // Move trailing opening brackets ("…ですか?(") to the next sentence.
            while (!piece.empty()) {
                std::size_t last = piece.size();
                if (!IsOpeningBracket(DecodeUtf8Before(piece, last))) break;
                moved = std::string_view(piece.data() + last, moved.size() + piece.size() - last);
                piece = detail::Trim(piece.substr(0, last));
            }
            std::string sentence = carry + std::string(piece);
            carry = std::string(moved);
            sentence = std::string(detail::Trim(sentence));
            if (!sentence.empty()) sentences.push_back(std::move(sentence));
        }
        if (!carry.empty()) {
            // A bracket at the very end of a line opens nothing: keep it where it was.
            if (!sentences.empty()) sentences.back() += carry;
            carry.clear();
        }
        line_start = line_end + 1;
    }
    return sentences;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Words and content words
//-------------------------------------------------------------------------------------------------

namespace {

WordKind KindOf(std::string_view token, bool& is_word) {
    bool han = true, katakana = true, hiragana = true, latin_or_digit = true, any_letter = false;
    bool any_word_char = false;
    for (std::size_t i = 0; i < token.size();) {
        const char32_t cp = DecodeUtf8(token, i);
        const bool is_han = detail::IsHan(cp);
        const bool is_katakana = detail::IsKatakana(cp);
        const bool is_hiragana = detail::IsHiragana(cp) || cp == 0x30FC;
        const bool is_digit = detail::IsDigit(cp);
        const bool is_latin =
            u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_ALPHABETIC) &&
            u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_SCRIPT) == USCRIPT_LATIN;
        han = han && is_han;
        katakana = katakana && is_katakana;
        hiragana = hiragana && is_hiragana;
        latin_or_digit = latin_or_digit && (is_latin || is_digit || cp == '.' || cp == ',' ||
                                            cp == '\'' || cp == '-');
        any_letter = any_letter || is_latin;
        any_word_char = any_word_char || u_isalnum(static_cast<UChar32>(cp)) || is_katakana ||
                        is_hiragana || is_han;
    }
    is_word = any_word_char;
    if (han) return WordKind::kHan;
    if (katakana) return WordKind::kKatakana;
    if (hiragana) return WordKind::kHiragana;
    if (latin_or_digit) return any_letter ? WordKind::kLatin : WordKind::kNumber;
    return WordKind::kMixed;
}

bool Contains(std::initializer_list<std::string_view> list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

// Particles and the copula: what may follow a single-kanji noun (堀を, 堀は, 堀です).
bool IsParticle(std::string_view word) {
    return Contains(
        {"は",   "が",   "を",   "に", "で",     "と",   "の",   "も",   "へ",   "や",   "から",
         "まで", "より", "です", "だ", "でした", "だっ", "など", "こそ", "さえ", "しか", "か"},
        word);
}

// Kanji words that are function-like (adverbs, formal nouns, pronouns): never worth a question.
bool IsFunctionLikeKanji(std::string_view word) {
    static const std::unordered_set<std::string_view> kWords = {
        "実際", "非常", "場合", "自身",   "全体", "一方", "通常", "結局", "本当",   "必要", "可能",
        "今後", "以上", "以下", "以外",   "程度", "一般", "確か", "特別", "簡単",   "当時", "現在",
        "今日", "最近", "全員", "私達",   "我々", "彼等", "自分", "一体", "一番",   "大変", "多数",
        "多く", "全て", "様々", "色々",   "的",   "等",   "毎日", "理由", "問題",   "方法", "状況",
        "部分", "時間", "過程", "結果",   "存在", "一因", "同様", "次第", "途中",   "最中", "全部",
        "基本", "完全", "徐々", "常",     "年間", "年前", "何年", "年代", "何世代", "数年", "毎年",
        "今年", "昨年", "何事", "一世代", "過去"};
    return kWords.count(word) > 0;
}

// Single kanji that are formal nouns, pronouns or counters rather than vocabulary.
bool IsFunctionLikeSingleKanji(std::string_view word) {
    static const std::unordered_set<std::string_view> kWords = {
        "事", "物", "時", "方", "中", "上", "下", "的", "者", "人", "今", "家", "私",
        "彼", "何", "年", "日", "月", "等", "様", "達", "度", "為", "所", "後", "前",
        "間", "内", "外", "頃", "氏", "君", "本", "点", "面", "側", "誰", "皆", "他",
        "際", "訳", "毎", "各", "全", "多", "少", "非", "第", "級", "代", "分", "回",
        "国", "誰", "例", "更", "先", "次", "最", "真", "実", "特"};
    return kWords.count(word) > 0;
}

// English words that carry no content of their own (in English interviews and Latin asides).
bool IsEnglishFunctionWord(std::string_view lower) {
    static const std::unordered_set<std::string_view> kWords = {
        "the",       "and",      "but",     "for",       "nor",        "yet",     "with",
        "from",      "into",     "onto",    "about",     "before",     "after",   "when",
        "while",     "where",    "what",    "which",     "who",        "whom",    "whose",
        "that",      "this",     "these",   "those",     "there",      "here",    "then",
        "than",      "have",     "has",     "had",       "having",     "was",     "were",
        "been",      "being",    "are",     "not",       "can",        "cannot",  "could",
        "would",     "should",   "will",    "shall",     "may",        "might",   "must",
        "you",       "your",     "yours",   "our",       "ours",       "they",    "them",
        "their",     "theirs",   "she",     "her",       "hers",       "his",     "him",
        "its",       "all",      "any",     "some",      "such",       "much",    "many",
        "more",      "most",     "very",    "just",      "also",       "only",    "even",
        "ever",      "never",    "still",   "too",       "how",        "why",     "did",
        "does",      "done",     "doing",   "get",       "gets",       "got",     "out",
        "over",      "under",    "again",   "each",      "every",      "both",    "either",
        "neither",   "other",    "another", "same",      "own",        "one",     "two",
        "off",       "because",  "through", "during",    "until",      "since",   "though",
        "although",  "whether",  "let",     "make",      "made",       "say",     "said",
        "like",      "well",     "really",  "thing",     "things",     "way",     "lot",
        "kind",      "sort",     "yes",     "don",       "doesn",      "didn",    "isn",
        "aren",      "wasn",     "weren",   "won",       "can't",      "don't",   "it's",
        "i'm",       "we're",    "they're", "you're",    "i've",       "we've",   "mine",
        "myself",    "yourself", "itself",  "ourselves", "themselves", "himself", "herself",
        "upon",      "within",   "without", "across",    "along",      "around",  "among",
        "between",   "behind",   "below",   "above",     "beyond",     "toward",  "towards",
        "against",   "per",      "via",     "etc",       "now",        "else",    "perhaps",
        "maybe",     "quite",    "rather",  "almost",    "already",    "always",  "often",
        "sometimes", "usually",  "enough",  "less",      "least",      "few",     "little",
        "first",     "last",     "next",    "new",       "old",        "good",    "great",
        "big",       "small",    "long",    "able"};
    return kWords.count(lower) > 0;
}

// SplitWords without the cache.
std::vector<Word> SegmentWords(std::string_view text) {
    std::vector<Word> words;
    const auto cuts = Boundaries(Icu().words.get(), text);
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        const std::string_view token = text.substr(cuts[k], cuts[k + 1] - cuts[k]);
        bool is_word = false;
        const WordKind kind = KindOf(token, is_word);
        if (!is_word) continue;
        // Join katakana compounds that ICU's dictionary splits (クローズド|ソース), only when the
        // two tokens touch (no space or punctuation between them).
        if (kind == WordKind::kKatakana && !words.empty() &&
            words.back().kind == WordKind::kKatakana &&
            words.back().offset + words.back().text.size() == cuts[k]) {
            words.back().text.append(token);
            continue;
        }
        // Katakana glued to Latin (オープンAI) is one name: neither half is a word of its own.
        const bool glued =
            !words.empty() && words.back().offset + words.back().text.size() == cuts[k] &&
            ((kind == WordKind::kLatin && words.back().kind == WordKind::kKatakana) ||
             (kind == WordKind::kKatakana && words.back().kind == WordKind::kLatin));
        if (glued) {
            words.back().text.append(token);
            words.back().kind = WordKind::kMixed;
            continue;
        }
        words.push_back(Word{std::string(token), cuts[k], kind});
    }
    return words;
}

}  // namespace

// ICU's dictionary segmentation is most of the question generator's time, and the generator
// segments the same text more than once (an answer's sentences for its terms, then again for its
// argument structure; the question for its words, then for its content words). A small per-thread
// cache of recent texts makes the second pass free; it is emptied when full, so memory stays
// bounded whatever the interview's size, and the result is the same as segmenting again.
std::vector<Word> SplitWords(std::string_view text) {
    constexpr std::size_t kMaxCachedTexts = 512;
    thread_local std::unordered_map<std::string, std::vector<Word>> recent;
    if (const auto found = recent.find(std::string(text)); found != recent.end()) {
        return found->second;
    }
    if (recent.size() >= kMaxCachedTexts) recent.clear();
    std::vector<Word> words = SegmentWords(text);
    recent.emplace(std::string(text), words);
    return words;
}

bool IsContentWord(const std::vector<Word>& words, std::size_t index) {
    if (index >= words.size()) return false;
    const Word& word = words[index];
    const std::size_t length = CodePointCount(word.text);
    switch (word.kind) {
        case WordKind::kKatakana:
            return length >= 3;
        case WordKind::kLatin: {
            std::size_t letters = 0, upper = 0;
            std::string lower;
            for (const char c : word.text) {
                const auto u = static_cast<unsigned char>(c);
                letters += std::isalpha(u) ? 1 : 0;
                upper += std::isupper(u) ? 1 : 0;
                lower.push_back(static_cast<char>(std::tolower(u)));
            }
            if (letters >= 2 && upper == letters) return true;  // AI, AGI, NVIDIA
            return letters >= 3 && !IsEnglishFunctionWord(lower);
        }
        case WordKind::kHan: {
            // Counted quantities (二人, 一流, 三代目, 何年) are not vocabulary to learn.
            static constexpr std::u32string_view kNumerals =
                U"一二三四五六七八九十百千万億兆数何両";
            std::size_t first_end = 0;
            if (kNumerals.find(DecodeUtf8(word.text, first_end)) != std::u32string_view::npos)
                return false;
            if (length >= 2) return !IsFunctionLikeKanji(word.text);
            if (IsFunctionLikeSingleKanji(word.text)) return false;
            // A single kanji is a noun only when it stands alone: not glued to other kanji (a
            // piece of a compound ICU split), and followed by a particle rather than okurigana.
            const auto touches = [&](std::size_t other) {
                const Word& w = words[other];
                return other < index ? w.offset + w.text.size() == word.offset
                                     : word.offset + word.text.size() == w.offset;
            };
            if (index > 0 && words[index - 1].kind == WordKind::kHan && touches(index - 1))
                return false;
            if (index + 1 >= words.size() || !touches(index + 1)) return true;
            const Word& next = words[index + 1];
            if (next.kind == WordKind::kHan) return false;
            return next.kind == WordKind::kHiragana && IsParticle(next.text);
        }
        default:
            return false;
    }
}

std::vector<Word> ContentWords(std::string_view text) {
    const auto words = SplitWords(text);
    std::vector<Word> content;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (IsContentWord(words, i)) content.push_back(words[i]);
    }
    return content;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Folding and grapheme units
//-------------------------------------------------------------------------------------------------

namespace {

bool IsDashLike(char32_t cp) {
    return cp == 0x2212 || cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2014 ||
           cp == 0x2015 || cp == '-' || cp == 0xFF0D || cp == 0xFF70 || cp == 0x2500;
}

std::string NfkcCasefold(std::string_view text) {
    const icu::Normalizer2* normaliser = Icu().nfkc_casefold;
    if (!normaliser) return std::string(text);
    UErrorCode status = U_ZERO_ERROR;
    // Well-formed UTF-8 (all of an interview's text) is normalised as UTF-8, without the round
    // trip through UTF-16 (the generator folds every sentence, term and word); the round trip
    // stays for ill-formed input, where it reads each bad byte as U+FFFD.
    if (FirstInvalidUtf8(text) == std::string_view::npos) {
        std::string out;
        out.reserve(text.size());
        icu::StringByteSink<std::string> sink(&out);
        normaliser->normalizeUTF8(0,
                                  icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                                  sink, nullptr, status);
        if (U_SUCCESS(status)) return out;
        status = U_ZERO_ERROR;
    }
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    const icu::UnicodeString folded = normaliser->normalize(source, status);
    if (U_FAILURE(status)) return std::string(text);
    std::string out;
    folded.toUTF8String(out);
    return out;
}

// Appends the folded form of already NFKC-case-folded `text` to `out`: white space and punctuation
// dropped, dashes after kana read as ー, katakana as hiragana. `after_kana` carries context.
void FilterFolded(std::string_view text, std::string& out, bool& after_kana) {
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = DecodeUtf8(text, i);
        // Hiragana, common kanji and ASCII letters and digits are letters: kept as they are
        // (most of a Japanese text; the checks below would keep them too).
        if ((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
            detail::IsAsciiAlnum(cp)) {
            after_kana = cp <= 0x3096 && cp >= 0x3041;
            AppendUtf8(out, cp);
            continue;
        }
        const auto category = U_GET_GC_MASK(static_cast<UChar32>(cp));
        if (IsDashLike(cp) && after_kana) {
            cp = 0x30FC;
        } else if (u_isUWhiteSpace(static_cast<UChar32>(cp)) || (category & U_GC_P_MASK) ||
                   (category & U_GC_Z_MASK) || (category & U_GC_CC_MASK) ||
                   (category & U_GC_CF_MASK)) {
            continue;
        }
        if (cp >= 0x30A1 && cp <= 0x30F6) cp -= 0x60;  // katakana → hiragana
        if (cp == 0x30FD || cp == 0x30FE) cp -= 0x60;  // ヽヾ → ゝゞ
        after_kana = detail::IsKana(cp);
        AppendUtf8(out, cp);
    }
}

struct Unit {
    std::string display;          // the original grapheme cluster
    std::string key;              // its folded form
    bool protected_edit = false;  // contains a kanji or a digit: never a typo
};

// Typed answers are short; longer ones are still compared, but without an edit script (the
// backtrace table is quadratic in memory).
constexpr std::size_t kMaxAlignedClusters = 256;
// Beyond this many cells Grade() reports the longer length as the distance instead of computing it.
constexpr std::size_t kMaxDistanceCells = std::size_t{1} << 24;

std::vector<Unit> Units(std::string_view text) {
    std::vector<Unit> units;
    const auto cuts = Boundaries(Icu().characters.get(), text);
    bool after_kana = false;
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        const std::string_view cluster = text.substr(cuts[k], cuts[k + 1] - cuts[k]);
        Unit unit;
        FilterFolded(NfkcCasefold(cluster), unit.key, after_kana);
        if (unit.key.empty()) continue;
        unit.display = std::string(cluster);
        for (std::size_t i = 0; i < unit.key.size();) {
            const char32_t cp = DecodeUtf8(unit.key, i);
            if (detail::IsHan(cp) || detail::IsDigit(cp)) unit.protected_edit = true;
        }
        units.push_back(std::move(unit));
    }
    return units;
}

}  // namespace

std::string Fold(std::string_view text) {
    std::string out;
    bool after_kana = false;
    FilterFolded(NfkcCasefold(text), out, after_kana);
    return out;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Distance and grading
//-------------------------------------------------------------------------------------------------

namespace {

enum class Step { kNone, kSame, kSubstitute, kDelete, kInsert, kTranspose };

struct Alignment {
    std::size_t distance = 0;
    bool touches_protected = false;
    std::vector<DiffPart> diff;
};

// OSA distance from `expected` to `typed` with one optimal edit script.
Alignment Align(const std::vector<Unit>& expected, const std::vector<Unit>& typed) {
    const std::size_t n = expected.size(), m = typed.size();
    const std::size_t width = m + 1;
    std::vector<std::size_t> cost((n + 1) * width);
    std::vector<Step> step((n + 1) * width, Step::kNone);
    const auto at = [&](std::size_t i, std::size_t j) { return i * width + j; };
    for (std::size_t i = 0; i <= n; ++i) {
        cost[at(i, 0)] = i;
        if (i) step[at(i, 0)] = Step::kDelete;
    }
    for (std::size_t j = 0; j <= m; ++j) {
        cost[at(0, j)] = j;
        if (j) step[at(0, j)] = Step::kInsert;
    }
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const bool same = expected[i - 1].key == typed[j - 1].key;
            std::size_t best = cost[at(i - 1, j - 1)] + (same ? 0 : 1);
            Step how = same ? Step::kSame : Step::kSubstitute;
            if (cost[at(i - 1, j)] + 1 < best) {
                best = cost[at(i - 1, j)] + 1;
                how = Step::kDelete;
            }
            if (cost[at(i, j - 1)] + 1 < best) {
                best = cost[at(i, j - 1)] + 1;
                how = Step::kInsert;
            }
            if (i > 1 && j > 1 && expected[i - 1].key == typed[j - 2].key &&
                expected[i - 2].key == typed[j - 1].key && cost[at(i - 2, j - 2)] + 1 < best) {
                best = cost[at(i - 2, j - 2)] + 1;
                how = Step::kTranspose;
            }
            cost[at(i, j)] = best;
            step[at(i, j)] = how;
        }
    }
    Alignment result;
    result.distance = cost[at(n, m)];
    std::vector<DiffPart> reversed;
    const auto add = [&](DiffOp op, const std::string& e, const std::string& t) {
        if (!reversed.empty() && reversed.back().op == op) {
            reversed.back().expected.insert(0, e);
            reversed.back().typed.insert(0, t);
        } else {
            reversed.push_back(DiffPart{op, e, t});
        }
    };
    std::size_t i = n, j = m;
    while (i > 0 || j > 0) {
        switch (step[at(i, j)]) {
            case Step::kSame:
                add(DiffOp::kSame, expected[i - 1].display, typed[j - 1].display);
                --i, --j;
                break;
            case Step::kSubstitute:
                result.touches_protected |=
                    expected[i - 1].protected_edit || typed[j - 1].protected_edit;
                add(DiffOp::kChanged, expected[i - 1].display, typed[j - 1].display);
                --i, --j;
                break;
            case Step::kDelete:
                result.touches_protected |= expected[i - 1].protected_edit;
                add(DiffOp::kMissing, expected[i - 1].display, "");
                --i;
                break;
            case Step::kInsert:
                result.touches_protected |= typed[j - 1].protected_edit;
                add(DiffOp::kExtra, "", typed[j - 1].display);
                --j;
                break;
            case Step::kTranspose:
                result.touches_protected |=
                    expected[i - 1].protected_edit || expected[i - 2].protected_edit;
                add(DiffOp::kChanged, expected[i - 2].display + expected[i - 1].display,
                    typed[j - 2].display + typed[j - 1].display);
                i -= 2, j -= 2;
                break;
            case Step::kNone:
                i = 0, j = 0;
                break;
        }
    }
    result.diff.assign(reversed.rbegin(), reversed.rend());
    return result;
}

// OSA distance with three rolling rows: quadratic time, linear memory, no edit script.
std::size_t Distance(const std::vector<Unit>& a, const std::vector<Unit>& b) {
    const std::size_t m = b.size();
    std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
    for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const bool same = a[i - 1].key == b[j - 1].key;
            current[j] =
                std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1].key == b[j - 2].key && a[i - 2].key == b[j - 1].key) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[m];
}

bool Alignable(const std::vector<Unit>& a, const std::vector<Unit>& b) {
    return a.size() <= kMaxAlignedClusters && b.size() <= kMaxAlignedClusters;
}

}  // namespace

std::size_t GraphemeDistance(std::string_view a, std::string_view b) {
    return Distance(Units(a), Units(b));
}

std::size_t TypoTolerance(std::size_t clusters) {
    if (clusters <= 3) return 0;
    if (clusters <= 7) return 1;
    return 2;
}

GradeResult Grade(std::string_view expected, std::string_view typed,
                  const std::vector<std::string>& accepted) {
    GradeResult result;
    result.matched = std::string(expected);
    const std::string typed_fold = Fold(typed);
    std::vector<std::string_view> candidates = {expected};
    for (const auto& a : accepted) candidates.push_back(a);
    const auto typed_units = Units(typed);
    bool have_best = false;
    for (const auto candidate : candidates) {
        const std::string fold = Fold(candidate);
        if (fold.empty()) continue;
        const auto units = Units(candidate);
        if (!typed_fold.empty() && fold == typed_fold) {
            result.verdict = GradeVerdict::kExact;
            result.matched = std::string(candidate);
            result.distance = 0;
            if (Alignable(units, typed_units)) {
                result.diff = Align(units, typed_units).diff;
            } else {
                result.diff = {DiffPart{DiffOp::kSame, std::string(candidate), std::string(typed)}};
            }
            return result;
        }
        Alignment alignment;
        if (Alignable(units, typed_units)) {
            alignment = Align(units, typed_units);
        } else {
            // Too long to be a typo of a short answer: wrong, with the distance but no script.
            const bool huge = units.size() * typed_units.size() > kMaxDistanceCells;
            alignment.distance =
                huge ? std::max(units.size(), typed_units.size()) : Distance(units, typed_units);
            alignment.touches_protected = true;
            alignment.diff = {
                DiffPart{DiffOp::kChanged, std::string(candidate), std::string(typed)}};
        }
        const bool typo = !typed_fold.empty() &&
                          alignment.distance <= TypoTolerance(units.size()) &&
                          !alignment.touches_protected;
        const bool better = !have_best || (typo && result.verdict != GradeVerdict::kTypo) ||
                            (typo == (result.verdict == GradeVerdict::kTypo) &&
                             alignment.distance < result.distance);
        if (better) {
            have_best = true;
            result.verdict = typo ? GradeVerdict::kTypo : GradeVerdict::kWrong;
            result.matched = std::string(candidate);
            result.distance = alignment.distance;
            result.diff = std::move(alignment.diff);
        }
    }
    return result;
}

}  // namespace mondo::content
