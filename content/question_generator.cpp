// Question generation: Interview → Questions of seven kinds.
//
// [SECTION] Kind names
// [SECTION] Analysis of each exchange (sentences, terms and their scores)
// [SECTION] Ids and seeded shuffles
// [SECTION] Distractors (plausible, from neighbouring exchanges)
// [SECTION] The seven kinds
// [SECTION] GenerateQuestions
//
// Stability: ids hash only the text a question is made from; what decides *which* questions an
// exchange gets reads that exchange (sentences, terms, roles), and the number of answers a term
// appears in (a topic word is a poor blank), so editing one exchange rarely changes which questions
// another keeps, and never the id of one it keeps. Every candidate is scored from named features
// and only the best per exchange and kind are kept (GenerateCandidates keeps the rejected ones
// with the rule or rank that rejected them, for `mondo questions --explain`). Distractors come
// from other exchanges but do not enter ids. Distractors are drawn from a bounded window of
// neighbouring exchanges, so generation stays linear in the size of the interview.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "content/arguments.h"
#include "content/courtesy.h"
#include "content/japanese_text.h"
#include "content/question.h"
#include "content/unicode.h"

namespace mondo::content {

//-------------------------------------------------------------------------------------------------
// [SECTION] Kind names
//-------------------------------------------------------------------------------------------------

std::string_view KindName(QuestionKind kind) {
    switch (kind) {
        case QuestionKind::kRecall:
            return "recall";
        case QuestionKind::kWhichQuestion:
            return "which_question";
        case QuestionKind::kChoice:
            return "choice";
        case QuestionKind::kCloze:
            return "cloze";
        case QuestionKind::kTrueFalse:
            return "true_false";
        case QuestionKind::kOrder:
            return "order";
        case QuestionKind::kProfile:
            return "profile";
    }
    return "recall";
}

std::optional<QuestionKind> KindFromName(std::string_view name) {
    for (const QuestionKind kind : kAllQuestionKinds) {
        if (KindName(kind) == name) return kind;
    }
    return std::nullopt;
}

bool IsSelfGraded(QuestionKind kind) { return kind == QuestionKind::kRecall; }

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Analysis of each exchange
//-------------------------------------------------------------------------------------------------

// Sentences outside this length (in code points) make poor claims, choices or excerpts.
constexpr std::size_t kMinClaimLength = 12;
constexpr std::size_t kMaxClaimLength = 120;
constexpr std::size_t kMaxClozePerExchange = 4;
constexpr double kMinClozeScore = 2.0;
constexpr std::size_t kMaxOrderGroup = 5;
constexpr std::size_t kMinOrderGroup = 3;
// Exchanges on each side a distractor may come from (besides the same section).
constexpr int kDistractorWindow = 8;
// How far from an exchange its generation reads other exchanges' analyses: the window, and the
// same section up to four windows away (Generator::Neighbours).
constexpr std::size_t kNeighbourReach = 4 * kDistractorWindow;
// A whole-answer recall longer than this is split into argument steps.
constexpr std::size_t kMaxRecallSentences = 6;
constexpr std::size_t kMaxSectionPoints = 3;

// The hash the fold sets below are keyed by.
std::size_t FoldHash(std::string_view fold) { return std::hash<std::string_view>{}(fold); }

// What comes right after a term, sorted and without repeats: a handful of characters, so a small
// vector (a std::set costs a node per character, and every exchange's terms are held at once).
class Followers {
  public:
    void Add(char32_t c) {
        const auto at = std::lower_bound(chars_.begin(), chars_.end(), c);
        if (at == chars_.end() || *at != c) chars_.insert(at, c);
    }
    bool Contains(char32_t c) const { return std::binary_search(chars_.begin(), chars_.end(), c); }
    auto begin() const { return chars_.begin(); }
    auto end() const { return chars_.end(); }

  private:
    std::vector<char32_t> chars_;
};

// A set of folded strings that live elsewhere (the terms' and sentences' own folds, or
// ExchangeInfo::question_term_texts): their hashes sorted beside views of them. The analyses of
// every exchange are held at once, so this replaces hash sets that copied each string into a node
// of its own; lookups compare the hash first and the text only on equal hashes (always exact).
class FoldSet {
  public:
    struct Entry {
        std::size_t hash = 0;
        std::string_view fold;
    };
    void Add(std::string_view fold) { entries_.push_back(Entry{FoldHash(fold), fold}); }
    // Sorts and drops repeats; call once every fold is added, before any lookup.
    void Seal() {
        std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
            return a.hash != b.hash ? a.hash < b.hash : a.fold < b.fold;
        });
        entries_.erase(std::unique(entries_.begin(), entries_.end(),
                                   [](const Entry& a, const Entry& b) {
                                       return a.hash == b.hash && a.fold == b.fold;
                                   }),
                       entries_.end());
        entries_.shrink_to_fit();
    }
    // 1 when `fold` (whose FoldHash is `hash`) is in the set, else 0.
    std::size_t Count(std::size_t hash, std::string_view fold) const {
        auto at = std::lower_bound(entries_.begin(), entries_.end(), hash,
                                   [](const Entry& e, std::size_t h) { return e.hash < h; });
        for (; at != entries_.end() && at->hash == hash; ++at) {
            if (at->fold == fold) return 1;
        }
        return 0;
    }
    std::size_t Count(const Entry& entry) const { return Count(entry.hash, entry.fold); }
    std::size_t Count(std::string_view fold) const { return Count(FoldHash(fold), fold); }
    auto begin() const { return entries_.begin(); }
    auto end() const { return entries_.end(); }

  private:
    std::vector<Entry> entries_;
};

struct Term {
    std::string text;
    std::string fold;
    std::size_t fold_hash = 0;  // FoldHash(fold)
    WordKind kind = WordKind::kMixed;
    std::size_t length = 0;  // code points
    double score = 0.0;
    bool quoted = false;
    std::vector<std::string> accept;
    std::vector<std::size_t> sentences;  // indices of the sentences that contain it
    Followers followers;                 // what comes right after it (a particle, 省, の…)
    bool name = false;                   // a name with a recovered reading
    bool in_question = false;            // the interviewer's question uses it too
    // Sentences where it stands as a whole word: a kanji word not glued to more kanji (優位 in
    // 優位性 or 技術 in 技術動向 is half a compound; blanking or swapping it there reads wrong).
    std::vector<std::size_t> whole_in;
    // English: what the word is where it first stands as a noun, a number or an adjective (a
    // cloze target and its distractors share it); kOther when it never does.
    int english_class = 0;
};

struct SentenceInfo {
    std::string text;
    std::string fold;
    std::size_t fold_hash = 0;  // FoldHash(fold)
    std::size_t length = 0;
    std::vector<std::size_t> terms;  // indices into ExchangeInfo::terms
    bool claim = false;              // usable as a claim, a choice or an excerpt
    std::size_t content_words = 0;
    // The core claim with one content word: asked about, but too thin to stand as another
    // answer's distractor.
    bool core_claim = false;
    ArgumentRole role = ArgumentRole::kClaim;
    std::string marker_opens;  // the discourse marker the sentence opens with, as written
    bool courtesy = false;     // a greeting or thanks: never asked
    bool core = false;
    bool refers_back = false;
    std::optional<Contrast> contrast;
};

// The fold sets view strings inside the info itself (in its vectors' heap blocks, which a move
// keeps): it may be moved, never copied.
struct ExchangeInfo {
    ExchangeInfo() = default;
    ExchangeInfo(const ExchangeInfo&) = delete;
    ExchangeInfo& operator=(const ExchangeInfo&) = delete;
    ExchangeInfo(ExchangeInfo&&) = default;
    ExchangeInfo& operator=(ExchangeInfo&&) = default;
    ~ExchangeInfo() = default;

    const Exchange* exchange = nullptr;
    std::string question_fold;
    std::size_t question_length = 0;  // code points of the question
    std::string answer_fold;
    bool english = false;
    bool asks_why = false;  // the question asks why (Generator::AsksWhy), read per key sentence
    std::vector<SentenceInfo> sentences;
    std::vector<Term> terms;                       // sorted by score, best first
    FoldSet term_folds;                            // of the terms scoring 1 or more
    FoldSet sentence_folds;                        // of every sentence of the answer
    std::vector<std::string> question_term_texts;  // folds of the question's content words
    FoldSet question_terms;                        // views of question_term_texts
};

double KindScore(WordKind kind, std::size_t length) {
    switch (kind) {
        case WordKind::kKatakana:
            return length >= 5 ? 3.0 : 2.0;
        case WordKind::kLatin:
            return 2.0;
        case WordKind::kHan:
            return length >= 3 ? 2.0 : 1.0;
        default:
            return 0.0;
    }
}

// The recovered readings by base, found in text by looking up every short kanji run: linear in
// the text, however many readings the interview has.
class RubyIndex {
  public:
    explicit RubyIndex(const std::vector<Ruby>& ruby) {
        for (const auto& r : ruby) {
            auto& readings = readings_[r.base];
            if (std::find(readings.begin(), readings.end(), r.reading) == readings.end()) {
                readings.push_back(r.reading);
            }
        }
    }

    struct Hit {
        std::size_t offset = 0;
        const std::string* base = nullptr;
    };

    // Every recovered base that occurs in `text`, in order (the longest at each position).
    std::vector<Hit> Find(std::string_view text) const {
        std::vector<Hit> hits;
        if (readings_.empty()) return hits;
        for (std::size_t i = 0; i < text.size();) {
            std::size_t end = i;
            const Hit* found = nullptr;
            Hit hit;
            for (std::size_t length = 0; length < kMaxBaseLength && end < text.size(); ++length) {
                std::size_t next = end;
                if (!detail::IsHan(DecodeUtf8(text, next))) break;
                end = next;
                const auto it = readings_.find(std::string(text.substr(i, end - i)));
                if (it != readings_.end()) {
                    hit = Hit{i, &it->first};
                    found = &hit;
                }
            }
            if (found) {
                hits.push_back(hit);
                i += hit.base->size();
            } else {
                DecodeUtf8(text, i);
            }
        }
        return hits;
    }

    const std::vector<std::string>* Readings(const std::string& base) const {
        const auto it = readings_.find(base);
        return it == readings_.end() ? nullptr : &it->second;
    }

  private:
    static constexpr std::size_t kMaxBaseLength = 6;
    std::unordered_map<std::string, std::vector<std::string>> readings_;
};

bool QuotedAt(std::string_view sentence, std::size_t offset, std::size_t length) {
    static constexpr std::pair<std::string_view, std::string_view> kQuotes[] = {
        {"「", "」"}, {"『", "』"}, {"“", "”"}, {"\"", "\""}};
    for (const auto& [open, close] : kQuotes) {
        if (offset >= open.size() && sentence.substr(offset - open.size(), open.size()) == open &&
            sentence.substr(offset + length, close.size()) == close) {
            return true;
        }
    }
    return false;
}

// English word classes a cloze may blank, read from the word's neighbours (no dictionary): a
// blank must stand where a content noun, a number or an adjective stands, never an ordinary verb.
enum EnglishClass {
    kEnglishOther = 0,
    kEnglishNoun,
    kEnglishName,
    kEnglishNumber,
    kEnglishAdjective
};

