// Question generation: Interview → Questions of seven kinds.
//
// [SECTION] Kind names
// [SECTION] Analysis of each exchange (sentences, terms and their scores)
// [SECTION] Ids and seeded shuffles
// [SECTION] Distractors (plausible, from neighbouring exchanges)
// [SECTION] The seven kinds
// [SECTION] GenerateQuestions
//
// Stability: everything that decides *which* questions an exchange gets (sentences, terms, scores)
// reads only that exchange, so editing one exchange never changes another's ids. Distractors come
// from other exchanges but do not enter ids. Distractors are drawn from a bounded window of
// neighbouring exchanges, so generation stays linear in the size of the interview.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_set>

#include "content/arguments.h"
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
constexpr std::size_t kMaxFalseClaimTries = 24;

struct Term {
    std::string text;
    std::string fold;
    WordKind kind = WordKind::kMixed;
    std::size_t length = 0;  // code points
    double score = 0.0;
    bool quoted = false;
    std::vector<std::string> accept;
    std::vector<std::size_t> sentences;  // indices of the sentences that contain it
    std::set<char32_t> followers;        // what comes right after it (a particle, 省, の…)
    bool name = false;                   // a name with a recovered reading
    bool in_question = false;            // the interviewer's question uses it too
    // Sentences where it stands as a whole word: a kanji word not glued to more kanji (優位 in
    // 優位性 or 技術 in 技術動向 is half a compound; blanking or swapping it there reads wrong).
    std::vector<std::size_t> whole_in;
};

struct SentenceInfo {
    std::string text;
    std::string fold;
    std::size_t length = 0;
    std::vector<std::size_t> terms;  // indices into ExchangeInfo::terms
    bool claim = false;              // usable as a claim, a choice or an excerpt
    ArgumentRole role = ArgumentRole::kClaim;
    bool core = false;
    bool refers_back = false;
    std::optional<Contrast> contrast;
};

struct ExchangeInfo {
    const Exchange* exchange = nullptr;
    std::string question_fold;
    std::string answer_fold;
    std::vector<SentenceInfo> sentences;
    std::vector<Term> terms;                         // sorted by score, best first
    std::unordered_set<std::string> term_folds;      // of the terms scoring 1 or more
    std::unordered_set<std::string> sentence_folds;  // of every sentence of the answer
    std::unordered_set<std::string> question_terms;  // folds of the question's content words
};

bool IsQuoted(std::string_view sentence, std::string_view term) {
    static constexpr std::pair<std::string_view, std::string_view> kQuotes[] = {
        {"「", "」"}, {"『", "』"}, {"“", "”"}, {"\"", "\""}};
    for (const auto& [open, close] : kQuotes) {
        const std::string quoted = std::string(open) + std::string(term) + std::string(close);
        if (sentence.find(quoted) != std::string_view::npos) return true;
    }
    return false;
}

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

ExchangeInfo Analyse(const Exchange& exchange, const RubyIndex& ruby) {
    ExchangeInfo info;
    info.exchange = &exchange;
    info.question_fold = Fold(exchange.question);
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
        if (after) term.followers.insert(after);
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
    };
    for (auto& text : SplitSentences(exchange.answer)) {
        const std::size_t index = info.sentences.size();
        SentenceInfo sentence;
        sentence.length = CodePointCount(text);
        sentence.fold = Fold(text);
        sentence.text = std::move(text);
        info.sentences.push_back(std::move(sentence));
        const std::string& s = info.sentences.back().text;
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
        info.sentences.back().claim = content >= 2 && !question_like &&
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
        if (info.terms[t].score >= 1.0) info.term_folds.insert(info.terms[t].fold);
    }
    for (const auto& sentence : info.sentences) info.sentence_folds.insert(sentence.fold);
    ArgumentStructure arguments = AnalyseArguments(exchange.answer, exchange.question);
    if (arguments.sentences.size() == info.sentences.size()) {
        for (std::size_t s = 0; s < info.sentences.size(); ++s) {
            ArgumentSentence& a = arguments.sentences[s];
            info.sentences[s].role = a.role;
            info.sentences[s].core = a.core;
            info.sentences[s].refers_back = a.refers_back;
            info.sentences[s].contrast = std::move(a.contrast);
        }
    }
    for (const auto& word : ContentWords(exchange.question))
        info.question_terms.insert(Fold(word.text));
    return info;
}

