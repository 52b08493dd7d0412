// Argument roles of an answer's sentences, read from discourse markers (see arguments.h).
#include "content/arguments.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

#include "content/japanese_text.h"
#include "content/unicode.h"

namespace mondo::content {

std::string_view RoleName(ArgumentRole role) {
    switch (role) {
        case ArgumentRole::kClaim:
            return "claim";
        case ArgumentRole::kReason:
            return "reason";
        case ArgumentRole::kContrast:
            return "contrast";
        case ArgumentRole::kExample:
            return "example";
        case ArgumentRole::kConclusion:
            return "conclusion";
        case ArgumentRole::kConcession:
            return "concession";
        case ArgumentRole::kContext:
            return "context";
    }
    return "claim";
}

namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}
bool EndsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string Lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The sentence without opening brackets, quotes and white space.
std::string_view OpeningOf(std::string_view sentence) {
    while (!sentence.empty()) {
        std::size_t i = 0;
        const char32_t cp = DecodeUtf8(sentence, i);
        if (detail::IsSpaceLike(cp) || cp == U'「' || cp == U'『' || cp == U'"' || cp == U'“' ||
            cp == U'(' || cp == U'（') {
            sentence.remove_prefix(i);
        } else {
            break;
        }
    }
    return sentence;
}

// Sentence-final text without closing punctuation and white space.
std::string_view EndingOf(std::string_view sentence) {
    while (!sentence.empty()) {
        std::size_t start = sentence.size();
        const char32_t cp = DecodeUtf8Before(sentence, start);
        if (detail::IsSpaceLike(cp) || cp == U'。' || cp == U'.' || cp == U'!' || cp == U'！' ||
            cp == U'」' || cp == U'”' || cp == U'"' || cp == U'）' || cp == U')') {
            sentence.remove_suffix(sentence.size() - start);
        } else {
            break;
        }
    }
    return sentence;
}

struct Marker {
    std::string_view text;
    ArgumentRole role;
};

// Japanese markers that open a sentence. Longer first where one is a prefix of another.
constexpr std::array kJapaneseOpeners = {
    Marker{"だからこそ", ArgumentRole::kConclusion},
    Marker{"したがって", ArgumentRole::kConclusion},
    Marker{"従って", ArgumentRole::kConclusion},
    Marker{"そのため", ArgumentRole::kConclusion},
    Marker{"それゆえ", ArgumentRole::kConclusion},
    Marker{"つまり", ArgumentRole::kConclusion},
    Marker{"要するに", ArgumentRole::kConclusion},
    Marker{"結局", ArgumentRole::kConclusion},
    Marker{"ですから", ArgumentRole::kConclusion},
    Marker{"だから", ArgumentRole::kConclusion},
    Marker{"このように", ArgumentRole::kConclusion},
    Marker{"こうして", ArgumentRole::kConclusion},
    Marker{"しかしながら", ArgumentRole::kContrast},
    Marker{"しかし", ArgumentRole::kContrast},
    Marker{"ところが", ArgumentRole::kContrast},
    Marker{"一方で", ArgumentRole::kContrast},
    Marker{"一方", ArgumentRole::kContrast},
    Marker{"逆に", ArgumentRole::kContrast},
    Marker{"それでも", ArgumentRole::kContrast},
    Marker{"とはいえ", ArgumentRole::kContrast},
    Marker{"けれども", ArgumentRole::kContrast},
    Marker{"でも", ArgumentRole::kContrast},
    Marker{"だが", ArgumentRole::kContrast},
    Marker{"例えば", ArgumentRole::kExample},
    Marker{"たとえば", ArgumentRole::kExample},
    Marker{"例として", ArgumentRole::kExample},
    Marker{"なぜなら", ArgumentRole::kReason},
    Marker{"というのも", ArgumentRole::kReason},
    Marker{"確かに", ArgumentRole::kConcession},
    Marker{"もちろん", ArgumentRole::kConcession},
    Marker{"ただし", ArgumentRole::kConcession},
    Marker{"ただ", ArgumentRole::kConcession},
};