std::string LowerAscii(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool EndsWith(std::string_view text, std::string_view tail) {
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// The class of `word` at byte `at` of the English `sentence`.
int EnglishClassAt(std::string_view sentence, std::size_t at, std::string_view word) {
    static const std::set<std::string_view> kNumbers = {
        "one",   "two",     "three",    "four",    "five",    "six",    "seven",  "eight",
        "nine",  "ten",     "eleven",   "twelve",  "fifteen", "twenty", "thirty", "forty",
        "fifty", "hundred", "thousand", "million", "billion", "half",   "dozen",  "twice"};
    static const std::set<std::string_view> kDeterminers = {
        "a",   "an",   "the",  "some", "my",    "our",     "their", "his",     "her",
        "its", "your", "this", "that", "these", "those",   "no",    "every",   "each",
        "any", "more", "most", "many", "few",   "several", "other", "another", "whole"};
    static const std::set<std::string_view> kPrepositions = {
        "of",   "in",    "on",    "at",      "for",     "with",    "from", "by",
        "into", "about", "than",  "between", "without", "through", "like", "per",
        "over", "under", "after", "before",  "around",  "against"};
    static const std::set<std::string_view> kLinking = {
        "is",      "are",   "was",   "were",   "be",     "been",  "being",  "very",   "so",
        "too",     "seem",  "seems", "seemed", "looked", "looks", "become", "became", "remain",
        "remains", "still", "quite", "really", "less",   "more",  "most"};
    // The words of the sentence (letters, digits, apostrophes, hyphens) and their offsets.
    std::vector<std::pair<std::size_t, std::string>> words;
    for (std::size_t i = 0; i < sentence.size();) {
        const auto alnum = [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '\'' || c == '-';
        };
        if (!alnum(sentence[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < sentence.size() && alnum(sentence[end])) ++end;
        words.push_back({i, std::string(sentence.substr(i, end - i))});
        i = end;
    }
    std::size_t index = words.size();
    for (std::size_t w = 0; w < words.size(); ++w) {
        if (words[w].first == at) index = w;
    }
    if (index == words.size()) return kEnglishOther;
    const std::string lower = LowerAscii(word);
    if (kNumbers.count(lower) || std::isdigit(static_cast<unsigned char>(word[0])))
        return kEnglishNumber;
    // Punctuation between a word and the one before cuts their link ("Planners see mess; I see").
    const auto linked_before = [&](std::size_t w) {
        if (w == 0) return false;
        const std::size_t gap = words[w - 1].first + words[w - 1].second.size();
        for (std::size_t i = gap; i < words[w].first; ++i) {
            if (sentence[i] != ' ') return false;
        }
        return true;
    };
    const std::string before = linked_before(index) ? LowerAscii(words[index - 1].second) : "";
    if (std::isupper(static_cast<unsigned char>(word[0])) && index > 0) return kEnglishName;
    if (EndsWith(lower, "ly") || EndsWith(lower, "ing")) return kEnglishOther;
    const bool adjective_shape =
        EndsWith(lower, "able") || EndsWith(lower, "ible") || EndsWith(lower, "ous") ||
        EndsWith(lower, "ful") || EndsWith(lower, "ive") || EndsWith(lower, "less") ||
        EndsWith(lower, "ic") || EndsWith(lower, "ical") || EndsWith(lower, "ent") ||
        EndsWith(lower, "ant") || EndsWith(lower, "ary") || EndsWith(lower, "al");
    if (kLinking.count(before) && adjective_shape) return kEnglishAdjective;
    // After a determiner, a preposition or a number, possibly with an adjective between.
    const auto opens_phrase = [&](const std::string& w) {
        return kDeterminers.count(w) || kPrepositions.count(w) || kNumbers.count(w);
    };
    // A word ending in -ed is a verb or a participle here, not a content noun ("The city added").
    if (EndsWith(lower, "ed") && !kLinking.count(before) && !opens_phrase(before))
        return kEnglishOther;
    if (opens_phrase(before)) {
        // "a vacant lot": the word before a noun is its adjective, not the noun.
        const std::size_t next = index + 1;
        const bool noun_follows = next < words.size() && linked_before(next) &&
                                  !opens_phrase(LowerAscii(words[next].second)) &&
                                  (adjective_shape || EndsWith(lower, "ed"));
        return noun_follows ? kEnglishAdjective : kEnglishNoun;
    }
    if (index >= 2 && linked_before(index - 1) &&
        opens_phrase(LowerAscii(words[index - 2].second))) {
        const std::string middle = LowerAscii(words[index - 1].second);
        const bool middle_adjective = EndsWith(middle, "able") || EndsWith(middle, "ous") ||
                                      EndsWith(middle, "ful") || EndsWith(middle, "ive") ||
                                      EndsWith(middle, "al") || EndsWith(middle, "ed") ||
                                      EndsWith(middle, "ic") || EndsWith(middle, "ant") ||
                                      EndsWith(middle, "ent") || kNumbers.count(middle);
        if (middle_adjective) return kEnglishNoun;
    }
    return kEnglishOther;
}

// Whether the English word at byte `at` ends its phrase: punctuation, the end of the sentence or
// a function word follows ("the roof for", "a park."), not another content word ("a tide table",
// where "tide" only modifies). Distractors are taken only from such heads, whose class is surest.
bool EnglishPhraseHead(std::string_view sentence, std::size_t at, std::string_view word) {
    static const std::set<std::string_view> kFunctionWords = {
        "of",    "in",      "on",  "at",   "for", "with", "from", "by",     "to",    "into",
        "about", "than",    "and", "or",   "but", "so",   "that", "which",  "who",   "when",
        "where", "because", "if",  "is",   "are", "was",  "were", "will",   "can",   "would",
        "could", "should",  "has", "have", "had", "like", "as",   "the",    "a",     "an",
        "it",    "they",    "we",  "i",    "you", "he",   "she",  "before", "after", "without"};
    std::size_t i = at + word.size();
    if (i >= sentence.size() || sentence[i] != ' ') return true;
    while (i < sentence.size() && sentence[i] == ' ') ++i;
    std::size_t end = i;
    while (end < sentence.size() && std::isalpha(static_cast<unsigned char>(sentence[end]))) ++end;
    if (end == i) return true;
    return kFunctionWords.count(LowerAscii(sentence.substr(i, end - i))) > 0;
}

// Whether an answer of `sentences` sentences is tested whole by two kinds — a recall of the whole
// answer and one order item — so its core claim is covered without a question of its own.
bool CoveredWhole(std::size_t sentences) {
    return sentences <= kMaxRecallSentences && sentences >= kMinOrderGroup &&
           sentences <= kMaxOrderGroup;
}

ExchangeInfo Analyse(const Exchange& exchange, const RubyIndex& ruby) {
    ExchangeInfo info;
    info.exchange = &exchange;
    info.question_fold = Fold(exchange.question);
    info.question_length = CodePointCount(exchange.question);
    info.english = IsMostlyLatin(exchange.answer);
    info.answer_fold = Fold(exchange.answer);
    // Every word of the question (not only content words) and the names in it.
    std::unordered_set<std::string> question_words;
    for (const auto& word : SplitWords(exchange.question)) question_words.insert(Fold(word.text));
    for (const auto& hit : ruby.Find(exchange.question)) question_words.insert(Fold(*hit.base));
    std::map<std::string, std::size_t> by_fold;  // term fold → index in info.terms
    std::vector<std::size_t> occurrences;        // per term, in the answer
    const auto add_term = [&](const std::string& text, WordKind kind, std::size_t sentence,
                              std::size_t offset) {
        std::string fold = Fold(text);
        if (fold.empty()) return;
        auto [it, inserted] = by_fold.try_emplace(fold, info.terms.size());
        if (inserted) {
            Term term;
            term.text = text;
            term.fold = std::move(fold);
            term.fold_hash = FoldHash(term.fold);
            term.kind = kind;
            term.length = CodePointCount(text);
            info.terms.push_back(std::move(term));
            occurrences.push_back(0);
        }
        Term& term = info.terms[it->second];
        ++occurrences[it->second];
        if (term.sentences.empty() || term.sentences.back() != sentence)
            term.sentences.push_back(sentence);
        const std::string& s = info.sentences[sentence].text;
        std::size_t next = offset + text.size();
        char32_t after = 0;
        if (next < s.size()) after = DecodeUtf8(s, next);
        if (after) term.followers.Add(after);
        char32_t before = 0;
        if (offset > 0) {
            std::size_t start = offset;
            before = DecodeUtf8Before(s, start);
        }
        const bool whole =
            kind != WordKind::kHan || (!detail::IsHan(before) && !detail::IsHan(after));
        if (whole && (term.whole_in.empty() || term.whole_in.back() != sentence))
            term.whole_in.push_back(sentence);
        if (QuotedAt(s, offset, text.size())) term.quoted = true;
        if (info.english && term.english_class == kEnglishOther &&
            EnglishPhraseHead(s, offset, text))
            term.english_class = EnglishClassAt(s, offset, text);
    };
    for (auto& text : SplitSentences(exchange.answer)) {
        const std::size_t index = info.sentences.size();
        SentenceInfo sentence;
        sentence.length = CodePointCount(text);
        sentence.fold = Fold(text);
        sentence.fold_hash = FoldHash(sentence.fold);
        sentence.text = std::move(text);
        info.sentences.push_back(std::move(sentence));
        const std::string& s = info.sentences.back().text;
        if (IsCourtesy(s)) continue;  // "Thank you": no terms, no distractors from it
        const auto words = SplitWords(s);
        std::size_t content = 0;
        for (std::size_t w = 0; w < words.size(); ++w) {
            if (!IsContentWord(words, w)) continue;
            add_term(words[w].text, words[w].kind, index, words[w].offset);
            ++content;
        }
        // Names whose furigana was recovered are terms even though ICU splits them (朱|啸|虎).
        for (const auto& hit : ruby.Find(s)) add_term(*hit.base, WordKind::kHan, index, hit.offset);
        const bool question_like =
            s.find('?') != std::string::npos || s.find("？") != std::string::npos;
        std::size_t spaces = 0;
        for (const char c : s) spaces += c == ' ' ? 1 : 0;
        const bool short_english = info.english && spaces < 2;
        // The answer's core claim may carry its point in one content word ("したがって、何らかの
        // 探索は避けられません"); when no whole-answer recall and order test it, it is asked
        // about all the same (marked once AnalyseArguments() has run, below).
        info.sentences.back().content_words = content;
        info.sentences.back().claim = content >= 2 && !question_like && !short_english &&
                                      info.sentences.back().length >= kMinClaimLength &&
                                      info.sentences.back().length <= kMaxClaimLength;
    }
    for (std::size_t t = 0; t < info.terms.size(); ++t) {
        Term& term = info.terms[t];
        term.score = KindScore(term.kind, term.length);
        if (const auto* readings = ruby.Readings(term.text)) {
            term.accept = *readings;
            term.name = true;
            term.score += 4.0;
        }
        if (term.quoted) term.score += 4.0;
        if (question_words.count(term.fold)) term.score += 3.0;
        term.score += static_cast<double>(std::min<std::size_t>(occurrences[t], 3) - 1);
        term.in_question = question_words.count(term.fold) > 0;
    }
    // Best first; ties keep the order of appearance (stable sort), so the result is deterministic.
    std::vector<std::size_t> order(info.terms.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return info.terms[a].score > info.terms[b].score;
    });
    std::vector<Term> sorted;
    for (const std::size_t i : order) sorted.push_back(std::move(info.terms[i]));
    info.terms = std::move(sorted);
    for (std::size_t t = 0; t < info.terms.size(); ++t) {
        for (const std::size_t s : info.terms[t].sentences) info.sentences[s].terms.push_back(t);
        if (info.terms[t].score >= 1.0) info.term_folds.Add(info.terms[t].fold);
    }
    info.term_folds.Seal();
    for (const auto& sentence : info.sentences) info.sentence_folds.Add(sentence.fold);
    info.sentence_folds.Seal();
    ArgumentStructure arguments = AnalyseArguments(exchange.answer, exchange.question);
    if (arguments.sentences.size() == info.sentences.size()) {
        for (std::size_t s = 0; s < info.sentences.size(); ++s) {
            ArgumentSentence& a = arguments.sentences[s];
            info.sentences[s].role = a.role;
            const std::string& text = info.sentences[s].text;
            if (!a.marker.empty() && text.size() >= a.marker.size()) {
                std::string head = text.substr(0, a.marker.size());
                for (char& c : head)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                if (head == a.marker)
                    info.sentences[s].marker_opens = text.substr(0, a.marker.size());
            }
            info.sentences[s].courtesy = IsCourtesy(text);
            info.sentences[s].core = a.core;
            if (a.core && !info.sentences[s].claim && info.sentences[s].content_words == 1 &&
                !CoveredWhole(arguments.sentences.size())) {
                const SentenceInfo& c = info.sentences[s];
                const bool question_like =
                    c.text.find('?') != std::string::npos || c.text.find("？") != std::string::npos;
                info.sentences[s].core_claim = !question_like && !info.english &&
                                               c.length >= kMinClaimLength &&
                                               c.length <= kMaxClaimLength;
            }
            info.sentences[s].refers_back = a.refers_back;
            info.sentences[s].contrast = std::move(a.contrast);
        }
    }
    for (const auto& word : ContentWords(exchange.question))
        info.question_term_texts.push_back(Fold(word.text));
    for (const auto& fold : info.question_term_texts) info.question_terms.Add(fold);
    info.question_terms.Seal();
    return info;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Ids and seeded shuffles
//-------------------------------------------------------------------------------------------------

// Ids hash the source id, the kind and the text span; a repeated span (the same sentence twice)
// is numbered afterwards by IdNumbering, in generation order.
std::string MakeId(const std::string& source_id, QuestionKind kind, const std::string& span) {
    const std::string_view name = KindName(kind);
    std::uint64_t hash = detail::Fnv1a64(source_id);
    hash = detail::Fnv1a64("\x1f", hash);
    hash = detail::Fnv1a64(name, hash);
    hash = detail::Fnv1a64("\x1f", hash);
    hash = detail::Fnv1a64(span, hash);
    return source_id + "-" + std::string(name) + "-" + detail::Hex64(hash);
}

// SplitMix64: a tiny, well-mixed generator; seeded from an id, it makes shuffles reproducible.
class SeededRandom {
  public:
    explicit SeededRandom(std::string_view seed) : state_(detail::Fnv1a64(seed)) {}
    std::uint64_t Next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }

  private:
    std::uint64_t state_;
};

template <typename T>
void Shuffle(std::vector<T>& items, std::string_view seed) {
    SeededRandom random(seed);
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[random.Below(i)]);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Distractors
//-------------------------------------------------------------------------------------------------

class Generator {
  public:
    // The kind of actor a term names, or none: a country (a kanji word ending in 国: 中国, 米国,
    // or a common country name) or an organisation or product named in Latin letters (DeepSeek,
    // NVIDIA; not titles and acronyms such as CEO or AI). Only these are swapped: one country for
    // another, one company for another.
    enum class ActorClass { kNone, kCountry, kLatinName };

    // The actor's own copy of its term's text and fold (not a pointer into the analysis that
    // named it first: analyses are freed as generation moves on, the actors are read to the end).
    struct Actor {
        std::string text;
        std::string fold;
        ActorClass kind = ActorClass::kNone;
    };

    // What every exchange's questions read and none writes: each exchange analysed, how many
    // answers use each term, and the actors. Built once (the analyses in parallel on big
    // interviews); the generators of several exchange ranges then share it read-only.
    struct Shared {
        explicit Shared(const Interview& interview) : ruby(interview.ruby) {}
        RubyIndex ruby;
        std::vector<ExchangeInfo> infos;
        std::unordered_map<std::string, std::size_t> document_frequency;  // term fold → answers
        std::vector<Actor> actors;
        std::unordered_map<std::string, std::size_t> actor_index;  // term fold → index in actors
        std::vector<std::vector<std::size_t>> actors_in;  // per exchange: its actors (indices)
    };

    // Analyses every exchange of `interview` on `threads` threads (each exchange is analysed
    // alone, so the result does not depend on the number of threads).
    static void AnalyseAll(const Interview& interview, Shared& shared, std::size_t threads) {
        const std::size_t n = interview.exchanges.size();
        shared.infos.resize(n);
        ForEachChunk(n, threads, [&](std::size_t begin, std::size_t end) {
            for (std::size_t e = begin; e < end; ++e) {
                shared.infos[e] = Analyse(interview.exchanges[e], shared.ruby);
                shared.infos[e].asks_why = AsksWhy(interview.exchanges[e].question);
            }
        });
        for (const auto& info : shared.infos) {
            for (const auto& term : info.terms) ++shared.document_frequency[term.fold];
        }
        FindActors(shared);
    }

    Generator(const Interview& interview, const Shared& shared)
        : interview_(interview),
          ruby_(shared.ruby),
          infos_(shared.infos),
          document_frequency_(shared.document_frequency),
          actors_(shared.actors),
          actor_index_(shared.actor_index),
          actors_in_(shared.actors_in) {
        key_sentence_.assign(infos_.size(), std::string::npos);
    }

    // The candidates of exchanges [begin, end), in order, appended to `out`: every candidate
    // (std::vector<QuestionCandidate>) or only the kept questions (std::vector<Question>, what
    // GenerateQuestions needs: each exchange's other candidates are dropped once it is done, so
    // memory stays that of the kept questions, not of every candidate considered).
    template <typename Out>
    void RunExchanges(std::size_t begin, std::size_t end, Out& out) {
        only_kept_ = std::is_same_v<Out, std::vector<Question>>;
        for (std::size_t e = begin; e < end; ++e) {
            if (infos_[e].exchange->courtesy) continue;  // greetings and thanks: read, not asked
            Recall(e);
            Choice(e);
            WhichQuestion(e);
            Cloze(e);
            TrueFalse(e);
            Order(e);
            MoveTo(out);
        }
    }

    // The section themes and the profile questions (after every exchange's).
    template <typename Out>
    void RunSectionsAndProfile(Out& out) {
        Sections();
        Profile();
        MoveTo(out);
    }

    // Runs `work(begin, end)` over [0, n) cut into contiguous chunks, on up to `threads` threads
    // (the calling one included); returns when all are done.
    template <typename Work>
    static void ForEachChunk(std::size_t n, std::size_t threads, const Work& work) {
        if (threads <= 1 || n < 2) {
            work(0, n);
            return;
        }
        // More chunks than threads, taken in turn, so that a thread with slow exchanges does not
        // leave the other idle at the end.
        const std::size_t chunks = std::min(n, threads * 8);
        std::atomic<std::size_t> next{0};
        const auto loop = [&] {
            for (std::size_t c = next++; c < chunks; c = next++)
                work(n * c / chunks, n * (c + 1) / chunks);
        };
        std::vector<std::thread> helpers;
        for (std::size_t t = 1; t < threads; ++t) {
            // Without another thread (the system refuses one) the calling thread does it all:
            // generation never throws.
            try {
                helpers.emplace_back(loop);
            } catch (const std::system_error&) {
                break;
            }
        }
        loop();
        for (auto& helper : helpers) helper.join();
    }

  private:
    // Exchanges a distractor may come from: the same section, and a window around `e`.
    std::vector<std::size_t> Neighbours(std::size_t e) const {
        std::vector<std::size_t> out;
        const int n = static_cast<int>(infos_.size());
        const int section = infos_[e].exchange->section;
        const int self = static_cast<int>(e);
        for (int k = std::max(0, self - kDistractorWindow);
             k < std::min(n, self + kDistractorWindow + 1); ++k) {
            if (k != self) out.push_back(static_cast<std::size_t>(k));
        }
        if (section != 0) {
            // Same section beyond the window (bounded: sections are scanned outward only as far as
            // they extend, and each exchange belongs to one section).
            const int reach = static_cast<int>(kNeighbourReach);
            for (int k = self - kDistractorWindow - 1;
                 k >= 0 && self - k <= reach &&
                 infos_[static_cast<std::size_t>(k)].exchange->section == section;
                 --k) {
                out.push_back(static_cast<std::size_t>(k));
            }
            for (int k = self + kDistractorWindow + 1;
                 k < n && k - self <= reach &&
                 infos_[static_cast<std::size_t>(k)].exchange->section == section;
                 ++k) {
                out.push_back(static_cast<std::size_t>(k));
            }
        }
        return out;
    }

    // How many of `a`'s terms `b`'s question uses.
    static std::size_t SharedQuestionTerms(const ExchangeInfo& a, const ExchangeInfo& b) {
        std::size_t shared = 0;
        for (const auto& fold : b.question_terms) shared += a.term_folds.Count(fold);
        return shared;
    }

    // Points into the ExchangeInfos, which outlive every candidate list.
    struct Candidate {
        double plausibility = 0.0;
        const std::string* text = nullptr;
        const std::string* fold = nullptr;
        // What breaks a tie of plausibility: the fold hashed with `seed` (the question id's
        // hash). Hashed at the first tie only (most candidates never meet one); the sort reads
        // the same values as if every one were hashed up front, so it orders them the same.
        void SeedTie(std::uint64_t seed) {
            tie_seed_ = seed;
            tie_.reset();
        }
        std::uint64_t Tie() const {
            if (!tie_) tie_ = detail::Fnv1a64(*fold, tie_seed_);
            return *tie_;
        }

      private:
        std::uint64_t tie_seed_ = 0;
        mutable std::optional<std::uint64_t> tie_;
    };

    // Picks up to `count` distinct candidates, most plausible first, ties broken by `id`.
    static std::vector<std::string> PickDistinct(
        std::vector<Candidate> candidates, std::size_t count,
        const std::set<std::string>& excluded_folds,
        const std::function<bool(const std::string&)>& acceptable = nullptr) {
        std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
            if (a.plausibility != b.plausibility) return a.plausibility > b.plausibility;
            return a.Tie() < b.Tie();
        });
        std::vector<std::string> out;
        std::set<std::string> seen = excluded_folds;
        for (const auto& c : candidates) {
            if (out.size() == count) break;
            if (c.fold->empty() || seen.count(*c.fold)) continue;
            seen.insert(*c.fold);
            if (acceptable && !acceptable(*c.fold)) continue;
            out.push_back(*c.text);
        }
        return out;
    }

    static double LengthFit(std::size_t a, std::size_t b) {
        const double ratio = static_cast<double>(std::min(a, b)) /
                             static_cast<double>(std::max<std::size_t>(1, std::max(a, b)));
        return ratio;  // 1 = same length
    }

    // Sentences from other answers, similar in length to `answer`, sharing terms with `topic`.
    // A distractor never answers the question as well as the key: it shares fewer of the
    // question's words than the key does, and it does not open with a pronoun or a concession.
    std::vector<std::string> SentenceDistractors(std::size_t e, const SentenceInfo& answer,
                                                 const std::string& id,
                                                 std::size_t key_overlap) const {
        std::vector<Candidate> candidates;
        const std::uint64_t id_hash = detail::Fnv1a64(id);
        const int section = infos_[e].exchange->section;
        for (const std::size_t k : Neighbours(e)) {
            const ExchangeInfo& other = infos_[k];
            const bool same_section = section != 0 && other.exchange->section == section;
            if (other.exchange->courtesy) continue;
            for (const auto& s : other.sentences) {
                if (!s.claim || s.courtesy || s.refers_back ||
                    s.role == ArgumentRole::kConcession || s.role == ArgumentRole::kContext)
                    continue;
                std::size_t question_words = 0;
                for (const std::size_t t : s.terms)
                    question_words += infos_[e].question_terms.Count(other.terms[t].fold_hash,
                                                                     other.terms[t].fold);
                if (question_words > 0 && question_words >= key_overlap) continue;
                const double fit = LengthFit(s.length, answer.length);
                if (fit < 0.5) continue;
                // Never a sentence that also appears in this exchange's own answer.
                if (infos_[e].sentence_folds.Count(s.fold_hash, s.fold)) continue;
                std::size_t shared = 0;
                for (const std::size_t t : s.terms)
                    shared +=
                        infos_[e].term_folds.Count(other.terms[t].fold_hash, other.terms[t].fold);
                Candidate c;
                c.plausibility =
                    (same_section ? 2.0 : 0.0) + fit + 0.5 * static_cast<double>(shared);
                c.SeedTie(id_hash);
                c.text = &s.text;
                c.fold = &s.fold;
                candidates.push_back(std::move(c));
            }
        }
        return PickDistinct(std::move(candidates), 3, {answer.fold});
    }

    struct ForeignTerm {
        const Term* term = nullptr;
        bool same_section = false;
    };

    // Terms of neighbouring answers that are not terms of this exchange: computed once per
    // exchange, since cloze and true/false ask for them many times.
    const std::vector<ForeignTerm>& ForeignTerms(std::size_t e) {
        if (foreign_for_ == e) return foreign_;
        foreign_for_ = e;
        foreign_.clear();
        const int section = infos_[e].exchange->section;
        std::unordered_set<std::string_view> seen;
        for (const std::size_t k : Neighbours(e)) {
            const ExchangeInfo& other = infos_[k];
            const bool same_section = section != 0 && other.exchange->section == section;
            for (const auto& t : other.terms) {
                if (t.score < 1.0 || infos_[e].term_folds.Count(t.fold_hash, t.fold)) continue;
                foreign_.push_back(ForeignTerm{&t, same_section});
            }
        }
        return foreign_;
    }

    // Terms from other answers of the same kind and a similar length that this answer never uses.
    std::vector<std::string> TermDistractors(std::size_t e, const Term& term, const std::string& id,
                                             std::size_t count) {
        std::vector<Candidate> candidates;
        const std::uint64_t id_hash = detail::Fnv1a64(id);
        for (const ForeignTerm& foreign : ForeignTerms(e)) {
            const Term& t = *foreign.term;
            if (t.kind != term.kind) continue;
            const std::size_t diff =
                t.length > term.length ? t.length - term.length : term.length - t.length;
            if (infos_[e].english) {
                // English: a noun for a noun (plural for plural), a name for a name, a number
                // for a number, an adjective for an adjective; length matters little.
                if (term.english_class == kEnglishOther || t.english_class != term.english_class)
                    continue;
                if (term.english_class == kEnglishNoun &&
                    EndsWith(term.text, "s") != EndsWith(t.text, "s"))
                    continue;
                if (IsEnglishVerbLike(t.text, t.text)) continue;
            } else if (diff > (term.kind == WordKind::kKatakana
                                   ? 3u
                                   : (term.kind == WordKind::kHan ? 0u : 1u))) {
                continue;
            }
            if (t.name != term.name) continue;  // a name only for a name
            // A place only for a place, and never a place for anything else (アメリカ against
            // ビジネス reads as a give-away).
            if (IsPlace(t) != IsPlace(term)) continue;
            bool shared_follower = false;
            for (const char32_t f : t.followers)
                shared_follower = shared_follower || term.followers.Contains(f);
            // Kanji words must fit the same slot (堀を/堀は, 広東省): a shared next character; so
            // must a verbal noun (フォローされる: only another noun that takes する).
            if (term.kind == WordKind::kHan && !term.name && !shared_follower) continue;
            bool verbal = false;
            for (const char32_t f : term.followers)
                verbal = verbal || f == U'さ' || f == U'し' || f == U'す';
            if (verbal && !shared_follower) continue;
            Candidate c;
            c.plausibility = (foreign.same_section ? 1.0 : 0.0) + (shared_follower ? 1.0 : 0.0) +
                             t.score * 0.25 - static_cast<double>(diff) * 0.5;
            c.SeedTie(id_hash);
            c.text = &t.text;
            c.fold = &t.fold;
            candidates.push_back(c);
        }
        // Never a term this exchange uses, even inside a compound (checked only for the few
        // picked).
        const ExchangeInfo& own = infos_[e];
        return PickDistinct(std::move(candidates), count, {term.fold},
                            [&](const std::string& fold) {
                                return own.answer_fold.find(fold) == std::string::npos &&
                                       own.question_fold.find(fold) == std::string::npos;
                            });
    }

    //---------------------------------------------------------------------------------------------
    // [SECTION] Candidates, features and selection
    //---------------------------------------------------------------------------------------------

    void SetSource(Question& q, std::size_t e, std::size_t s) const {
        const SentenceInfo& sentence = infos_[e].sentences[s];
        q.source_sentence = sentence.text;
        q.source_role = sentence.role;
        q.source_sentence_index = s;
    }

    Question Make(QuestionKind kind, std::size_t e, const std::string& span) {
        Question q;
        q.kind = kind;
        q.id = MakeId(interview_.source_id, kind, span);
        if (e < infos_.size()) q.exchange = infos_[e].exchange->index;
        return q;
    }

    static std::string JoinLines(const std::vector<std::string>& lines) {
        std::string out;
        for (const auto& line : lines) {
            if (!out.empty()) out.push_back('\n');
            out += line;
        }
        return out;
    }

    using Features = std::vector<QuestionFeature>;

    // Moves the candidates proposed so far to `out` (only the kept questions when `out` holds
    // questions) and forgets them.
    void MoveTo(std::vector<QuestionCandidate>& out) {
        std::move(candidates_.begin(), candidates_.end(), std::back_inserter(out));
        candidates_.clear();
    }
    void MoveTo(std::vector<Question>& out) {
        for (auto& c : candidates_) {
            if (c.kept) out.push_back(std::move(c.question));
        }
        candidates_.clear();
    }

    // A candidate's score: its features summed in order.
    static double Score(const Features& features) {
        double score = 0.0;
        for (const auto& f : features) score += f.value;
        return score;
    }

    // Adds a candidate; `rejected` names the hard rule it breaks (empty: it competes on score).
    void Propose(Question q, Features features, std::string rejected = {}) {
        QuestionCandidate c;
        c.question = std::move(q);
        c.score = Score(features);
        c.features = std::move(features);
        c.rejected_because = std::move(rejected);
        candidates_.push_back(std::move(c));
    }

    // Keeps the `count` best candidates proposed since `begin` that pass `fits` (given the ones
    // kept so far) and reach `min_score`; the others are marked outranked.
    template <typename Fits>
    void Keep(std::size_t begin, std::size_t count, double min_score, Fits fits) {
        std::vector<std::size_t> order;
        for (std::size_t i = begin; i < candidates_.size(); ++i) {
            if (candidates_[i].rejected_because.empty()) order.push_back(i);
        }
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return candidates_[a].score > candidates_[b].score;
        });
        std::vector<const QuestionCandidate*> kept;
        for (const std::size_t i : order) {
            QuestionCandidate& c = candidates_[i];
            if (kept.size() == count) {
                c.rejected_because = "outranked";
            } else if (c.score < min_score) {
                c.rejected_because = "score below " + FormatScore(min_score);
            } else if (!fits(c, kept)) {
                if (c.rejected_because.empty()) c.rejected_because = "overlaps a kept question";
            } else {
                c.kept = true;
                kept.push_back(&c);
            }
        }
    }
    void Keep(std::size_t begin, std::size_t count, double min_score = -1e9) {
        Keep(begin, count, min_score,
             [](QuestionCandidate&, const std::vector<const QuestionCandidate*>&) { return true; });
    }

    static std::string FormatScore(double value) {
        char text[32];
        std::snprintf(text, sizeof text, "%.1f", value);
        return text;
    }

    // Role features shared by the kinds that ask about one sentence.
    void RoleFeatures(Features& f, const SentenceInfo& s, bool asks_why) const {
        if (s.core) f.push_back({"core_claim", 2.0});
        switch (s.role) {
            case ArgumentRole::kConclusion:
                f.push_back({"role_conclusion", 1.5});
                break;
            case ArgumentRole::kContrast:
                f.push_back({"role_contrast", s.contrast ? 2.0 : 1.0});
                break;
            case ArgumentRole::kReason:
                f.push_back({"role_reason", asks_why ? 4.0 : 1.0});
                break;
            case ArgumentRole::kExample:
                f.push_back({"role_example", 0.5});
                break;
            case ArgumentRole::kConcession:
                f.push_back({"role_concession", -2.0});
                break;
            case ArgumentRole::kContext:
                f.push_back({"role_context", -3.0});
                break;
            case ArgumentRole::kClaim:
                break;
        }
    }

    // A sentence that makes sense alone: not a question, an aside, a greeting, a fragment.
    static bool Usable(const SentenceInfo& s) {
        return (s.claim || s.core_claim) && !s.courtesy && s.role != ArgumentRole::kContext;
    }

    static bool AsksWhy(const std::string& question) {
        std::string lower = question;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return question.find("なぜ") != std::string::npos ||
               question.find("理由") != std::string::npos ||
               question.find("どうして") != std::string::npos ||
               lower.find("why") != std::string::npos;
    }

    //---------------------------------------------------------------------------------------------
    // [SECTION] The seven kinds
    //---------------------------------------------------------------------------------------------

    // The whole answer when it is short enough to grade (≤ 6 sentences); else one card per
    // argument step: the step's first sentence is the cue, its other sentences the answer.
    void Recall(std::size_t e) {
        const ExchangeInfo& info = infos_[e];
        const Exchange& exchange = *info.exchange;
        const std::size_t n = info.sentences.size();
        if (n <= kMaxRecallSentences) {
            Question q = Make(QuestionKind::kRecall, e, info.question_fold);
            q.prompt = exchange.question;
            q.answer = exchange.answer;
            q.context = JoinLines(exchange.notes);
            Propose(std::move(q), {{"whole_answer", 1.0}});
            candidates_.back().kept = true;
            return;
        }
        {
            Question q = Make(QuestionKind::kRecall, e, info.question_fold);
            q.prompt = exchange.question;
            q.answer = exchange.answer;
            Propose(std::move(q), {{"whole_answer", 1.0}},
                    "answer of " + std::to_string(n) + " sentences: too long to grade");
        }
        // Steps start where a marker turns the argument (contrast, conclusion, example, a reason
        // that opens the sentence) and hold 2–4 sentences.
        std::vector<std::pair<std::size_t, std::size_t>> steps;
        std::size_t begin = 0;
        for (std::size_t s = 1; s <= n; ++s) {
            const bool turn = s < n && !info.sentences[s].marker_opens.empty() &&
                              info.sentences[s].role != ArgumentRole::kConcession;
            if (s == n || (turn && s - begin >= 2) || s - begin == 4) {
                steps.push_back({begin, s});
                begin = s;
            }
        }
        // A step of one sentence joins the one before.
        for (std::size_t i = steps.size(); i-- > 1;) {
            if (steps[i].second - steps[i].first < 2) {
                steps[i - 1].second = steps[i].second;
                steps.erase(steps.begin() + static_cast<std::ptrdiff_t>(i));
            }
        }
        if (steps.size() > 1 && steps[0].second - steps[0].first < 2) {
            steps[1].first = steps[0].first;
            steps.erase(steps.begin());
        }
        const std::size_t begin_index = candidates_.size();
        for (std::size_t k = 0; k < steps.size(); ++k) {
            const auto [first, last] = steps[k];
            std::vector<std::string> rest;
            std::string span = info.question_fold + "|step";
            for (std::size_t s = first; s < last; ++s) {
                span += "|" + info.sentences[s].fold;
                if (s > first) rest.push_back(info.sentences[s].text);
            }
            Question q = Make(QuestionKind::kRecall, e, span);
            q.prompt = exchange.question + "（" + std::to_string(k + 1) + "/" +
                       std::to_string(steps.size()) + "）\n" + info.sentences[first].text + " …";
            q.answer = JoinLines(rest);
            q.context = exchange.answer;
            SetSource(q, e, first);
            Propose(std::move(q),
                    {{"argument_step", 1.0}, {"sentences", static_cast<double>(last - first)}});
        }
        Keep(begin_index, steps.size());
    }

    // Features of a sentence as the answer to the interviewer's question.
    Features KeyFeatures(const ExchangeInfo& info, const SentenceInfo& s) const {
        Features f;
        RoleFeatures(f, s, info.asks_why);
        double overlap = 0.0;
        for (const std::size_t t : s.terms) overlap += info.terms[t].in_question ? 1.0 : 0.0;
        if (overlap > 0) f.push_back({"shares_question_words", std::min(overlap, 3.0)});
        if (info.asks_why && s.role != ArgumentRole::kReason &&
            s.role != ArgumentRole::kConclusion && !s.core)
            f.push_back({"not_a_reason_for_why", -1.0});
        if (s.length > 90) f.push_back({"long", -1.0});
        return f;
    }

    // The text of sentence `s` standing alone: joined with the one before when it refers back.
    std::optional<std::string> Standalone(const ExchangeInfo& info, std::size_t s,
                                          std::string* fold) const {
        const SentenceInfo& sentence = info.sentences[s];
        if (!sentence.refers_back) {
            if (fold) *fold = sentence.fold;
            return sentence.text;
        }
        if (s == 0) return std::nullopt;
        const SentenceInfo& before = info.sentences[s - 1];
        if (before.refers_back || before.length + sentence.length > kMaxClaimLength)
            return std::nullopt;
        if (fold) *fold = before.fold + sentence.fold;
        return before.text + (info.english ? " " : "") + sentence.text;
    }

    void Choice(std::size_t e) {
        const ExchangeInfo& info = infos_[e];
        const std::size_t begin = candidates_.size();
        for (std::size_t s = 0; s < info.sentences.size(); ++s) {
            const SentenceInfo& sentence = info.sentences[s];
            if (!Usable(sentence)) continue;
            std::string fold;
            const auto key = Standalone(info, s, &fold);
            Question q = Make(QuestionKind::kChoice, e, info.question_fold + "|" + fold);
            q.prompt = info.exchange->question;
            q.context = info.exchange->answer;
            SetSource(q, e, s);
            Features f = KeyFeatures(info, sentence);
            if (!key) {
                q.answer = sentence.text;
                Propose(std::move(q), std::move(f), "key opens with a pronoun");
                continue;
            }
            if (sentence.refers_back) f.push_back({"joined_with_sentence_before", -0.5});
            q.answer = *key;
            if (sentence.role == ArgumentRole::kConcession) {
                Propose(std::move(q), std::move(f), "key is a concession");
                continue;
            }
            Propose(std::move(q), std::move(f));
        }
        // Distractors only for the best keys, until one has three (the others never need them).
        Keep(begin, 1, -1e9,
             [&](QuestionCandidate& c, const std::vector<const QuestionCandidate*>&) {
                 const SentenceInfo& sentence = info.sentences[*c.question.source_sentence_index];
                 std::size_t key_overlap = 0;
                 for (const std::size_t t : sentence.terms)
                     key_overlap += info.terms[t].in_question;
                 auto distractors = SentenceDistractors(e, sentence, c.question.id, key_overlap);
                 if (distractors.size() < 3) {
                     c.rejected_because = "fewer than 3 distractors";
                     return false;
                 }
                 c.question.choices = std::move(distractors);
                 c.question.choices.push_back(c.question.answer);
                 Shuffle(c.question.choices, c.question.id);
                 return true;
             });
        for (std::size_t i = begin; i < candidates_.size(); ++i) {
            if (candidates_[i].kept)
                key_sentence_[e] = *candidates_[i].question.source_sentence_index;
        }
    }

    void WhichQuestion(std::size_t e) {
        const ExchangeInfo& info = infos_[e];
        const std::size_t begin = candidates_.size();
        // The neighbours' questions and how plausible each is as a wrong choice: the same for
        // every excerpt of this answer (only the tie, seeded by the question's id, differs).
        std::vector<Candidate> other_questions;
        {
            const int section = info.exchange->section;
            for (const std::size_t k : Neighbours(e)) {
                const ExchangeInfo& other = infos_[k];
                if (other.exchange->courtesy) continue;
                Candidate c;
                c.plausibility = (section != 0 && other.exchange->section == section ? 2.0 : 0.0) +
                                 LengthFit(other.question_length, info.question_length) +
                                 0.5 * static_cast<double>(SharedQuestionTerms(info, other));
                c.text = &other.exchange->question;
                c.fold = &other.question_fold;
                other_questions.push_back(c);
            }
        }
        for (std::size_t s = 0; s < info.sentences.size(); ++s) {
            const SentenceInfo& excerpt = info.sentences[s];
            if (!Usable(excerpt)) continue;
            // Only the kept questions wanted: an excerpt that breaks a rule is never kept.
            if (only_kept_ && (excerpt.refers_back || excerpt.role == ArgumentRole::kConcession))
                continue;
            Question q =
                Make(QuestionKind::kWhichQuestion, e, info.question_fold + "|" + excerpt.fold);
            Features f;
            RoleFeatures(f, excerpt, false);
            // An excerpt is read out of its answer: a demonstrative or an aside inside it leaves
            // the learner without its referent.
            for (const std::string_view word : {"これ", "それ", "この", "その"}) {
                if (excerpt.text.find(word) != std::string::npos) {
                    f.push_back({"refers_inside", -1.5});
                    break;
                }
            }
            if (excerpt.text.find('(') != std::string::npos ||
                excerpt.text.find("（") != std::string::npos)
                f.push_back({"aside_in_brackets", -1.5});
            double shared = 0.0;
            for (const std::size_t t : excerpt.terms) shared += info.terms[t].in_question ? 1 : 0;
            if (shared > 0) f.push_back({"echoes_question_words", -0.75 * std::min(shared, 3.0)});
            if (s == key_sentence_[e]) f.push_back({"same_sentence_as_choice_key", -3.0});
            f.push_back({"content_words", 0.25 * std::min<double>(4, excerpt.terms.size())});
            q.prompt = excerpt.text;
            q.answer = info.exchange->question;
            q.context = info.exchange->answer;
            SetSource(q, e, s);
            if (excerpt.refers_back) {
                Propose(std::move(q), std::move(f), "excerpt opens with a pronoun");
                continue;
            }
            if (excerpt.role == ArgumentRole::kConcession) {
                Propose(std::move(q), std::move(f), "excerpt is a concession");
                continue;
            }
            if (only_kept_) {
                // Its choices only if it is the best (below): most excerpts are outranked.
                Propose(std::move(q), std::move(f));
                continue;
            }
            if (!SetWhichQuestionChoices(q, excerpt, info, other_questions)) {
                Propose(std::move(q), std::move(f), "fewer than 3 other questions");
                continue;
            }
            Propose(std::move(q), std::move(f));
        }
        if (!only_kept_) {
            Keep(begin, 1);
            return;
        }
        // The best excerpt with three other questions to choose from: the one Keep(begin, 1)
        // keeps when the excerpts without them are rejected first.
        Keep(begin, 1, -1e9,
             [&](QuestionCandidate& c, const std::vector<const QuestionCandidate*>&) {
                 const SentenceInfo& excerpt = info.sentences[*c.question.source_sentence_index];
                 return SetWhichQuestionChoices(c.question, excerpt, info, other_questions);
             });
    }

    // The question `excerpt` came from among three of `other_questions` (the neighbours'),
    // shuffled; false (and `q` unchanged) when fewer than three distinct others exist.
    static bool SetWhichQuestionChoices(Question& q, const SentenceInfo& excerpt,
                                        const ExchangeInfo& info,
                                        const std::vector<Candidate>& other_questions) {
        std::vector<Candidate> candidates;
        const std::uint64_t id_hash = detail::Fnv1a64(q.id);
        for (const Candidate& other : other_questions) {
            if (excerpt.fold == *other.fold) continue;
            Candidate c = other;
            c.SeedTie(id_hash);
            candidates.push_back(c);
        }
        auto distractors = PickDistinct(std::move(candidates), 3, {info.question_fold});
        if (distractors.size() < 3) return false;
        q.choices = std::move(distractors);
        q.choices.push_back(info.exchange->question);
        Shuffle(q.choices, q.id);
        return true;
    }

    static std::string Blank(const std::string& sentence, const std::string& term) {
        return detail::ReplaceWord(sentence, term, kClozeBlank);
    }

    // Why blanking `term` in `sentence` would make a bad cloze, or empty.
    std::string ClozeProblem(const ExchangeInfo& info, const Term& term, std::size_t s) const {
        const std::string& text = info.sentences[s].text;
        if (std::find(term.whole_in.begin(), term.whole_in.end(), s) == term.whole_in.end())
            return "half of a word";
        for (std::size_t at = text.find(term.text); at != std::string::npos;
             at = text.find(term.text, at + 1)) {
            std::size_t next = at + term.text.size();
            const char32_t after = next < text.size() ? DecodeUtf8(text, next) : 0;
            std::size_t start = at;
            const char32_t before = at > 0 ? DecodeUtf8Before(text, start) : 0;
            if (detail::IsDigit(after) || detail::IsDigit(before)) return "part of a number";
            if (std::string_view(text).substr(at + term.text.size(), 6) == "さん")
                return "a person addressed by name";
            static constexpr std::u32string_view kParticles =
                U"はがをにでとのもへやかなだしさすよね";
            if (term.kind == WordKind::kHan && detail::IsHiragana(after) &&
                kParticles.find(after) == std::u32string_view::npos)
                return "half of a word";
            // Inside brackets: an aside, not the argument.
            int depth = 0;
            for (std::size_t i = 0; i < at;) {
                const char32_t cp = DecodeUtf8(text, i);
                if (cp == U'(' || cp == U'（') ++depth;
                if ((cp == U')' || cp == U'）') && depth > 0) --depth;
            }
            if (depth > 0) return "inside brackets";
            // One side of a fixed pair: ハードウェアとソフトウェア, "supply and demand".
            const std::string_view rest = std::string_view(text).substr(at + term.text.size());
            const auto pair_after = [&](std::string_view joint) {
                if (rest.substr(0, joint.size()) != joint) return false;
                std::size_t i = joint.size();
                return i < rest.size() && (detail::IsKatakana(DecodeUtf8(rest, i)) ||
                                           term.kind != WordKind::kKatakana);
            };
            const std::string_view head = std::string_view(text).substr(0, at);
            const auto pair_before = [&](std::string_view joint) {
                if (head.size() < joint.size() || head.substr(head.size() - joint.size()) != joint)
                    return false;
                if (head.size() == joint.size()) return false;
                std::size_t joint_start = head.size() - joint.size();
                const char32_t cp = DecodeUtf8Before(head, joint_start);
                return term.kind == WordKind::kKatakana
                           ? detail::IsKatakana(cp)
                           : detail::IsHan(cp) && term.kind == WordKind::kHan;
            };
            if (term.kind == WordKind::kKatakana && (pair_after("と") || pair_before("と")))
                return "one side of a fixed pair";
            if (info.english && (rest.substr(0, 5) == " and " ||
                                 (head.size() >= 5 && head.substr(head.size() - 5) == " and ")))
                return "one side of a fixed pair";
        }
        if (info.english && IsEnglishVerbLike(text, term.text)) return "an ordinary verb";
        if (info.english) {
            const std::size_t at = ReplaceWordFind(text, term.text);
            if (at == std::string::npos || EnglishClassAt(text, at, term.text) == kEnglishOther)
                return "not a noun, a number or an adjective here";
        }
        if (info.english) {
            std::string lower = term.text;
            for (char& c : lower)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            static const std::set<std::string> kVague = {
                "part",     "thing",    "things",   "way",    "lot",       "time",       "times",
                "days",     "day",      "kind",     "people", "something", "everything", "nothing",
                "years",    "year",     "whole",    "hard",   "more",      "most",       "much",
                "many",     "honestly", "really",   "still",  "already",   "right",      "someone",
                "somebody", "anyone",   "everyone", "nobody", "anything"};
            if (kVague.count(lower)) return "a vague word";
            if (lower.size() > 4 && lower.substr(lower.size() - 2) == "ly") return "an adverb";
            if (text.rfind(term.text, 0) == 0 && !term.name) return "the sentence's first word";
        }
        return {};
    }

    // English words that are verbs here: after "to", a pronoun or a modal, or ending like one.
    static bool IsEnglishVerbLike(const std::string& sentence, const std::string& word) {
        std::string lower_word = word;
        for (char& c : lower_word)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        static const std::set<std::string> kCommonVerbs = {
            "make",   "made",     "take",    "took",     "give",     "gave",     "want",
            "wanted", "think",    "thought", "know",     "knew",     "tell",     "told",
            "grew",   "grow",     "learn",   "learned",  "start",    "started",  "need",
            "needed", "said",     "says",    "went",     "come",     "came",     "build",
            "built",  "spend",    "spent",   "keep",     "kept",     "remember", "taught",
            "teach",  "ended",    "reached", "survives", "talk",     "wrote",    "write",
            "would",  "could",    "should",  "pay",      "paid",     "prove",    "moving",
            "trying", "building", "doing",   "having",   "getting",  "feel",     "felt",
            "love",   "spin",     "plan",    "wrapped",  "corroded", "happened", "became",
            "become", "gets",     "got",     "works",    "worked",   "work",     "hire",
            "hired",  "believe"};
        if (kCommonVerbs.count(lower_word)) return true;
        static const std::set<std::string> kLeads = {"to",    "i",      "we",   "they",  "you",
                                                     "he",    "she",    "will", "can",   "would",
                                                     "could", "should", "must", "never", "not"};
        const std::size_t at = ReplaceWordFind(sentence, word);
        if (at == std::string::npos || at == 0) return false;
        std::size_t end = at;
        while (end > 0 && sentence[end - 1] == ' ') --end;
        std::size_t start = end;
        while (start > 0 && std::isalpha(static_cast<unsigned char>(sentence[start - 1]))) --start;
        std::string lead = sentence.substr(start, end - start);
        for (char& c : lead) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return kLeads.count(lead) > 0;
    }

    // Offset of `word` as a whole word in `text`, or npos.
    static std::size_t ReplaceWordFind(const std::string& text, const std::string& word) {
        const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
        for (std::size_t at = text.find(word); at != std::string::npos;
             at = text.find(word, at + 1)) {
            const bool left = at == 0 || !alnum(text[at - 1]);
            const bool right = at + word.size() >= text.size() || !alnum(text[at + word.size()]);
            if (left && right) return at;
        }
        return std::string::npos;
    }

    void Cloze(std::size_t e) {
        const ExchangeInfo& info = infos_[e];
        const std::size_t begin = candidates_.size();
        cloze_terms_.clear();
        for (const Term& term : info.terms) {
            if (term.kind == WordKind::kHan && term.length == 1 && !term.name) continue;
            if (term.kind == WordKind::kNumber || term.kind == WordKind::kMixed) continue;
            for (const std::size_t s : term.sentences) {
                const SentenceInfo& sentence = info.sentences[s];
                if (!Usable(sentence) && sentence.role != ArgumentRole::kContext) continue;
                if (sentence.courtesy || sentence.length < 8 ||
                    sentence.length > 2 * kMaxClaimLength)
                    continue;
                Features f;
                f.push_back({"word_kind", KindScore(term.kind, term.length)});
                if (term.name) f.push_back({"name_with_reading", 2.0});
                if (term.quoted) f.push_back({"quoted", 3.0});
                if (sentence.contrast && (sentence.contrast->rejected == term.text ||
                                          sentence.contrast->asserted == term.text))
                    f.push_back({"contrast_side", 3.0});
                RoleFeatures(f, sentence, false);
                const std::size_t df = DocumentFrequency(term.fold);
                if (df > 3) f.push_back({"in_many_answers", -4.0});
                if (term.in_question) f.push_back({"in_the_question", -1.0});
                if (sentence.refers_back) f.push_back({"sentence_refers_back", -1.0});
                // A verbal noun used as the verb (製品を［リリース］した): the blank asks for the
                // action's word, guessable from する, rarely the argument.
                if (term.kind == WordKind::kKatakana) {
                    const std::size_t at = sentence.text.find(term.text);
                    std::size_t next = at == std::string::npos ? 0 : at + term.text.size();
                    const char32_t after = at != std::string::npos && next < sentence.text.size()
                                               ? DecodeUtf8(sentence.text, next)
                                               : 0;
                    if (after == U'し' || after == U'す' || after == U'さ' || after == U'せ')
                        f.push_back({"verbal_noun", -2.0});
                }
                if (info.english) {
                    const std::size_t at = ReplaceWordFind(sentence.text, term.text);
                    if (at != std::string::npos && !EnglishPhraseHead(sentence.text, at, term.text))
                        f.push_back({"modifies_the_next_word", -1.5});
                    // "In ［Valencia］, people complained…": the name of an example's place or
                    // person is trivia beside the point it illustrates.
                    if (at != std::string::npos && !term.quoted &&
                        EnglishClassAt(sentence.text, at, term.text) == kEnglishName)
                        f.push_back({"a_name", -1.0});
                }
                // Most candidates score below kMinClozeScore or break a rule: when only the kept
                // questions are wanted, they are dropped before their question is written (Keep
                // never keeps them, and they come after every candidate it could keep).
                if (only_kept_ && Score(f) < kMinClozeScore) continue;
                std::string problem = ClozeProblem(info, term, s);
                if (only_kept_ && !problem.empty()) continue;
                Question q = Make(QuestionKind::kCloze, e, sentence.fold + "|" + term.fold);
                q.prompt = Blank(sentence.text, term.text);
                q.answer = term.text;
                q.accept = term.accept;
                q.context = sentence.text;
                SetSource(q, e, s);
                Propose(std::move(q), std::move(f), std::move(problem));
                cloze_terms_.push_back(&term);
            }
        }
        const std::size_t limit = std::min(kMaxClozePerExchange, 1 + info.sentences.size() / 2);
        Keep(begin, limit, kMinClozeScore,
             [&](QuestionCandidate& c, const std::vector<const QuestionCandidate*>& kept) {
                 for (const auto* k : kept) {
                     if (k->question.source_sentence_index == c.question.source_sentence_index ||
                         k->question.answer == c.question.answer)
                         return false;
                 }
                 // Choices only for the kept ones (typed when fewer than 3 plausible others).
                 const Term& term =
                     *cloze_terms_[static_cast<std::size_t>(&c - &candidates_[begin])];
                 auto distractors = TermDistractors(e, term, c.question.id, 3);
                 if (distractors.size() == 3) {
                     c.question.choices = std::move(distractors);
                     c.question.choices.push_back(term.text);
                     Shuffle(c.question.choices, c.question.id);
                 }
                 return true;
             });
    }

    // Numbers of exchanges whose answer uses the term (a topic word is not a good blank).
    std::size_t DocumentFrequency(const std::string& fold) const {
        const auto it = document_frequency_.find(fold);
        return it == document_frequency_.end() ? 0 : it->second;
    }

    // The claim as a true statement: without an opening connective when it has one (a light
    // paraphrase), else verbatim.
    std::string TrueStatement(const ExchangeInfo& info, const SentenceInfo& s) const {
        if (s.marker_opens.empty() || s.role == ArgumentRole::kReason) return s.text;
        std::string_view rest = std::string_view(s.text).substr(s.marker_opens.size());
        if (info.english) {
            while (!rest.empty() && (rest.front() == ',' || rest.front() == ' '))
                rest.remove_prefix(1);
            if (rest.empty()) return s.text;
            std::string out(rest);
            out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
            return out;
        }
        for (const std::string_view lead : {"のところ", "、", "，"}) {
            if (rest.substr(0, lead.size()) == lead) rest.remove_prefix(lead.size());
        }
        if (CodePointCount(rest) < kMinClaimLength) return s.text;
        return std::string(rest);
    }

    // Negative polarity words: a sentence with one cannot simply lose its negation, and adding a
    // second one gives "there are not no dogs".
    static bool HasNegativePolarityWord(const std::string& text) {
        for (const std::string_view word :
             {"何も", "決して", "しか", "誰も", "全く", "一切", "少しも", "どこにも", "など",
              "さえ", "never", "nothing", "nobody", "any"}) {
            if (text.find(word) != std::string::npos) return true;
        }
        const std::string lower = " " + LowerAscii(text) + " ";
        for (const std::string_view word : {" no ", " not ", "n't ", " none ", " nor "}) {
            if (lower.find(word) != std::string::npos) return true;
        }
        return false;
    }

    // Whether an English sentence states something that can be true or false: it has a finite
    // verb (an auxiliary, a form of "be" or "have", a past tense) or opens with a subject
    // pronoun. "A study of night lighting." (a fragment) and "Leave some space unfinished." (an
    // imperative) do not.
    static bool IsEnglishStatement(const std::string& text) {
        static const std::set<std::string_view> kFinite = {
            "is",     "are",   "was",   "were",  "am",     "has",    "have",  "had",
            "does",   "do",    "did",   "will",  "would",  "can",    "could", "should",
            "must",   "may",   "might", "isn't", "aren't", "wasn't", "don't", "doesn't",
            "didn't", "won't", "can't", "it's",  "that's", "there's"};
        static const std::set<std::string_view> kSubjects = {"i",   "we", "they", "he",
                                                             "she", "it", "you",  "people"};
        std::size_t words = 0;
        for (std::size_t i = 0; i < text.size();) {
            if (!std::isalpha(static_cast<unsigned char>(text[i]))) {
                ++i;
                continue;
            }
            std::size_t end = i;
            while (end < text.size() &&
                   (std::isalpha(static_cast<unsigned char>(text[end])) || text[end] == '\''))
                ++end;
            const std::string word = LowerAscii(text.substr(i, end - i));
            if (kFinite.count(word) || (words == 0 && kSubjects.count(word))) return true;
            // A past tense, not an adjectival participle (unfinished, unexpected).
            if (words > 0 && word.size() > 4 && EndsWith(word, "ed") && word.rfind("un", 0) != 0)
                return true;
            ++words;
            i = end;
        }
        // A long sentence without a listed verb still has one ("A lot with weeds supports…").
        return words >= 8;
    }

    struct Change {
        std::size_t offset = 0;
        std::size_t length = 0;
        std::string replacement;
    };

    // The main predicate negated (or its negation dropped), from the sentence-final form.
    std::optional<Change> Negation(const ExchangeInfo& info, const SentenceInfo& s) const {
        const std::string& text = s.text;
        if (HasNegativePolarityWord(text) || s.contrast ||
            text.find("ではなく") != std::string::npos)
            return std::nullopt;
        if (info.english) {
            static constexpr std::pair<std::string_view, std::string_view> kEnglish[] = {
                {" is not ", " is "},        {" are not ", " are "},
                {" was not ", " was "},      {" cannot ", " can "},
                {" can't ", " can "},        {" isn't ", " is "},
                {" aren't ", " are "},       {" is ", " is not "},
                {" are ", " are not "},      {" can ", " cannot "},
                {" was ", " was not "},      {" will ", " will not "},
                {" need ", " do not need "}, {" needs ", " does not need "}};
            for (const auto& [from, to] : kEnglish) {
                const std::size_t at = text.find(from);
                if (at == std::string::npos || text.find(from, at + 1) != std::string::npos)
                    continue;
                return Change{at, from.size(), std::string(to)};
            }
            return std::nullopt;
        }
        // Sentence-final forms, longest first.
        static constexpr std::pair<std::string_view, std::string_view> kJapanese[] = {
            {"とは思いません。", "と思います。"},
            {"とは考えません。", "と考えます。"},
            {"だと思います。", "だとは思いません。"},
            {"と思います。", "とは思いません。"},
            {"と考えています。", "とは考えていません。"},
            {"と考えます。", "とは考えません。"},
            {"ではありません。", "です。"},
            {"はありません。", "があります。"},
            {"ていません。", "ています。"},
            {"できません。", "できます。"},
            {"が必要です。", "は必要ありません。"},
            {"が必要でしょう。", "は必要ないでしょう。"},
            {"ています。", "ていません。"},
            {"ました。", "ませんでした。"},
            {"できます。", "できません。"},
            {"あります。", "ありません。"},
            {"ります。", "りません。"},
            {"きます。", "きません。"},
            {"します。", "しません。"},
            {"えます。", "えません。"},
            {"ちます。", "ちません。"},
            {"られません。", "られます。"},
        };
        for (const auto& [from, to] : kJapanese) {
            if (text.size() < from.size() ||
                text.compare(text.size() - from.size(), from.size(), from.data(), from.size()) != 0)
                continue;
            std::size_t offset = text.size() - from.size();
            std::string replacement(to);
            // "ありません" after が: "秘密はありません" → "秘密があります" keeps the topic's
            // particle.
            return Change{offset, from.size(), replacement};
        }
        return std::nullopt;
    }

    // A number in the sentence changed to one the interview does not say here.
    std::optional<Change> NumberChange(const SentenceInfo& s) const {
        const std::string& text = s.text;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (!std::isdigit(static_cast<unsigned char>(text[i]))) continue;
            if (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) continue;
            std::size_t end = i;
            while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
            if (end - i > 4) continue;
            const long value = std::stol(text.substr(i, end - i));
            long changed = 0;
            if (end - i == 4 && value >= 1900 && value <= 2100) {
                changed = value - 20;  // a year or a decade
            } else if (value <= 2) {
                changed = value + 4;
            } else {
                changed = value * 3;
            }
            return Change{i, end - i, std::to_string(changed)};
        }
        return std::nullopt;
    }

    //---------------------------------------------------------------------------------------------
    // Actors: who a claim is about, for false statements that give a claim to the wrong actor.
    //---------------------------------------------------------------------------------------------

    // Countries and regions (ActorClass::kCountry) and names ending in a place suffix (広東省,
    // 杭州市): the meaning class "place" for distractors.
    static bool IsPlace(const Term& term) {
        if (ActorClassOf(term) == ActorClass::kCountry) return true;
        if (term.kind != WordKind::kHan || term.length < 2 || term.text.size() < 3) return false;
        const std::string_view tail = std::string_view(term.text).substr(term.text.size() - 3);
        return tail == "省" || tail == "市" || tail == "県" || tail == "州";
    }

    static ActorClass ActorClassOf(const Term& term) {
        if (term.kind == WordKind::kHan && term.length >= 2 && term.length <= 3 &&
            term.text.size() >= 3 && term.text.compare(term.text.size() - 3, 3, "国") == 0)
            return ActorClass::kCountry;
        // Countries and regions whose name does not end in 国.
        static const std::set<std::string_view> kCountries = {
            "日本",     "欧州",     "欧米",     "台湾",     "香港",   "アメリカ",
            "イギリス", "フランス", "ドイツ",   "インド",   "ロシア", "イタリア",
            "カナダ",   "ブラジル", "スペイン", "オランダ", "タイ",   "ベトナム"};
        if (kCountries.count(term.text)) return ActorClass::kCountry;
        if (term.kind == WordKind::kLatin && term.length >= 4) {
            bool upper_first = std::isupper(static_cast<unsigned char>(term.text[0])) != 0;
            bool has_lower = false;
            for (const char c : term.text) has_lower = has_lower || std::islower(c);
            // All capitals: a name (NVIDIA) only when long; short ones are acronyms (CEO, AGI).
            if (upper_first && (has_lower || term.length >= 5)) return ActorClass::kLatinName;
        }
        return ActorClass::kNone;
    }

    // Particles after which a term is the subject or topic of its clause (は, が; では, には are
    // matched by their first character's follower and checked in the text).
    static bool ActorParticle(char32_t c) { return c == U'は' || c == U'が'; }

    // Terms of the answers that stand as a subject or topic (X は / X が / X では / X には)
    // somewhere in the interview, by class. Japanese interviews only: English subjects are not
    // marked by a particle, and a wrong swap there reads as a correct sentence about another place.
    static void FindActors(Shared& shared) {
        shared.actors_in.assign(shared.infos.size(), {});
        for (std::size_t e = 0; e < shared.infos.size(); ++e) {
            const ExchangeInfo& info = shared.infos[e];
            if (info.english || info.exchange->courtesy) continue;
            for (const Term& t : info.terms) {
                const ActorClass kind = ActorClassOf(t);
                if (kind == ActorClass::kNone) continue;
                bool subject = false;
                for (const char32_t f : t.followers) subject = subject || ActorParticle(f);
                for (const std::string_view particle : {"では", "には"}) {
                    for (const auto& sentence : info.sentences)
                        subject = subject || sentence.text.find(t.text + std::string(particle)) !=
                                                 std::string::npos;
                }
                if (!subject) continue;
                auto [it, inserted] = shared.actor_index.try_emplace(t.fold, shared.actors.size());
                if (inserted) shared.actors.push_back(Actor{t.text, t.fold, kind});
                shared.actors_in[e].push_back(it->second);
            }
        }
    }

    const Actor* FindActor(const std::string& fold) const {
        const auto it = actor_index_.find(fold);
        return it == actor_index_.end() ? nullptr : &actors_[it->second];
    }

    // Whether some answer near exchange `e` says of `actor` what `claim` says: a sentence that
    // names the actor and shares two content words with the claim (besides the actors) makes the
    // swap true in spirit.
    bool SaidOf(std::size_t e, const std::string& actor_fold, const SentenceInfo& claim,
                const std::string& original_fold) const {
        const ExchangeInfo& own = infos_[e];
        std::set<std::string> words;
        for (const std::size_t t : claim.terms) {
            const std::string& fold = own.terms[t].fold;
            if (fold != actor_fold && fold != original_fold) words.insert(fold);
        }
        // This answer and its neighbours (the window distractors come from): linear in the
        // interview, however many times its actors are named.
        std::vector<std::size_t> nearby = Neighbours(e);
        nearby.push_back(e);
        for (const std::size_t k : nearby) {
            const ExchangeInfo& info = infos_[k];
            for (const SentenceInfo& s : info.sentences) {
                if (s.fold.find(actor_fold) == std::string::npos) continue;
                std::size_t shared = 0;
                for (const std::size_t t : s.terms) shared += words.count(info.terms[t].fold);
                if (shared >= 2) return true;
            }
        }
        return false;
    }

    // The claim given to another actor of the same class: the subject or topic X of the sentence
    // (X は, X が, X では, X には) replaced by Y, another actor the interview names as a subject,
    // in this answer or a neighbouring one (both are nouns of one class, so the particle fits).
    // Never when the sentence names Y too, when X occurs twice, or when some answer says the
    // same of Y.
    std::vector<Change> ActorChanges(std::size_t e, const SentenceInfo& s) const {
        std::vector<Change> changes;
        const ExchangeInfo& info = infos_[e];
        if (info.english || actors_.size() < 2) return changes;
        // Actors named as subjects in this answer or its neighbours (bounded by the window).
        std::set<std::size_t> nearby(actors_in_[e].begin(), actors_in_[e].end());
        for (const std::size_t k : Neighbours(e))
            nearby.insert(actors_in_[k].begin(), actors_in_[k].end());
        for (const std::size_t t : s.terms) {
            const Term& term = info.terms[t];
            const Actor* actor = FindActor(term.fold);
            if (!actor) continue;
            const std::size_t at = s.text.find(term.text);
            if (at == std::string::npos ||
                s.text.find(term.text, at + term.text.size()) != std::string::npos)
                continue;
            std::size_t next = at + term.text.size();
            if (next >= s.text.size()) continue;
            const char32_t particle = DecodeUtf8(s.text, next);
            char32_t second = 0;
            if (next < s.text.size()) {
                std::size_t after = next;
                second = DecodeUtf8(s.text, after);
            }
            const bool topic = ActorParticle(particle) ||
                               ((particle == U'で' || particle == U'に') && second == U'は');
            if (!topic) continue;
            // "X も" (X too) and "X の" are not actor slots; neither is a quoted or bracketed X.
            if (QuotedAt(s.text, at, term.text.size())) continue;
            for (const std::size_t index : nearby) {
                const Actor& other = actors_[index];
                if (&other == actor || other.kind != actor->kind) continue;
                if (s.fold.find(other.fold) != std::string::npos) continue;
                if (SaidOf(e, other.fold, s, term.fold)) continue;
                changes.push_back(Change{at, term.text.size(), other.text});
            }
        }
        return changes;
    }

    void TrueFalse(std::size_t e) {
        const ExchangeInfo& info = infos_[e];
        const std::size_t begin_false = candidates_.size();
        for (std::size_t si = 0; si < info.sentences.size(); ++si) {
            const SentenceInfo& s = info.sentences[si];
            if (!Usable(s)) continue;
            // What makes every statement of this sentence break a rule (checked again below).
            const bool sentence_rejected = s.refers_back ||
                                           (info.english && !IsEnglishStatement(s.text)) ||
                                           s.role == ArgumentRole::kConcession;
            // Only the kept questions wanted: a change that breaks a rule or scores below the
            // false statements' minimum (3.0) is never kept, so it is not even made.
            const auto may_keep = [&](std::string_view by, double base) {
                if (!only_kept_) return true;
                if (sentence_rejected) return false;
                Features f;
                f.push_back({std::string(by), base});
                RoleFeatures(f, s, false);
                return Score(f) >= 3.0;
            };
            const auto propose = [&](std::string_view by, const Change& change, double base) {
                Question q = Make(
                    QuestionKind::kTrueFalse, e,
                    s.fold + "|" + std::string(by) + "|" + Fold(change.replacement) + "|false");
                q.prompt = s.text.substr(0, change.offset) + change.replacement +
                           s.text.substr(change.offset + change.length);
                q.answer = "false";
                q.context = s.text;
                SetSource(q, e, si);
                q.changed_offset = change.offset;
                q.changed_length = change.length;
                q.replacement = change.replacement;
                q.falsified_by = std::string(by);
                Features f;
                f.push_back({std::string(by), base});
                RoleFeatures(f, s, false);
                std::string problem;
                if (s.refers_back) problem = "statement opens with a pronoun";
                if (info.english && !IsEnglishStatement(s.text)) problem = "not a statement";
                if (s.role == ArgumentRole::kConcession) problem = "statement is a concession";
                if (Fold(q.prompt) == s.fold) problem = "the change does not change the text";
                if (q.prompt.find("not not") != std::string::npos ||
                    q.prompt.find("ないない") != std::string::npos)
                    problem = "double negation";
                Propose(std::move(q), std::move(f), std::move(problem));
            };
            if (s.contrast) {
                const Contrast& c = *s.contrast;
                const std::size_t first = std::min(c.rejected_offset, c.asserted_offset);
                const std::size_t last = std::max(c.rejected_offset + c.rejected.size(),
                                                  c.asserted_offset + c.asserted.size());
                std::string middle = s.text.substr(first, last - first);
                // Swap the two sides inside the covered span.
                const bool rejected_first = c.rejected_offset < c.asserted_offset;
                const std::string& a = rejected_first ? c.rejected : c.asserted;
                const std::string& b = rejected_first ? c.asserted : c.rejected;
                const std::string inner =
                    middle.substr(a.size(), middle.size() - a.size() - b.size());
                if (may_keep("reversed_contrast", 5.0))
                    propose("reversed_contrast", Change{first, last - first, b + inner + a}, 5.0);
            }
            if (may_keep("negated", 3.0)) {
                if (const auto negation = Negation(info, s)) propose("negated", *negation, 3.0);
            }
            if (may_keep("number", 1.0)) {
                if (const auto number = NumberChange(s)) propose("number", *number, 1.0);
            }
            if (may_keep("actor", 3.5)) {
                for (const Change& change : ActorChanges(e, s)) propose("actor", change, 3.5);
            }
        }
        Keep(begin_false, 1, 3.0);
        std::optional<std::size_t> false_sentence;
        for (std::size_t i = begin_false; i < candidates_.size(); ++i) {
            if (candidates_[i].kept) false_sentence = candidates_[i].question.source_sentence_index;
        }
        const std::size_t begin_true = candidates_.size();
        for (std::size_t si = 0; si < info.sentences.size(); ++si) {
            const SentenceInfo& s = info.sentences[si];
            if (!Usable(s)) continue;
            if (only_kept_ && (s.refers_back || (info.english && !IsEnglishStatement(s.text)) ||
                               s.role == ArgumentRole::kConcession))
                continue;  // breaks a rule (below): never kept
            Question q = Make(QuestionKind::kTrueFalse, e, s.fold + "|true");
            q.prompt = TrueStatement(info, s);
            q.answer = "true";
            q.context = s.text;
            SetSource(q, e, si);
            Features f;
            RoleFeatures(f, s, false);
            f.push_back({"content_words", 0.25 * std::min<double>(4, s.terms.size())});
            if (q.prompt != s.text) f.push_back({"paraphrased", 0.5});
            if (false_sentence == si) f.push_back({"same_sentence_as_false", -4.0});
            std::string problem;
            if (s.refers_back) problem = "statement opens with a pronoun";
            if (info.english && !IsEnglishStatement(s.text)) problem = "not a statement";
            if (s.role == ArgumentRole::kConcession) problem = "statement is a concession";
            Propose(std::move(q), std::move(f), std::move(problem));
        }
        Keep(begin_true, 1);
    }

    void Order(std::size_t e) {
        const ExchangeInfo& info = infos_[e];
        const std::size_t n = info.sentences.size();
        if (n < kMinOrderGroup) return;
        const std::size_t parts = (n + kMaxOrderGroup - 1) / kMaxOrderGroup;
        const std::size_t begin_index = candidates_.size();
        for (std::size_t p = 0; p < parts; ++p) {
            // Balanced parts: sizes differ by at most one, each at least kMinOrderGroup.
            const std::size_t begin = n * p / parts, end = n * (p + 1) / parts;
            if (end - begin < kMinOrderGroup) continue;
            std::vector<std::string> sentences;
            std::set<std::string> folds;
            std::string span;
            std::size_t markers = 0;
            for (std::size_t s = begin; s < end; ++s) {
                sentences.push_back(info.sentences[s].text);
                folds.insert(info.sentences[s].fold);
                span += info.sentences[s].fold + "\n";
                if (s > begin &&
                    (!info.sentences[s].marker_opens.empty() || info.sentences[s].refers_back))
                    ++markers;
            }
            Question q = Make(QuestionKind::kOrder, e, span);
            q.prompt = info.exchange->question;
            if (parts > 1)
                q.prompt += "（" + std::to_string(p + 1) + "/" + std::to_string(parts) + "）";
            q.answer = JoinLines(sentences);
            q.choices = sentences;
            Shuffle(q.choices, q.id);
            if (q.choices == sentences)
                std::rotate(q.choices.begin(), q.choices.begin() + 1, q.choices.end());
            Features f = {{"linked_sentences", static_cast<double>(markers)},
                          {"sentences", static_cast<double>(sentences.size()) * 0.1}};
            std::string problem;
            if (folds.size() != sentences.size()) problem = "repeated sentences";
            Propose(std::move(q), std::move(f), std::move(problem));
        }
        Keep(begin_index, parts);
    }

    // A recall question per section theme: the heading as the prompt, at most three points as the
    // answer — the core claim of the answer that answers the heading most directly first, then
    // those of the answers closest to it. Tied to the section's first exchange; the id hashes the
    // heading only.
    void Sections() {
        std::map<int, std::vector<std::size_t>> members;
        for (std::size_t e = 0; e < infos_.size(); ++e) {
            if (!infos_[e].exchange->courtesy) members[infos_[e].exchange->section].push_back(e);
        }
        for (const auto& section : interview_.sections) {
            const auto it = members.find(section.index);
            if (it == members.end() || it->second.size() < 2) continue;
            std::set<std::string, std::less<>> heading_words;
            for (const auto& w : ContentWords(section.title)) heading_words.insert(Fold(w.text));
            struct Point {
                double closeness = 0.0;
                std::size_t e = 0;
            };
            std::vector<Point> points;
            for (const std::size_t e : it->second) {
                const ExchangeInfo& info = infos_[e];
                double closeness = 0.0;
                for (const auto& w : info.question_terms)
                    closeness += static_cast<double>(heading_words.count(w.fold));
                for (const auto& s : info.sentences) {
                    if (!s.core) continue;
                    for (const std::size_t t : s.terms)
                        closeness += 0.5 * heading_words.count(info.terms[t].fold);
                }
                points.push_back({closeness, e});
            }
            std::stable_sort(points.begin(), points.end(), [](const Point& a, const Point& b) {
                return a.closeness > b.closeness;
            });
            std::vector<std::pair<std::size_t, std::string>> chosen;  // exchange, point
            for (const Point& p : points) {
                // The direct answer first; then only answers that speak to the heading too.
                if (chosen.size() == kMaxSectionPoints || (!chosen.empty() && p.closeness <= 0))
                    break;
                const ExchangeInfo& info = infos_[p.e];
                for (const auto& s : info.sentences) {
                    if (s.core && !s.refers_back)
                        chosen.push_back({p.e, "・" + TrueStatement(info, s)});
                }
            }
            std::sort(chosen.begin(), chosen.end());
            std::vector<std::string> lines;
            std::string questions;
            for (const auto& [e, point] : chosen) {
                lines.push_back(point);
                questions += (questions.empty() ? "" : "\n") + infos_[e].exchange->question;
            }
            Question q =
                Make(QuestionKind::kRecall, it->second.front(), "section|" + Fold(section.title));
            q.prompt = section.title;
            q.answer = JoinLines(lines);
            q.context = std::move(questions);
            std::string problem;
            if (Fold(q.answer).find(Fold(q.prompt)) != std::string::npos)
                problem = "the heading is in the answer";
            const std::size_t begin = candidates_.size();
            Propose(std::move(q), {{"points", static_cast<double>(lines.size())}},
                    std::move(problem));
            Keep(begin, 1);
        }
    }

    // Key terms of a profile fact: recovered names (湛江, 呉川), else its first long kanji run
    // (浙江大学, 杭州幻方科技有限公司, 梁文峰) and its Latin names (DeepSeek, not titles like CEO).
    // Names (runs of capitalised words, "University of Manchester" whole) and years of an English
    // fact; the fact's first word only when it starts a name. At most three.
    static std::vector<std::pair<std::string, std::vector<std::string>>> EnglishProfileTerms(
        const std::string& fact) {
        std::vector<std::pair<std::string, std::vector<std::string>>> terms;
        std::vector<std::pair<std::size_t, std::size_t>> words;  // offset, length
        for (std::size_t i = 0; i < fact.size();) {
            if (!std::isalnum(static_cast<unsigned char>(fact[i]))) {
                ++i;
                continue;
            }
            std::size_t end = i;
            while (end < fact.size() &&
                   (std::isalnum(static_cast<unsigned char>(fact[end])) || fact[end] == '-'))
                ++end;
            words.push_back({i, end - i});
            i = end;
        }
        const auto capital = [&](std::size_t w) {
            return std::isupper(static_cast<unsigned char>(fact[words[w].first])) != 0;
        };
        for (std::size_t w = 0; w < words.size() && terms.size() < 3;) {
            const std::string word = fact.substr(words[w].first, words[w].second);
            if (word.size() == 4 && std::isdigit(static_cast<unsigned char>(word[0]))) {
                terms.push_back({word, {}});
                ++w;
                continue;
            }
            if (!capital(w)) {
                ++w;
                continue;
            }
            std::size_t last = w;
            while (last + 1 < words.size() &&
                   (capital(last + 1) ||
                    (fact.substr(words[last + 1].first, words[last + 1].second) == "of" &&
                     last + 2 < words.size() && capital(last + 2))))
                ++last;
            if (w == 0 && last == 0) {  // "Born", "The": a capital because the fact starts there
                ++w;
                continue;
            }
            const std::size_t end = words[last].first + words[last].second;
            terms.push_back({fact.substr(words[w].first, end - words[w].first), {}});
            w = last + 1;
        }
        return terms;
    }

    std::vector<std::pair<std::string, std::vector<std::string>>> ProfileTerms(
        const std::string& fact) const {
        std::vector<std::pair<std::string, std::vector<std::string>>> terms;
        for (const auto& hit : ruby_.Find(fact)) {
            const bool seen = std::any_of(terms.begin(), terms.end(),
                                          [&](const auto& t) { return t.first == *hit.base; });
            if (!seen) terms.push_back({*hit.base, *ruby_.Readings(*hit.base)});
        }
        if (!terms.empty()) return terms;
        if (IsMostlyLatin(fact)) return EnglishProfileTerms(fact);
        std::string run;
        bool have_run = false;
        const auto flush = [&] {
            if (!have_run && CodePointCount(run) >= 3) {
                terms.push_back({run, {}});
                have_run = true;
            }
            run.clear();
        };
        for (std::size_t i = 0; i < fact.size();) {
            const std::size_t start = i;
            const char32_t cp = DecodeUtf8(fact, i);
            if (detail::IsHan(cp)) {
                run.append(fact, start, i - start);
            } else {
                flush();
            }
        }
        flush();
        for (const auto& word : SplitWords(fact)) {
            if (word.kind != WordKind::kLatin) continue;
            bool upper = true;
            for (const char c : word.text) upper = upper && !(c >= 'a' && c <= 'z');
            if (upper && word.text.size() <= 4) continue;  // CEO, CTO, PhD-like titles
            if (word.text.size() < 3) continue;
            terms.push_back({word.text, {}});
        }
        return terms;
    }

    void Profile() {
        const auto& facts = interview_.profile;
        // Short first facts name the person ("梁文峰CEO"); they give the others their subject.
        const std::string subject =
            !facts.empty() && CodePointCount(facts.front()) <= 20 ? facts.front() : "";
        for (std::size_t f = 0; f < facts.size(); ++f) {
            const std::string& fact = facts[f];
            for (const auto& [term, accept] : ProfileTerms(fact)) {
                if (term == fact) continue;
                std::string prompt = Blank(fact, term);
                if (f > 0 && !subject.empty() && subject.find(term) == std::string::npos) {
                    prompt = subject + "：" + prompt;
                }
                const std::string term_fold = Fold(term);
                Question q =
                    Make(QuestionKind::kProfile, infos_.size(), Fold(fact) + "|" + term_fold);
                std::string problem;
                if (Fold(prompt).find(term_fold) != std::string::npos)
                    problem = "the answer stays in the prompt";
                const std::size_t at = fact.find(term);
                if (at != std::string::npos && !IsMostlyLatin(fact)) {
                    std::size_t next = at + term.size();
                    const char32_t after = next < fact.size() ? DecodeUtf8(fact, next) : 0;
                    std::size_t start = at;
                    const char32_t before = at > 0 ? DecodeUtf8Before(fact, start) : 0;
                    // A name with a reading may stand before a place suffix (湛江市).
                    static constexpr std::u32string_view kPlaceSuffixes = U"市省県町村区州";
                    const bool suffix =
                        !accept.empty() && kPlaceSuffixes.find(after) != std::u32string_view::npos;
                    if (detail::IsDigit(before) || (detail::IsHan(after) && !suffix) ||
                        (detail::IsHiragana(after) && after != U'の' && after != U'に' &&
                         after != U'を' && after != U'で' && after != U'か'))
                        problem = "half of a word";
                }
                q.prompt = std::move(prompt);
                q.answer = term;
                q.accept = accept;
                q.context = fact;
                const std::size_t begin = candidates_.size();
                Propose(std::move(q), {{"profile_fact", 1.0}}, std::move(problem));
                Keep(begin, 1);
            }
        }
    }

    const Interview& interview_;
    const RubyIndex& ruby_;
    const std::vector<ExchangeInfo>& infos_;
    const std::unordered_map<std::string, std::size_t>& document_frequency_;
    const std::vector<Actor>& actors_;
    const std::unordered_map<std::string, std::size_t>& actor_index_;
    const std::vector<std::vector<std::size_t>>& actors_in_;
    std::vector<std::size_t> key_sentence_;  // per exchange: the sentence its choice asks for
    std::size_t foreign_for_ = SIZE_MAX;     // the exchange foreign_ was computed for
    std::vector<ForeignTerm> foreign_;
    std::vector<QuestionCandidate> candidates_;
    // Only the kept questions are wanted (GenerateQuestions), not every candidate: candidates
    // that cannot be kept may be left out.
    bool only_kept_ = false;
    std::vector<const Term*> cloze_terms_;  // per cloze candidate of the current exchange
};

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] GenerateQuestions
//-------------------------------------------------------------------------------------------------