double SentenceScore(const ExchangeInfo& info, const SentenceInfo& sentence) {
    double score = 0.0;
    for (const std::size_t t : sentence.terms) score += info.terms[t].score;
    return score;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Ids and seeded shuffles
//-------------------------------------------------------------------------------------------------

// Ids hash the source id, the kind and the text span; a repeated span (the same sentence twice)
// is numbered afterwards by NumberRepeatedIds(), in generation order.
std::string MakeId(const std::string& source_id, QuestionKind kind, const std::string& span) {
    const std::string_view name = KindName(kind);
    std::uint64_t hash = detail::Fnv1a64(source_id);
    hash = detail::Fnv1a64("\x1f", hash);
    hash = detail::Fnv1a64(name, hash);
    hash = detail::Fnv1a64("\x1f", hash);
    hash = detail::Fnv1a64(span, hash);
    return source_id + "-" + std::string(name) + "-" + detail::Hex64(hash);
}

void NumberRepeatedIds(std::vector<Question>& questions) {
    std::map<std::string, std::size_t> seen;
    for (auto& q : questions) {
        const std::size_t n = ++seen[q.id];
        if (n > 1) q.id += "-" + std::to_string(n);
    }
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
    explicit Generator(const Interview& interview) : interview_(interview), ruby_(interview.ruby) {
        infos_.reserve(interview.exchanges.size());
        for (const auto& exchange : interview.exchanges) infos_.push_back(Analyse(exchange, ruby_));
    }

    std::vector<Question> Run() {
        questions_.reserve(infos_.size() * 10 + interview_.profile.size() * 2);
        key_sentence_.assign(infos_.size(), std::string::npos);
        for (std::size_t e = 0; e < infos_.size(); ++e) {
            used_sentences_.assign(infos_[e].sentences.size(), false);
            Recall(e);
            Choice(e);
            WhichQuestion(e);
            Cloze(e);
            TrueFalse(e);
            Order(e);
        }
        Sections();
        Profile();
        NumberRepeatedIds(questions_);
        return std::move(questions_);
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
            for (int k = self - kDistractorWindow - 1;
                 k >= 0 && infos_[static_cast<std::size_t>(k)].exchange->section == section &&
                 self - k <= 4 * kDistractorWindow;
                 --k) {
                out.push_back(static_cast<std::size_t>(k));
            }
            for (int k = self + kDistractorWindow + 1;
                 k < n && infos_[static_cast<std::size_t>(k)].exchange->section == section &&
                 k - self <= 4 * kDistractorWindow;
                 ++k) {
                out.push_back(static_cast<std::size_t>(k));
            }
        }
        return out;
    }

    // How many of `a`'s terms `b`'s question uses.
    static std::size_t SharedQuestionTerms(const ExchangeInfo& a, const ExchangeInfo& b) {
        std::size_t shared = 0;
        for (const auto& fold : b.question_terms) shared += a.term_folds.count(fold);
        return shared;
    }

    // Points into the ExchangeInfos, which outlive every candidate list.
    struct Candidate {
        double plausibility = 0.0;
        std::uint64_t tie = 0;
        const std::string* text = nullptr;
        const std::string* fold = nullptr;
    };

    // Picks up to `count` distinct candidates, most plausible first, ties broken by `id`.
    static std::vector<std::string> PickDistinct(
        std::vector<Candidate> candidates, std::size_t count,
        const std::set<std::string>& excluded_folds,
        const std::function<bool(const std::string&)>& acceptable = nullptr) {
        std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
            if (a.plausibility != b.plausibility) return a.plausibility > b.plausibility;
            return a.tie < b.tie;
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
    std::vector<std::string> SentenceDistractors(std::size_t e, const SentenceInfo& answer,
                                                 const std::string& id) const {
        std::vector<Candidate> candidates;
        const std::uint64_t id_hash = detail::Fnv1a64(id);
        const int section = infos_[e].exchange->section;
        for (const std::size_t k : Neighbours(e)) {
            const ExchangeInfo& other = infos_[k];
            const bool same_section = section != 0 && other.exchange->section == section;
            for (const auto& s : other.sentences) {
                if (!s.claim) continue;
                const double fit = LengthFit(s.length, answer.length);
                if (fit < 0.5) continue;
                // Never a sentence that also appears in this exchange's own answer.
                if (infos_[e].sentence_folds.count(s.fold)) continue;
                std::size_t shared = 0;
                for (const std::size_t t : s.terms)
                    shared += infos_[e].term_folds.count(other.terms[t].fold);
                Candidate c;
                c.plausibility =
                    (same_section ? 2.0 : 0.0) + fit + 0.5 * static_cast<double>(shared);
                c.tie = detail::Fnv1a64(s.fold, id_hash);
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
                if (t.score < 1.0 || infos_[e].term_folds.count(t.fold)) continue;
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
            if (diff >
                (term.kind == WordKind::kKatakana ? 3u : (term.kind == WordKind::kHan ? 0u : 1u)))
                continue;
            if (t.name != term.name) continue;  // a name only for a name
            bool shared_follower = false;
            for (const char32_t f : t.followers)
                shared_follower = shared_follower || term.followers.count(f);
            // Kanji words must fit the same slot (堀を/堀は, 広東省): a shared next character.
            if (term.kind == WordKind::kHan && !term.name && !shared_follower) continue;
            Candidate c;
            c.plausibility = (foreign.same_section ? 1.0 : 0.0) + (shared_follower ? 1.0 : 0.0) +
                             t.score * 0.25 - static_cast<double>(diff) * 0.5;
            c.tie = detail::Fnv1a64(t.fold, id_hash);
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
    // [SECTION] The seven kinds
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

    void Recall(std::size_t e) {
        const Exchange& exchange = *infos_[e].exchange;
        Question q = Make(QuestionKind::kRecall, e, infos_[e].question_fold);
        q.prompt = exchange.question;
        q.answer = exchange.answer;
        q.context = JoinLines(exchange.notes);
        questions_.push_back(std::move(q));
    }

    // The best unused claim sentence under `score`, or npos.
    template <typename Score>
    std::size_t BestSentence(std::size_t e, Score score, bool allow_used) const {
        const auto& sentences = infos_[e].sentences;
        std::size_t best = std::string::npos;
        double best_score = -1.0;
        for (std::size_t s = 0; s < sentences.size(); ++s) {
            if (!sentences[s].claim || (!allow_used && used_sentences_[s])) continue;
            const double value = score(sentences[s]);
            if (value > best_score) {
                best_score = value;
                best = s;
            }
        }
        return best;
    }

    void Choice(std::size_t e) {
        const ExchangeInfo& info = infos_[e];
        // The sentence that answers the question most directly: shares its terms, then is rich.
        const std::size_t s = BestSentence(
            e,
            [&](const SentenceInfo& sentence) {
                double overlap = 0.0;
                for (const std::size_t t : sentence.terms) {
                    if (info.terms[t].in_question) overlap += 1.0;
                }
                return 1.5 * overlap + SentenceScore(info, sentence);
            },
            false);
        if (s == std::string::npos) return;
        key_sentence_[e] = s;
        const SentenceInfo& answer = info.sentences[s];
        Question q = Make(QuestionKind::kChoice, e, info.question_fold + "|" + answer.fold);
        auto distractors = SentenceDistractors(e, answer, q.id);
        if (distractors.size() < 3) return;
        used_sentences_[s] = true;
        q.prompt = info.exchange->question;
        q.answer = answer.text;
        q.choices = std::move(distractors);
        q.choices.push_back(answer.text);
        Shuffle(q.choices, q.id);
        q.context = info.exchange->answer;
        SetSource(q, e, s);
        questions_.push_back(std::move(q));
    }

    void WhichQuestion(std::size_t e) {
        const ExchangeInfo& info = infos_[e];
        std::size_t s = BestSentence(
            e, [&](const SentenceInfo& sentence) { return SentenceScore(info, sentence); }, false);
        if (s == std::string::npos) {
            s = BestSentence(
                e, [&](const SentenceInfo& sentence) { return SentenceScore(info, sentence); },
                true);
        }
        if (s == std::string::npos) return;
        const SentenceInfo& excerpt = info.sentences[s];
        Question q = Make(QuestionKind::kWhichQuestion, e, info.question_fold + "|" + excerpt.fold);
        std::vector<Candidate> candidates;
        const std::uint64_t id_hash = detail::Fnv1a64(q.id);
        const int section = info.exchange->section;
        const std::size_t length = CodePointCount(info.exchange->question);
        for (const std::size_t k : Neighbours(e)) {
            const ExchangeInfo& other = infos_[k];
            if (excerpt.fold == other.question_fold) continue;
            Candidate c;
            c.plausibility = (section != 0 && other.exchange->section == section ? 2.0 : 0.0) +
                             LengthFit(CodePointCount(other.exchange->question), length) +
                             0.5 * static_cast<double>(SharedQuestionTerms(info, other));
            c.tie = detail::Fnv1a64(other.question_fold, id_hash);
            c.text = &other.exchange->question;
            c.fold = &other.question_fold;
            candidates.push_back(std::move(c));
        }
        auto distractors = PickDistinct(std::move(candidates), 3, {info.question_fold});
        if (distractors.size() < 3) return;
        used_sentences_[s] = true;
        q.prompt = excerpt.text;
        q.answer = info.exchange->question;
        q.choices = std::move(distractors);
        q.choices.push_back(info.exchange->question);
        Shuffle(q.choices, q.id);
        q.context = info.exchange->answer;
        SetSource(q, e, s);
        questions_.push_back(std::move(q));
    }

    static std::string Blank(const std::string& sentence, const std::string& term) {
        return detail::ReplaceWord(sentence, term, kClozeBlank);
    }

    void Cloze(std::size_t e) {
        const ExchangeInfo& info = infos_[e];
        std::vector<bool> used(info.sentences.size(), false);
        std::size_t made = 0;
        for (const Term& term : info.terms) {
            if (made == std::min(kMaxClozePerExchange, 1 + info.sentences.size() / 2)) break;
            if (term.score < kMinClozeScore) break;  // sorted: the rest score lower
            if (term.kind == WordKind::kHan && term.length == 1 && term.score < 4.0) continue;
            // A quoted term may share its sentence with another; otherwise one blank per sentence.
            std::size_t chosen = std::string::npos;
            for (const std::size_t s : term.whole_in) {
                const SentenceInfo& sentence = info.sentences[s];
                if (sentence.length < 8 || sentence.length > 2 * kMaxClaimLength) continue;
                if (used[s] && !term.quoted) continue;
                if (term.quoted && !IsQuoted(sentence.text, term.text) &&
                    chosen != std::string::npos)
                    continue;
                chosen = s;
                if (!term.quoted || IsQuoted(sentence.text, term.text)) break;
            }
            if (chosen == std::string::npos) continue;
            const SentenceInfo& sentence = info.sentences[chosen];
            std::string prompt = Blank(sentence.text, term.text);
            if (Fold(prompt).find(term.fold) != std::string::npos)
                continue;  // another spelling leaks it
            Question q = Make(QuestionKind::kCloze, e, sentence.fold + "|" + term.fold);
            q.prompt = std::move(prompt);
            q.answer = term.text;
            q.accept = term.accept;
            auto distractors = TermDistractors(e, term, q.id, 3);
            if (distractors.size() == 3) {
                q.choices = std::move(distractors);
                q.choices.push_back(term.text);
                Shuffle(q.choices, q.id);
            }
            q.context = sentence.text;
            SetSource(q, e, chosen);
            used[chosen] = true;
            ++made;
            questions_.push_back(std::move(q));
        }
    }

    void TrueFalse(std::size_t e) {
        const ExchangeInfo& info = infos_[e];
        const auto rich = [&](const SentenceInfo& sentence) {
            return SentenceScore(info, sentence);
        };
        // A true claim.
        std::size_t true_sentence = BestSentence(e, rich, false);
        if (true_sentence == std::string::npos) true_sentence = BestSentence(e, rich, true);
        if (true_sentence != std::string::npos) {
            const SentenceInfo& s = info.sentences[true_sentence];
            Question q = Make(QuestionKind::kTrueFalse, e, s.fold + "|true");
            q.prompt = s.text;
            q.answer = "true";
            q.context = s.text;
            SetSource(q, e, true_sentence);
            used_sentences_[true_sentence] = true;
            questions_.push_back(std::move(q));
        }
        // A false claim: another sentence with its best swappable term replaced by a term of the
        // same kind from another answer that fits the same slot.
        struct Option {
            double score = 0.0;
            std::size_t sentence = 0;
            std::size_t term = 0;
        };
        std::vector<Option> options;
        for (std::size_t si = 0; si < info.sentences.size(); ++si) {
            const SentenceInfo& s = info.sentences[si];
            if (!s.claim || si == true_sentence) continue;
            for (const std::size_t t : s.terms) {
                const Term& term = info.terms[t];
                if (term.kind != WordKind::kHan && term.kind != WordKind::kKatakana &&
                    term.kind != WordKind::kLatin)
                    continue;
                if (term.length < 2 || term.score < 1.0) continue;
                if (std::find(term.whole_in.begin(), term.whole_in.end(), si) ==
                    term.whole_in.end())
                    continue;
                options.push_back(Option{term.score + (used_sentences_[si] ? 0.0 : 1.0), si, t});
            }
        }
        std::stable_sort(options.begin(), options.end(),
                         [](const Option& a, const Option& b) { return a.score > b.score; });
        // A few tries are enough; bounding them keeps a huge answer linear.
        if (options.size() > kMaxFalseClaimTries) options.resize(kMaxFalseClaimTries);
        for (const Option& option : options) {
            const SentenceInfo& s = info.sentences[option.sentence];
            const Term& term = info.terms[option.term];
            Question q = Make(QuestionKind::kTrueFalse, e, s.fold + "|" + term.fold + "|false");
            const std::size_t at = s.text.find(term.text);
            if (at == std::string::npos || s.text.find(term.text, at + 1) != std::string::npos)
                continue;  // one changed span, so the study screen can show it
            const auto swap = TermDistractors(e, term, q.id, 1);
            if (swap.empty()) continue;
            q.prompt = detail::ReplaceWord(s.text, term.text, swap.front());
            if (Fold(q.prompt) == s.fold) continue;
            q.answer = "false";
            q.context = s.text;
            SetSource(q, e, option.sentence);
            q.changed_offset = at;
            q.changed_length = term.text.size();
            q.replacement = swap.front();
            q.falsified_by = "swap";
            used_sentences_[option.sentence] = true;
            questions_.push_back(std::move(q));
            return;
        }
    }

    void Order(std::size_t e) {
        const ExchangeInfo& info = infos_[e];
        const std::size_t n = info.sentences.size();
        if (n < kMinOrderGroup) return;
        const std::size_t parts = (n + kMaxOrderGroup - 1) / kMaxOrderGroup;
        for (std::size_t p = 0; p < parts; ++p) {
            // Balanced parts: sizes differ by at most one, each at least kMinOrderGroup.
            const std::size_t begin = n * p / parts, end = n * (p + 1) / parts;
            if (end - begin < kMinOrderGroup) continue;
            std::vector<std::string> sentences;
            std::set<std::string> folds;
            std::string span;
            for (std::size_t s = begin; s < end; ++s) {
                sentences.push_back(info.sentences[s].text);
                folds.insert(info.sentences[s].fold);
                span += info.sentences[s].fold + "\n";
            }
            if (folds.size() != sentences.size())
                continue;  // repeated sentences: order is ambiguous
            Question q = Make(QuestionKind::kOrder, e, span);
            q.prompt = info.exchange->question;
            if (parts > 1)
                q.prompt += "（" + std::to_string(p + 1) + "/" + std::to_string(parts) + "）";
            q.answer = JoinLines(sentences);
            q.choices = sentences;
            Shuffle(q.choices, q.id);
            if (q.choices == sentences)
                std::rotate(q.choices.begin(), q.choices.begin() + 1, q.choices.end());
            questions_.push_back(std::move(q));
        }
    }

    // A recall question per section theme: the heading as the prompt, the key sentence of each of
    // its answers (the one the choice question asks for) as the answer to restate. Tied to the
    // section's first exchange; the id hashes the heading only.
    void Sections() {
        // Exchanges by section, in one pass: linear however many sections there are.
        std::map<int, std::vector<std::size_t>> members;
        for (std::size_t e = 0; e < infos_.size(); ++e)
            members[infos_[e].exchange->section].push_back(e);
        for (const auto& section : interview_.sections) {
            const auto it = members.find(section.index);
            if (it == members.end()) continue;
            std::vector<std::string> points;
            std::string questions;
            for (const std::size_t e : it->second) {
                const std::size_t s = key_sentence_[e];
                if (s != std::string::npos) points.push_back("・" + infos_[e].sentences[s].text);
                questions += (questions.empty() ? "" : "\n") + infos_[e].exchange->question;
            }
            if (points.size() < 2) continue;
            Question q =
                Make(QuestionKind::kRecall, it->second.front(), "section|" + Fold(section.title));
            q.prompt = section.title;
            q.answer = JoinLines(points);
            if (Fold(q.answer).find(Fold(q.prompt)) != std::string::npos) continue;
            q.context = std::move(questions);
            questions_.push_back(std::move(q));
        }
    }

    // Key terms of a profile fact: recovered names (湛江, 呉川), else its first long kanji run
    // (浙江大学, 杭州幻方科技有限公司, 梁文峰) and its Latin names (DeepSeek, not titles like CEO).
    std::vector<std::pair<std::string, std::vector<std::string>>> ProfileTerms(
        const std::string& fact) const {
        std::vector<std::pair<std::string, std::vector<std::string>>> terms;
        for (const auto& hit : ruby_.Find(fact)) {
            const bool seen = std::any_of(terms.begin(), terms.end(),
                                          [&](const auto& t) { return t.first == *hit.base; });
            if (!seen) terms.push_back({*hit.base, *ruby_.Readings(*hit.base)});
        }
        if (!terms.empty()) return terms;
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
                if (Fold(prompt).find(term_fold) != std::string::npos) continue;
                Question q =
                    Make(QuestionKind::kProfile, infos_.size(), Fold(fact) + "|" + term_fold);
                q.prompt = std::move(prompt);
                q.answer = term;
                q.accept = accept;
                q.context = fact;
                questions_.push_back(std::move(q));
            }
        }
    }

    const Interview& interview_;
    RubyIndex ruby_;
    std::vector<ExchangeInfo> infos_;
    std::vector<bool> used_sentences_;       // of the exchange being generated
    std::vector<std::size_t> key_sentence_;  // per exchange: the sentence its choice asks for
    std::size_t foreign_for_ = SIZE_MAX;     // the exchange foreign_ was computed for
    std::vector<ForeignTerm> foreign_;
    std::vector<Question> questions_;
};

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] GenerateQuestions
//-------------------------------------------------------------------------------------------------

std::vector<Question> GenerateQuestions(const Interview& interview) {
    return Generator(interview).Run();
}

}  // namespace mondo::content