// English markers that open a sentence (compared in lower case, followed by a space or comma).
constexpr std::array kEnglishOpeners = {
    Marker{"that is why", ArgumentRole::kConclusion},
    Marker{"that's why", ArgumentRole::kConclusion},
    Marker{"therefore", ArgumentRole::kConclusion},
    Marker{"in short", ArgumentRole::kConclusion},
    Marker{"in the end", ArgumentRole::kConclusion},
    Marker{"thus", ArgumentRole::kConclusion},
    Marker{"hence", ArgumentRole::kConclusion},
    Marker{"so", ArgumentRole::kConclusion},
    Marker{"however", ArgumentRole::kContrast},
    Marker{"but", ArgumentRole::kContrast},
    Marker{"yet", ArgumentRole::kContrast},
    Marker{"on the other hand", ArgumentRole::kContrast},
    Marker{"instead", ArgumentRole::kContrast},
    Marker{"for example", ArgumentRole::kExample},
    Marker{"for instance", ArgumentRole::kExample},
    Marker{"because", ArgumentRole::kReason},
    Marker{"since", ArgumentRole::kReason},
    Marker{"of course", ArgumentRole::kConcession},
    Marker{"admittedly", ArgumentRole::kConcession},
    Marker{"granted", ArgumentRole::kConcession},
    Marker{"sure", ArgumentRole::kConcession},
};

// Markers inside an English sentence.
constexpr std::array kEnglishInner = {
    Marker{" instead of ", ArgumentRole::kContrast},
    Marker{" rather than ", ArgumentRole::kContrast},
    Marker{", but ", ArgumentRole::kContrast},
    Marker{" because ", ArgumentRole::kReason},
    Marker{" due to ", ArgumentRole::kReason},
    Marker{" for example", ArgumentRole::kExample},
    Marker{" such as ", ArgumentRole::kExample},
    Marker{", so ", ArgumentRole::kConclusion},
};

constexpr std::array<std::string_view, 14> kJapaneseReferring = {
    "それ", "これ", "あれ", "その", "この", "あの", "そう",
    "こう", "彼ら", "彼女", "彼",   "そこ", "ここ", "同社"};
constexpr std::array<std::string_view, 12> kEnglishReferring = {
    "they", "this", "these", "that", "those", "he", "she", "them", "such", "its", "their", "there"};

bool OpensWithWord(std::string_view lower, std::string_view word) {
    if (!StartsWith(lower, word)) return false;
    if (lower.size() == word.size()) return true;
    const char next = lower[word.size()];
    return next == ' ' || next == ',' || next == '\'';
}

// Adverbs written in kanji that stand where a contrast's noun would (徐々に, 常に).
bool IsAdverbLike(std::string_view word) {
    static const std::unordered_set<std::string_view> kAdverbs = {
        "徐々", "常", "非常", "実際", "単",   "全",   "特",
        "既",   "更", "最",   "本当", "完全", "絶対", "必ず"};
    return kAdverbs.count(word) > 0;
}

bool IsPhraseWord(const Word& word) {
    if (word.kind == WordKind::kMixed) {
        // Latin with kanji (AI開発) is a phrase; anything with kana in it (徐々に) is not.
        for (std::size_t i = 0; i < word.text.size();) {
            if (detail::IsHiragana(DecodeUtf8(word.text, i))) return false;
        }
        return true;
    }
    return word.kind == WordKind::kHan || word.kind == WordKind::kKatakana ||
           word.kind == WordKind::kLatin;
}

// The run of kanji/katakana/Latin words that ends at `end` (byte offset), or empty: the noun
// phrase a contrast rejects. Quotes around it are kept outside.
std::optional<std::pair<std::size_t, std::size_t>> RunEndingAt(const std::vector<Word>& words,
                                                               const std::string_view text,
                                                               std::size_t end) {
    std::size_t close = end;
    if (close >= 3 && (text.substr(close - 3, 3) == "」" || text.substr(close - 3, 3) == "』"))
        close -= 3;
    std::optional<std::size_t> start;
    for (std::size_t w = words.size(); w-- > 0;) {
        const Word& word = words[w];
        const std::size_t word_end = word.offset + word.text.size();
        if (word_end > close) continue;
        if (word_end != (start ? *start : close)) break;
        if (!IsPhraseWord(word)) break;
        start = word.offset;
    }
    if (!start) return std::nullopt;
    return std::make_pair(*start, close);
}