namespace {

// Numbers repeated ids in generation order ("…-2", "…-3"), part by part: the parts numbered in
// order get the ids their concatenation numbered at once would get.
class IdNumbering {
  public:
    void Number(std::vector<QuestionCandidate>& candidates) {
        for (auto& c : candidates) {
            if (c.kept) Number(c.question.id);
        }
    }
    void Number(std::vector<Question>& questions) {
        for (auto& q : questions) Number(q.id);
    }

  private:
    void Number(std::string& id) {
        const std::size_t n = ++seen_[id];
        if (n > 1) id += "-" + std::to_string(n);
    }
    std::unordered_map<std::string, std::size_t> seen_;
};

// Candidates (or kept questions) of the whole interview handed to `sink` part by part, in order,
// on the calling thread: the exchanges' (in ranges, on helper threads for a long interview, each
// range generated alone, so the result is the same on any number of threads), then the section
// themes and the profile. The sink works (an import writes) while the helpers generate the next
// ranges, and a range handed over is no longer held here.
template <typename Out, typename Sink>
void GenerateParts(const Interview& interview, std::size_t threads, const Sink& sink) {
    // Threads pay for themselves only on long interviews (each builds its own ICU objects).
    constexpr std::size_t kMinExchangesPerThread = 128;
    const std::size_t n = interview.exchanges.size();
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads =
        std::clamp<std::size_t>(n / kMinExchangesPerThread, 1, std::min<std::size_t>(threads, 4));
    Generator::Shared shared(interview);
    Generator::AnalyseAll(interview, shared, threads);
    // The section themes and the profile's questions come last, but they read every analysis:
    // made first (they depend on nothing the exchanges' generation does), so that each analysis
    // can be freed as soon as no range left to generate reads it.
    Out themes;
    Generator(interview, shared).RunSectionsAndProfile(themes);
    IdNumbering numbering;
    const auto hand_over = [&](Out& part) {
        numbering.Number(part);
        sink(std::move(part));
    };
    if (threads == 1) {
        Out part;
        Generator(interview, shared).RunExchanges(0, n, part);
        shared.infos.clear();
        hand_over(part);
    } else {
        // Ranges taken in turn by the helpers; the calling thread hands each over once it and
        // every range before it are done. A helper starts a range only while fewer than
        // `ahead` ranges wait to be handed over, so a slow sink (a loaded disk or machine) holds
        // a few ranges, not every question.
        const std::size_t ranges = std::min(n, threads * 8);
        std::size_t ahead = threads * 2;
        std::vector<Out> parts(ranges);
        std::vector<bool> done(ranges, false);
        std::size_t handed = 0;  // ranges handed over
        std::mutex mutex;
        std::condition_variable finished;  // a range is done
        std::condition_variable taken;     // a range was handed over
        std::atomic<std::size_t> next{0};
        // Parts handed over, freed by the helpers: their many small blocks were allocated by the
        // helpers, and the calling thread (an import's writer, the pipeline's slowest stage) has
        // better things to do than free them.
        std::vector<Out> handed_parts;
        const auto generate = [&] {
            for (std::size_t r = next++; r < ranges; r = next++) {
                std::vector<Out> to_free;
                {
                    std::unique_lock lock(mutex);
                    taken.wait(lock, [&] { return r < handed + ahead; });
                    to_free.swap(handed_parts);
                }
                to_free.clear();
                Out part;
                Generator(interview, shared)
                    .RunExchanges(n * r / ranges, n * (r + 1) / ranges, part);
                const std::lock_guard lock(mutex);
                parts[r] = std::move(part);
                done[r] = true;
                finished.notify_one();
            }
        };
        std::vector<std::thread> helpers;
        for (std::size_t t = 0; t < threads; ++t) {
            // Without another thread (the system refuses one) the calling thread does it all:
            // generation never throws.
            try {
                helpers.emplace_back(generate);
            } catch (const std::system_error&) {
                break;
            }
        }
        if (helpers.empty()) {
            ahead = ranges;  // nobody hands over meanwhile
            generate();
        }
        // The helpers are released and joined however this scope ends (a sink that throws).
        struct Joiner {
            std::vector<std::thread>& threads;
            std::function<void()> release;
            ~Joiner() {
                release();
                for (auto& thread : threads) thread.join();
            }
        } joiner{helpers, [&] {
                     {
                         const std::lock_guard lock(mutex);
                         handed = ranges;
                     }
                     taken.notify_all();
                 }};
        std::size_t freed = 0;  // analyses [0, freed) are freed
        for (std::size_t r = 0; r < ranges; ++r) {
            Out part;
            {
                std::unique_lock lock(mutex);
                finished.wait(lock, [&] { return done[r]; });
                part = std::move(parts[r]);
                ++handed;
            }
            taken.notify_all();
            // Ranges 0..r are done; the ranges after r read no analysis further back than
            // kNeighbourReach before their first exchange. The helpers read other elements of
            // `infos` meanwhile, never these.
            const std::size_t next_begin = r + 1 < ranges ? n * (r + 1) / ranges : n;
            const std::size_t unread =
                r + 1 < ranges ? next_begin - std::min(next_begin, kNeighbourReach) : n;
            for (; freed < unread; ++freed) shared.infos[freed] = ExchangeInfo();
            hand_over(part);
            const std::lock_guard lock(mutex);
            handed_parts.push_back(std::move(part));
        }
    }
    hand_over(themes);
}

// The parts joined.
template <typename Out>
Out Generate(const Interview& interview, std::size_t threads) {
    Out out;
    GenerateParts<Out>(interview, threads, [&](Out&& part) {
        if (out.empty()) {
            out = std::move(part);
        } else {
            std::move(part.begin(), part.end(), std::back_inserter(out));
        }
    });
    return out;
}

}  // namespace

std::vector<QuestionCandidate> GenerateCandidates(const Interview& interview,
                                                  const GenerateOptions& options) {
    return Generate<std::vector<QuestionCandidate>>(interview, options.threads);
}

std::vector<Question> GenerateQuestions(const Interview& interview,
                                        const GenerateOptions& options) {
    return Generate<std::vector<Question>>(interview, options.threads);
}

void GenerateQuestionParts(const Interview& interview, const QuestionSink& sink,
                           const GenerateOptions& options) {
    GenerateParts<std::vector<Question>>(interview, options.threads,
                                         [&](std::vector<Question>&& part) {
                                             if (!part.empty()) sink(std::move(part));
                                         });
}

}  // namespace mondo::content