// The run that starts at `begin` (after 、 and an opening quote), ends before a particle that is
// not の (the run must be the phrase itself, not a modifier of a longer one).
std::optional<std::pair<std::size_t, std::size_t>> RunStartingAt(const std::vector<Word>& words,
                                                                 std::string_view text,
                                                                 std::size_t begin) {
    for (const std::string_view skip : {"、", "，", "「", "『"}) {
        if (text.substr(begin, skip.size()) == skip) begin += skip.size();
    }
    if (text.substr(begin, 3) == "「" || text.substr(begin, 3) == "『") begin += 3;
    std::optional<std::size_t> end;
    for (const Word& word : words) {
        if (word.offset < begin) continue;
        if (word.offset != (end ? *end : begin)) break;
        if (!IsPhraseWord(word)) break;
        if (!end && IsAdverbLike(word.text)) return std::nullopt;
        end = word.offset + word.text.size();
    }
    if (!end) return std::nullopt;
    std::size_t after = *end;
    if (text.substr(after, 3) == "」" || text.substr(after, 3) == "』") after += 3;
    if (text.substr(after, 3) == "の") return std::nullopt;
    return std::make_pair(begin, *end);
}

std::optional<Contrast> JapaneseContrast(std::string_view text) {
    const std::size_t marker = text.find("ではなく");
    if (marker == std::string_view::npos) return std::nullopt;
    const auto words = SplitWords(text);
    const auto rejected = RunEndingAt(words, text, marker);
    const auto asserted = RunStartingAt(words, text, marker + std::string_view("ではなく").size());
    if (!rejected || !asserted) return std::nullopt;
    Contrast c;
    c.rejected = std::string(text.substr(rejected->first, rejected->second - rejected->first));
    c.rejected_offset = rejected->first;
    c.asserted = std::string(text.substr(asserted->first, asserted->second - asserted->first));
    c.asserted_offset = asserted->first;
    if (CodePointCount(c.rejected) < 2 || CodePointCount(c.asserted) < 2) return std::nullopt;
    if (CodePointCount(c.rejected) > 12 || CodePointCount(c.asserted) > 12) return std::nullopt;
    return c;
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }

// The word (letters, digits, hyphens) ending at `end` / starting at `begin`, skipping an article.
std::optional<std::pair<std::size_t, std::size_t>> EnglishWordBefore(std::string_view text,
                                                                     std::size_t end) {
    std::size_t start = end;
    while (start > 0 && IsWordChar(text[start - 1])) --start;
    if (start == end) return std::nullopt;
    return std::make_pair(start, end);
}
std::optional<std::pair<std::size_t, std::size_t>> EnglishWordAfter(std::string_view text,
                                                                    std::size_t begin) {
    for (const std::string_view article : {"a ", "an ", "the "}) {
        if (text.substr(begin, article.size()) == article) begin += article.size();
    }
    std::size_t end = begin;
    while (end < text.size() && IsWordChar(text[end])) ++end;
    if (end == begin) return std::nullopt;
    return std::make_pair(begin, end);
}

bool IsEnglishFunction(std::string_view lower) {
    static const std::unordered_set<std::string_view> kWords = {
        "a",    "an",   "the",  "to",   "of",   "in",    "on",    "it",    "is",   "be",
        "that", "this", "them", "they", "we",   "you",   "i",     "just",  "only", "do",
        "does", "did",  "have", "has",  "more", "being", "doing", "going", "what", "which"};
    return kWords.count(lower) > 0;
}

std::optional<Contrast> EnglishContrast(std::string_view text) {
    const std::string lower = Lower(text);
    const auto make = [&](std::pair<std::size_t, std::size_t> rejected,
                          std::pair<std::size_t, std::size_t> asserted) -> std::optional<Contrast> {
        Contrast c;
        c.rejected = std::string(text.substr(rejected.first, rejected.second - rejected.first));
        c.rejected_offset = rejected.first;
        c.asserted = std::string(text.substr(asserted.first, asserted.second - asserted.first));
        c.asserted_offset = asserted.first;
        if (IsEnglishFunction(Lower(c.rejected)) || IsEnglishFunction(Lower(c.asserted)))
            return std::nullopt;
        if (c.rejected.size() < 3 || c.asserted.size() < 3) return std::nullopt;
        return c;
    };
    // "A instead of B" / "A rather than B": A is asserted, B rejected.
    for (const std::string_view marker : {" instead of ", " rather than "}) {
        const std::size_t at = lower.find(marker);
        if (at == std::string::npos) continue;
        const auto asserted = EnglishWordBefore(text, at);
        const auto rejected = EnglishWordAfter(text, at + marker.size());
        if (asserted && rejected) return make(*rejected, *asserted);
    }
    // "not A but B".
    const std::size_t nota = lower.find("not ");
    if (nota != std::string::npos && (nota == 0 || lower[nota - 1] == ' ')) {
        const auto rejected = EnglishWordAfter(text, nota + 4);
        if (rejected) {
            const std::size_t but = lower.find(" but ", rejected->second);
            if (but != std::string::npos && but <= rejected->second + 1) {
                const auto asserted = EnglishWordAfter(text, but + 5);
                if (asserted) return make(*rejected, *asserted);
            }
        }
    }
    return std::nullopt;
}

bool IsQuestionLike(std::string_view text) {
    const std::string_view end = EndingOf(text);
    return EndsWith(end, "?") || EndsWith(end, "？") || EndsWith(end, "か?") ||
           EndsWith(end, "か？");
}

void ReadJapanese(ArgumentSentence& s) {
    const std::string_view open = OpeningOf(s.text);
    for (const Marker& m : kJapaneseOpeners) {
        if (StartsWith(open, m.text)) {
            s.role = m.role;
            s.marker = std::string(m.text);
            break;
        }
    }
    if (s.marker.empty()) {
        const std::string_view end = EndingOf(s.text);
        if (s.text.find("からこそ") != std::string::npos) {
            s.role = ArgumentRole::kConclusion;
            s.marker = "からこそ";
        } else if (s.text.find("ではなく") != std::string::npos ||
                   s.text.find("というよりも") != std::string::npos) {
            s.role = ArgumentRole::kContrast;
            s.marker = s.text.find("ではなく") != std::string::npos ? "ではなく" : "というよりも";
        } else if (s.text.find("例えば") != std::string::npos) {
            s.role = ArgumentRole::kExample;
            s.marker = "例えば";
        } else if (EndsWith(end, "からです") || EndsWith(end, "ためです") ||
                   EndsWith(end, "からだ") || EndsWith(end, "からでしょう")) {
            s.role = ArgumentRole::kReason;
            s.marker = EndsWith(end, "ためです") ? "ため" : "から";
        } else if (s.text.find("ために") != std::string::npos ||
                   s.text.find("ため、") != std::string::npos ||
                   s.text.find("ので、") != std::string::npos) {
            s.role = ArgumentRole::kReason;
            s.marker = s.text.find("ので、") != std::string::npos ? "ので" : "ため";
        }
    }
    for (const std::string_view word : kJapaneseReferring) {
        if (StartsWith(open, word)) s.refers_back = true;
    }
    // 実際には / しかしそれは…: a pronoun right after the opening marker refers back too.
    if (!s.marker.empty() && StartsWith(open, s.marker)) {
        std::string_view rest = open.substr(s.marker.size());
        if (StartsWith(rest, "、")) rest.remove_prefix(3);
        for (const std::string_view word : kJapaneseReferring) {
            if (StartsWith(rest, word)) s.refers_back = true;
        }
    }
    s.contrast = JapaneseContrast(s.text);
}

void ReadEnglish(ArgumentSentence& s) {
    const std::string lower = Lower(OpeningOf(s.text));
    for (const Marker& m : kEnglishOpeners) {
        if (OpensWithWord(lower, m.text)) {
            s.role = m.role;
            s.marker = std::string(m.text);
            break;
        }
    }
    if (s.marker.empty()) {
        for (const Marker& m : kEnglishInner) {
            if (lower.find(m.text) != std::string::npos) {
                s.role = m.role;
                s.marker = std::string(detail::Trim(m.text));
                if (!s.marker.empty() && s.marker.front() == ',') s.marker.erase(0, 1);
                s.marker = std::string(detail::Trim(s.marker));
                break;
            }
        }
    }
    for (const std::string_view word : kEnglishReferring) {
        if (OpensWithWord(lower, word)) s.refers_back = true;
    }
    if (!s.marker.empty() && StartsWith(lower, s.marker)) {
        std::string rest = lower.substr(s.marker.size());
        while (!rest.empty() && (rest.front() == ',' || rest.front() == ' ')) rest.erase(0, 1);
        for (const std::string_view word : kEnglishReferring) {
            if (OpensWithWord(rest, word)) s.refers_back = true;
        }
    }
    s.contrast = EnglishContrast(s.text);
    if (s.contrast && s.marker.empty()) {
        s.role = ArgumentRole::kContrast;
        s.marker = "not … but";
    }
}

bool AsksWhy(std::string_view question) {
    const std::string lower = Lower(question);
    return question.find("なぜ") != std::string_view::npos ||
           question.find("理由") != std::string_view::npos ||
           question.find("どうして") != std::string_view::npos ||
           lower.find("why") != std::string::npos;
}

}  // namespace

bool IsMostlyLatin(std::string_view text) {
    std::size_t latin = 0, other = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = DecodeUtf8(text, i);
        if (cp < 0x80) {
            if (std::isalpha(static_cast<unsigned char>(cp))) ++latin;
        } else if (detail::IsHan(cp) || detail::IsKana(cp)) {
            ++other;
        }
    }
    return latin > 3 * other;
}

ArgumentStructure AnalyseArguments(std::string_view answer, std::string_view question) {
    ArgumentStructure structure;
    const bool english = IsMostlyLatin(answer);
    for (auto& text : SplitSentences(answer)) {
        ArgumentSentence s;
        s.text = std::move(text);
        if (english) {
            ReadEnglish(s);
        } else {
            ReadJapanese(s);
        }
        const std::string_view open = OpeningOf(s.text);
        const bool aside = StartsWith(s.text, "(") || StartsWith(s.text, "（");
        if (IsQuestionLike(s.text) || aside || CodePointCount(open) < 6) {
            s.role = ArgumentRole::kContext;
        }
        structure.sentences.push_back(std::move(s));
    }
    if (structure.sentences.empty()) return structure;
    // The core claim: the sentence that best states the thesis.
    std::unordered_set<std::string> question_words;
    for (const auto& word : ContentWords(question)) question_words.insert(Fold(word.text));
    const bool why = AsksWhy(question);
    double best = -1e9;
    for (std::size_t i = 0; i < structure.sentences.size(); ++i) {
        const ArgumentSentence& s = structure.sentences[i];
        double score = 0.0;
        const auto words = ContentWords(s.text);
        for (const auto& word : words) {
            if (question_words.count(Fold(word.text))) score += 1.0;
        }
        // A sentence without a content word ("しかし今振り返ってみると、私の考えは変わりました")
        // turns the argument but cannot state it.
        if (words.empty()) score -= 4.0;
        switch (s.role) {
            case ArgumentRole::kConclusion:
                score += 2.0;
                break;
            case ArgumentRole::kContrast:
                score += s.contrast ? 2.0 : 1.0;
                break;
            case ArgumentRole::kReason:
                score += why ? 2.5 : 0.5;
                break;
            case ArgumentRole::kConcession:
                score -= 3.0;
                break;
            case ArgumentRole::kContext:
                score -= 5.0;
                break;
            default:
                break;
        }
        if (s.refers_back) score -= 3.0;
        if (i == 0) score += 0.5;
        if (score > best) {
            best = score;
            structure.core = i;
        }
    }
    structure.sentences[structure.core].core = true;
    return structure;
}

}  // namespace mondo::content
