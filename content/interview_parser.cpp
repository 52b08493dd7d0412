// Interview parser: raw bytes → Interview.
//
// [SECTION] Input checks (size, encoding, UTF-8 validity)
// [SECTION] Lines and their kinds (labels, dashes, notes, bullets, text)
// [SECTION] Speakers: who asks, decided from the text
// [SECTION] Assembly: turns → exchanges, headings → sections, intro, profile, debris
// [SECTION] Public entry points
//
// Every pass is a single scan over the text or over the lines, with per-line work bounded by the
// line's length, so the whole parse is linear in the input size.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "content/courtesy.h"
#include "content/furigana.h"
#include "content/interview.h"
#include "content/japanese_text.h"
#include "content/page_shapes.h"
#include "content/unicode.h"

extern const unsigned char kBuiltinInterviewText[];
extern const std::size_t kBuiltinInterviewText_size;

namespace mondo::content {

using detail::IsSpaceLike;
using detail::Trim;

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Input checks
//-------------------------------------------------------------------------------------------------

// Braces, not parentheses: clang 14 has no parenthesised aggregate initialisation.
Unexpected<ParseError> MakeError(ParseErrorKind kind, std::size_t offset, std::string message) {
    return Unexpected<ParseError>{ParseError{kind, offset, std::move(message)}};
}

// UTF-16 (with a BOM) → UTF-8. On an unpaired surrogate returns its byte offset in `bytes`.
std::optional<std::size_t> Utf16ToUtf8(std::string_view bytes, bool big_endian, std::string& out) {
    const auto unit = [&](std::size_t at) -> char32_t {
        const auto b0 = static_cast<unsigned char>(bytes[at]);
        const auto b1 = static_cast<unsigned char>(bytes[at + 1]);
        return big_endian ? static_cast<char32_t>((b0 << 8) | b1)
                          : static_cast<char32_t>((b1 << 8) | b0);
    };
    out.reserve(bytes.size() * 3 / 2);
    std::size_t i = 2;
    while (i + 1 < bytes.size()) {
        char32_t cp = unit(i);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 3 >= bytes.size()) return i;
            const char32_t low = unit(i + 2);
            if (low < 0xDC00 || low > 0xDFFF) return i;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 4;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return i;
        } else {
            i += 2;
        }
        AppendUtf8(out, cp);
    }
    if (i != bytes.size()) return i;  // a dangling odd byte
    return std::nullopt;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Lines and their kinds
//-------------------------------------------------------------------------------------------------

enum class LineKind { kBlank, kLabeled, kDash, kNote, kBullet, kText, kProfile };

struct Line {
    LineKind kind = LineKind::kBlank;
    std::string label;  // normalised speaker label for kLabeled
    // Views into the source text, which outlives the parse: lines cost little even for a
    // 10 MB file of one-character lines.
    std::string_view text;  // the content without label/bullet/dash, trimmed
    std::string_view raw;   // the whole line, trimmed
    bool heading = false;   // a Markdown heading ("## …")
    bool quote = false;     // a Markdown block quote ("> …")
    bool bold = false;      // the whole line in bold ("**…**")
};

bool StartsWith(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Characters that never appear inside a speaker label.
bool IsLabelBreaker(char32_t cp) {
    static constexpr std::u32string_view kBreakers =
        U"。、，,.．！!？?「」『』()（）[]［］【】<>〈〉《》\"'“”‘’…:;；/\\|=+*#@%&~^`{}";
    return kBreakers.find(cp) != std::u32string_view::npos;
}

bool IsColon(char32_t cp) { return cp == ':' || cp == 0xFF1A; }
bool IsQuestionMark(char32_t cp) { return cp == '?' || cp == 0xFF1F; }
bool IsDashLead(char32_t cp) {
    return cp == 0x2015 || cp == 0x2014 || cp == 0x2500 || cp == 0x2501 || cp == 0x2013 ||
           cp == 0x2E3A || cp == 0x2E3B;
}

struct LabelMatch {
    std::string label;
    std::size_t content_start = 0;  // byte offset of the text after the label
};

// Full-width Latin letters and digits → ASCII, so "Ｑ：" and "Q:" are the same label.
std::string NormaliseLabel(std::string_view label) {
    std::string out;
    for (std::size_t i = 0; i < label.size();) {
        char32_t cp = DecodeUtf8(label, i);
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
        if (IsSpaceLike(cp)) cp = ' ';
        AppendUtf8(out, cp);
    }
    // "Q1", "Q12" → "Q": numbered questions are one speaker.
    while (out.size() > 1 && out.back() >= '0' && out.back() <= '9') out.pop_back();
    return std::string(Trim(out));
}

constexpr std::size_t kMaxLabelCodePoints = 20;

// A speaker's name starts with a letter or an ideograph, never with a symbol ("▶関連記事：…").
bool CanStartLabel(char32_t cp) {
    if (cp < 0x80) return std::isalnum(static_cast<int>(cp)) != 0;
    return detail::IsHan(cp) || detail::IsKana(cp) || (cp >= 0xFF10 && cp <= 0xFF5A) ||
           (cp >= 0x00C0 && cp < 0x2000) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

// `Name:` / `Name：` at the start of `line`, or `Q.` / `A.` forms. Bounded work per line.
std::optional<LabelMatch> MatchColonLabel(std::string_view line, std::size_t start = 0) {
    {
        std::size_t probe = start;
        if (probe >= line.size() || !CanStartLabel(DecodeUtf8(line, probe))) return std::nullopt;
    }
    std::size_t i = start;
    std::size_t count = 0;
    bool has_letter = false;
    bool all_digits = true;
    std::size_t spaces = 0;
    while (i < line.size() && count <= kMaxLabelCodePoints) {
        const std::size_t at = i;
        const char32_t cp = DecodeUtf8(line, i);
        if (IsColon(cp)) {
            if (count == 0 || !has_letter || all_digits) return std::nullopt;
            const std::string_view rest = line.substr(i);
            if (StartsWith(rest, "//")) return std::nullopt;  // a URL, not a label
            std::string label = NormaliseLabel(line.substr(start, at - start));
            if (label.empty()) return std::nullopt;
            return LabelMatch{std::move(label), i};
        }
        if ((cp == '.' || cp == 0xFF0E) && count >= 1) {
            // "Q." / "A." / "Q1." — a single Latin Q or A, optionally numbered.
            std::string label = NormaliseLabel(line.substr(start, at - start));
            if (label == "Q" || label == "A" || label == "q" || label == "a") {
                std::size_t after = i;
                if (after < line.size()) {
                    std::size_t probe = after;
                    if (detail::IsDigit(DecodeUtf8(line, probe))) return std::nullopt;
                }
                label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
                return LabelMatch{std::move(label), i};
            }
            return std::nullopt;
        }
        if (IsLabelBreaker(cp)) return std::nullopt;
        if (IsSpaceLike(cp)) {
            if (++spaces > 2) return std::nullopt;
        } else {
            has_letter = true;
            if (!detail::IsDigit(cp)) all_digits = false;
        }
        ++count;
    }
    return std::nullopt;
}

bool IsBulletLead(char32_t cp) {
    return cp == 0x2022 || cp == 0x30FB || cp == 0x25CF || cp == 0x25CB || cp == 0x25AA ||
           cp == 0x2023 || cp == 0x2043 || cp == 0xFF65;
}

// Notes: "(注:…)", "（訳註：…）", "※…", "注:…", "[注]…", "Note:…".
bool IsNoteStart(std::string_view text) {
    static constexpr std::string_view kOpeners[] = {"(", "（", "[", "［", "【", "〔"};
    std::string_view rest = text;
    for (const auto opener : kOpeners) {
        if (StartsWith(rest, opener)) {
            rest = rest.substr(opener.size());
            break;
        }
    }
    if (StartsWith(text, "※")) return true;
    static constexpr std::string_view kMarkers[] = {"注",   "訳註", "訳注", "編注", "編集部注",
                                                    "原注", "Note", "note", "NB",   "Translator"};
    for (const auto marker : kMarkers) {
        if (!StartsWith(rest, marker)) continue;
        std::string_view after = rest.substr(marker.size());
        if (after.empty()) return false;
        std::size_t i = 0;
        const char32_t cp = DecodeUtf8(after, i);
        if (IsColon(cp) || cp == ')' || cp == 0xFF09 || cp == ']' || cp == 0xFF3D || cp == 0x3011 ||
            cp == 0x3015 || IsSpaceLike(cp) || (marker == "Translator" && cp == '\'')) {
            return true;
        }
    }
    return false;
}

// Strips one pair of enclosing brackets from a note: "(注:…)" → "注:…".
std::string_view NoteText(std::string_view text) {
    static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
        {"(", ")"}, {"（", "）"}, {"[", "]"}, {"［", "］"}, {"【", "】"}, {"〔", "〕"}};
    for (const auto& [open, close] : kPairs) {
        if (StartsWith(text, open) && EndsWith(text, close) &&
            text.size() > open.size() + close.size()) {
            return Trim(text.substr(open.size(), text.size() - open.size() - close.size()));
        }
    }
    return Trim(text);
}

bool IsOpenBracket(char32_t c) {
    return c == '(' || c == 0xFF08 || c == 0x3014 || c == 0xFF3B || c == 0x3010;
}
bool IsCloseBracket(char32_t c) {
    return c == ')' || c == 0xFF09 || c == 0x3015 || c == 0xFF3D || c == 0x3011;
}

// Removes bracketed notes such as "(訳註:…)" from running text, collecting them. Brackets are
// matched with one stack pass first, so nesting ("(訳註:(x)…)") stays whole and any number of
// unclosed openers costs linear time.
std::string ExtractInlineNotes(std::string_view text, std::vector<std::string>& notes) {
    std::unordered_map<std::size_t, std::size_t> close_end;  // opener offset → end of its closer
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const char32_t c = DecodeUtf8(text, i);
        if (IsOpenBracket(c)) open.push_back(at);
        if (IsCloseBracket(c) && !open.empty()) {
            close_end[open.back()] = i;
            open.pop_back();
        }
    }
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t next = i;
        const char32_t cp = DecodeUtf8(text, next);
        if (IsOpenBracket(cp)) {
            const auto match = close_end.find(i);
            if (match != close_end.end() && IsNoteStart(text.substr(i, match->second - i))) {
                notes.emplace_back(NoteText(text.substr(i, match->second - i)));
                i = match->second;
                continue;
            }
        }
        out.append(text.substr(i, next - i));
        i = next;
    }
    return std::string(Trim(out));
}

Line ClassifyLine(std::string_view raw) {
    Line line;
    const std::string_view text = Trim(raw);
    if (text.empty()) return line;
    line.raw = text;
    std::size_t i = 0;
    const char32_t first = DecodeUtf8(text, i);
    if (IsDashLead(first)) {
        std::size_t j = i;
        while (j < text.size()) {
            std::size_t probe = j;
            const char32_t cp = DecodeUtf8(text, probe);
            if (!IsDashLead(cp) && !IsSpaceLike(cp)) break;
            j = probe;
        }
        if (j < text.size()) {
            line.kind = LineKind::kDash;
            line.label = "――";
            line.text = Trim(text.substr(j));
            return line;
        }
    }
    if (IsNoteStart(text)) {
        line.kind = LineKind::kNote;
        line.text = NoteText(text);
        return line;
    }
    if (IsBulletLead(first) ||
        ((first == '-' || first == '*' || first == '+') && i < text.size() && text[i] == ' ')) {
        line.kind = LineKind::kBullet;
        line.text = Trim(text.substr(i));
        if (!line.text.empty()) return line;
    }
    if (auto label = MatchColonLabel(text)) {
        line.kind = LineKind::kLabeled;
        line.label = std::move(label->label);
        line.text = Trim(text.substr(label->content_start));
        return line;
    }
    line.kind = LineKind::kText;
    line.text = text;
    return line;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || text[i] == '\r') {
            lines.push_back(text.substr(start, i - start));
            if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            start = i + 1;
        }
    }
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Speakers
//-------------------------------------------------------------------------------------------------

enum class Role { kUnknown, kAsker, kAnswerer };

struct SpeakerStats {
    std::size_t turns = 0;
    std::size_t code_points = 0;
    std::size_t question_marks = 0;  // turns that contain ? or ？
    std::size_t first_line = 0;
};

bool ContainsQuestionMark(std::string_view text) {
    return text.find('?') != std::string_view::npos || text.find("？") != std::string_view::npos;
}

bool IsAskerHint(std::string_view label) {
    static constexpr std::string_view kHints[] = {
        "Q",    "――",   "Interviewer", "interviewer", "インタビュアー", "聞き手",
        "記者", "司会", "編集部",      "Question",    "Host",           "INTERVIEWER"};
    return std::find(std::begin(kHints), std::end(kHints), label) != std::end(kHints);
}

bool IsAnswererHint(std::string_view label) { return label == "A" || label == "Answer"; }

// Decides who asks: the one with the most questions, the shortest turns, speaking first; a label
// such as "Q" or "インタビュアー" only tips the balance.
std::map<std::string, Role> DecideRoles(const std::map<std::string, SpeakerStats>& stats) {
    std::map<std::string, Role> roles;
    if (stats.empty()) return roles;
    std::size_t earliest = SIZE_MAX;
    double max_average = 1.0;
    for (const auto& [label, s] : stats) {
        earliest = std::min(earliest, s.first_line);
        max_average = std::max(max_average,
                               static_cast<double>(s.code_points) / static_cast<double>(s.turns));
    }
    std::string asker;
    double best = -1e9;
    for (const auto& [label, s] : stats) {
        const double turns = static_cast<double>(s.turns);
        double score = static_cast<double>(s.question_marks) / turns;
        score += 0.5 * (1.0 - (static_cast<double>(s.code_points) / turns) / max_average);
        if (s.first_line == earliest) score += 0.3;
        if (IsAskerHint(label)) score += 1.0;
        if (IsAnswererHint(label)) score -= 1.0;
        if (score > best) {
            best = score;
            asker = label;
        }
    }
    for (const auto& [label, s] : stats) {
        // A second asker's mark ("――" questions and one "Q." heading) also asks when it asks.
        const bool also_asks = IsAskerHint(label) && s.question_marks * 2 >= s.turns;
        roles[label] = label == asker || also_asks ? Role::kAsker : Role::kAnswerer;
    }
    if (stats.size() == 1) {
        // A single labelled speaker: an asker if it mostly asks, else the answers are labelled.
        const auto& s = stats.begin()->second;
        const bool asks =
            IsAskerHint(asker) || (!IsAnswererHint(asker) && s.question_marks * 2 >= s.turns);
        roles[asker] = asks ? Role::kAsker : Role::kAnswerer;
    }
    return roles;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Assembly
//-------------------------------------------------------------------------------------------------

// Phrases sites put around an article: a line that is one of them (ASCII case ignored) is dropped
// when it stands alone, even right before a question where a heading would stand.
bool IsDebris(std::string_view text) {
    static constexpr std::string_view kDebris[] = {"ブログ",
                                                   "コメント",
                                                   "タイトルとURLをコピーしました",
                                                   "シェアする",
                                                   "ツイート",
                                                   "シェア",
                                                   "関連記事",
                                                   "この記事をシェア",
                                                   "この記事をシェアする",
                                                   "あわせて読みたい",
                                                   "続きを読む",
                                                   "あなたにおすすめ",
                                                   "おすすめ記事",
                                                   "フォローする",
                                                   "広告",
                                                   "pr",
                                                   "スポンサーリンク",
                                                   "目次",
                                                   "share",
                                                   "share this:",
                                                   "share this article",
                                                   "comments",
                                                   "related",
                                                   "related posts",
                                                   "related articles",
                                                   "read more",
                                                   "tweet",
                                                   "like this:",
                                                   "advertisement",
                                                   "sponsored",
                                                   "ad",
                                                   "recommended",
                                                   "follow us",
                                                   "subscribe"};
    std::string folded(text);
    std::transform(folded.begin(), folded.end(), folded.begin(), [](char c) {
        return static_cast<unsigned char>(c) < 0x80
                   ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                   : c;
    });
    return std::find(std::begin(kDebris), std::end(kDebris), folded) != std::end(kDebris);
}

// "（おわり）", "（了）", "〈完〉", "(End)": the article says it is over.
bool IsEndMark(std::string_view text) {
    static constexpr std::string_view kMarks[] = {
        "（おわり）", "（終わり）", "（了）", "（完）", "（終）", "〈了〉", "〈完〉", "(了)",
        "(おわり)",   "(完)",       "(End)",  "(end)",  "(END)",  "[End]",  "END",    "Fin"};
    return std::find(std::begin(kMarks), std::end(kMarks), text) != std::end(kMarks);
}

bool EndsLikeSentence(std::string_view text) {
    static constexpr std::string_view kEnds[] = {"。", "．", ".", "!",  "！", "、", ",", "，",
                                                 ":",  "：", ";", "」", "』", "”",  "\""};
    for (const auto end : kEnds) {
        if (EndsWith(text, end)) return true;
    }
    return false;
}

constexpr std::size_t kMaxHeadingCodePoints = 60;
constexpr std::size_t kMaxTitleCodePoints = 120;
// A line shorter than this that does not end a sentence is not hard-wrapped: the next line starts a
// new paragraph rather than being glued onto it.
constexpr std::size_t kMinWrappedLineCodePoints = 16;

bool LooksLikeHeading(std::string_view text) {
    if (StartsWith(text, "#") || (StartsWith(text, "【") && EndsWith(text, "】")) ||
        StartsWith(text, "■") || StartsWith(text, "◆") || StartsWith(text, "◇") ||
        StartsWith(text, "□")) {
        return true;
    }
    return CodePointCount(text) <= kMaxHeadingCodePoints && !EndsLikeSentence(text);
}

std::string CleanHeading(std::string_view text) {
    std::string_view t = text;
    while (StartsWith(t, "#")) t.remove_prefix(1);
    for (const std::string_view mark : {"■", "◆", "◇", "□"}) {
        if (StartsWith(t, mark)) t.remove_prefix(mark.size());
    }
    t = Trim(t);
    if (StartsWith(t, "【") && EndsWith(t, "】") && t.size() > 6) t = t.substr(3, t.size() - 6);
    return std::string(Trim(t));
}

// Joins two physical lines of one paragraph: a space between Latin words, nothing in CJK text.
void AppendLine(std::string& paragraph, std::string_view line) {
    if (paragraph.empty()) {
        paragraph = line;
        return;
    }
    const unsigned char last = static_cast<unsigned char>(paragraph.back());
    const unsigned char first = static_cast<unsigned char>(line.front());
    if (last < 0x80 && first < 0x80) paragraph.push_back(' ');
    paragraph.append(line);
}

struct Turn {
    Role role = Role::kUnknown;
    std::vector<std::string> paragraphs;
};

struct ExchangeDraft {
    int section = 0;
    std::vector<std::string> question;
    std::vector<std::string> answer;
    std::vector<std::string> notes;
};

// A greeting or thanks exchange: the question is only courtesy and the answer says at most one
// thing besides ("よろしくお願いします。散らかっていてすみません。").
bool IsCourtesyExchange(const Exchange& exchange) {
    if (!IsCourtesyOnly(exchange.question)) return false;
    const auto sentences = SplitSentences(exchange.answer);
    const auto other = std::count_if(sentences.begin(), sentences.end(),
                                     [](const std::string& s) { return !IsCourtesy(s); });
    return other <= 1;
}

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
    std::string out;
    for (const auto& p : paragraphs) {
        if (p.empty()) continue;
        if (!out.empty()) out.push_back('\n');
        out.append(p);
    }
    return out;
}

class Assembler {
  public:
    Expected<Interview, ParseError> Run(std::string_view text) {
        source_size_ = text.size();
        for (const auto raw : SplitLines(text)) {
            Line line = ReadLine(raw);
            // One blank line separates as well as many; keeping one keeps memory in check.
            if (line.kind == LineKind::kBlank && !lines_.empty() &&
                lines_.back().kind == LineKind::kBlank)
                continue;
            lines_.push_back(std::move(line));
        }
        MarkFurnitureByShape();
        SplitInlineAnswers();
        DecideSpeakers();
        if (!AnyAsker()) return NoExchanges();
        Assemble();
        if (interview_.exchanges.empty()) return NoExchanges();
        RecoverFurigana();
        interview_.source_id = SourceIdFor(
            interview_.title.empty() ? interview_.exchanges.front().question : interview_.title);
        return std::move(interview_);
    }

  private:
    // A line with its Markdown marks taken off ("**Q:** …" → "Q: …", "## 見出し" → a heading);
    // rules, images and lines of nothing but links read as blank lines.
    Line ReadLine(std::string_view raw) {
        const std::string_view trimmed = Trim(raw);
        detail::MarkdownLine markdown = detail::NormaliseMarkdown(trimmed);
        if (markdown.rule || markdown.image || markdown.link_only) return Line{};
        std::string_view text = trimmed;
        if (markdown.text != trimmed) {
            owned_.push_back(std::move(markdown.text));
            text = owned_.back();
        }
        Line line = ClassifyLine(text);
        // A quote is never a speaker's turn; a heading only when it is a question ("## Q1. …").
        const bool question_heading =
            markdown.heading && (line.kind == LineKind::kDash ||
                                 (line.kind == LineKind::kLabeled && IsAskerHint(line.label)));
        if ((markdown.heading && !question_heading) || markdown.quote) {
            line.text = line.raw;
            line.label.clear();
            if (line.kind != LineKind::kBlank) line.kind = LineKind::kText;
        }
        line.heading = markdown.heading;
        line.quote = markdown.quote;
        line.bold = markdown.bold;
        return line;
    }

    std::size_t PreviousNonBlank(std::size_t index) const {
        while (index > 0) {
            --index;
            if (lines_[index].kind != LineKind::kBlank) return index;
        }
        return SIZE_MAX;
    }

    // A line that reads as a question before anyone's role is known: "――…", "Q: …", a line ending
    // in a question mark, a whole line in bold.
    bool LooksLikeQuestionLine(const Line& line) const {
        return line.kind == LineKind::kDash ||
               (line.kind == LineKind::kLabeled && IsAskerHint(line.label)) ||
               IsUnlabelledQuestion(line.text) || (line.kind == LineKind::kText && line.bold);
    }

    bool NextLooksLikeQuestion(std::size_t index) const {
        for (std::size_t k = index + 1; k < lines_.size(); ++k) {
            if (lines_[k].kind == LineKind::kBlank) continue;
            return lines_[k].kind == LineKind::kLabeled || LooksLikeQuestionLine(lines_[k]);
        }
        return false;
    }

    // Page furniture recognised by its own shape, before speakers are decided: closing profiles
    // (marked, not dropped), captions and credits, bylines, link lines, hashtag lines, short lines
    // repeated by the site, and pull-quotes that repeat what is said elsewhere. Dropped lines
    // become blank lines, so the text on either side is never glued together.
    void MarkFurnitureByShape() {
        const auto blank = [](Line& line) { line = Line{}; };
        // A name with its reading and a birth year or career fact opens a profile paragraph.
        const auto mark_profile_block = [&](std::size_t& k) {
            for (; k < lines_.size() && lines_[k].kind != LineKind::kBlank; ++k) {
                if (lines_[k].kind == LineKind::kDash || lines_[k].kind == LineKind::kLabeled)
                    break;
                lines_[k].kind = LineKind::kProfile;
            }
        };
        for (std::size_t k = 0; k < lines_.size(); ++k) {
            if (lines_[k].kind != LineKind::kText && lines_[k].kind != LineKind::kBullet) continue;
            // "プロフィール" / "【略歴】" over a paragraph or a list: that block is the profile.
            if (detail::IsProfileHeader(lines_[k].text)) {
                std::size_t next = k + 1;
                if (next < lines_.size() && lines_[next].kind == LineKind::kBlank) ++next;
                if (next < lines_.size() && (lines_[next].kind == LineKind::kText ||
                                             lines_[next].kind == LineKind::kBullet)) {
                    blank(lines_[k]);
                    k = next;
                    mark_profile_block(k);
                }
                continue;
            }
            if (lines_[k].kind == LineKind::kText && detail::MatchNameBeforeFacts(lines_[k].text)) {
                mark_profile_block(k);
                continue;
            }
            const auto name = detail::MatchNameReading(lines_[k].text);
            if (!name) continue;
            const bool fact_follows = k + 1 < lines_.size() &&
                                      lines_[k + 1].kind != LineKind::kBlank &&
                                      detail::HasBirthOrCareerFact(lines_[k + 1].text);
            if (!(name->rest.empty() ? fact_follows : OpensProfileFacts(name->rest))) continue;
            if (const std::size_t before = k > 0 ? k - 1 : SIZE_MAX;
                before != SIZE_MAX && lines_[before].kind == LineKind::kText &&
                detail::IsShortNonSentence(lines_[before].text)) {
                blank(lines_[before]);  // a "プロフィール" header
            }
            mark_profile_block(k);
        }
        std::unordered_map<std::string_view, std::size_t> short_lines;
        bool pull_quote_candidates = false;
        for (std::size_t k = 0; k < lines_.size(); ++k) {
            Line& line = lines_[k];
            if (line.kind == LineKind::kBlank || line.kind == LineKind::kDash ||
                line.kind == LineKind::kProfile || line.kind == LineKind::kNote) {
                continue;
            }
            // Lines blanked earlier in this pass count as blank (checked in O(1): no walk back).
            const bool after_blank = k == 0 || lines_[k - 1].kind == LineKind::kBlank;
            if (detail::IsCreditLine(line.raw) || detail::IsHashtagLine(line.raw) ||
                (line.kind == LineKind::kText && detail::IsDateLine(line.raw)) ||
                (line.kind != LineKind::kLabeled && detail::IsEditorialNote(line.raw)) ||
                detail::IsPagination(line.raw) ||
                (detail::IsLinkLike(line.raw) && (after_blank || line.kind == LineKind::kBullet) &&
                 !NextLooksLikeQuestion(k))) {
                blank(line);
                // The list right under it is the same furniture ("▼こちらもおすすめ" and its
                // titles).
                while (k + 1 < lines_.size() && lines_[k + 1].kind == LineKind::kBullet) {
                    blank(lines_[++k]);
                }
                continue;
            }
            if (line.kind == LineKind::kText && detail::IsShortNonSentence(line.text)) {
                ++short_lines[line.text];
            }
            if (line.kind == LineKind::kText &&
                (line.quote || line.bold || detail::IsWrappedInQuotes(line.text))) {
                pull_quote_candidates = true;
            }
        }
        // The same short line twice ("シェアする" above and below the article) is the site's; a
        // copy right before a question is a heading (a table of contents repeats the headings).
        for (std::size_t k = 0; k < lines_.size(); ++k) {
            Line& line = lines_[k];
            if (line.kind != LineKind::kText) continue;
            const auto found = short_lines.find(line.text);
            if (found != short_lines.end() && found->second >= 2 && !NextLooksLikeQuestion(k)) {
                blank(line);
            }
        }
        // Pull-quotes: a quoted line whose words are said elsewhere in the text. Checked only on
        // texts of an interview's size (the index costs memory in proportion to the text).
        constexpr std::size_t kMaxPullQuoteText = 2 * 1024 * 1024;
        if (!pull_quote_candidates || source_size_ > kMaxPullQuoteText) return;
        detail::RepeatIndex index;
        for (const auto& line : lines_) {
            if (line.kind != LineKind::kBlank) index.Add(line.text);
        }
        constexpr double kRepeatedShare = 0.7;
        constexpr std::size_t kMinPairs = 4;
        // A bold line may be a question: only a near copy of other lines is a pull-quote.
        constexpr double kRepeatedShareBold = 0.9;
        for (auto& line : lines_) {
            if (line.kind != LineKind::kText) continue;
            const bool quoted = line.quote || detail::IsWrappedInQuotes(line.text);
            if (!quoted && !(line.bold && !IsUnlabelledQuestion(line.text))) continue;
            const double share = index.RepeatedShare(line.text, kMinPairs);
            if (share >= (quoted ? kRepeatedShare : kRepeatedShareBold)) blank(line);
        }
    }

    // What follows a name and its reading in a profile: a year ("1975年…"), or birth or origin.
    static bool OpensProfileFacts(std::string_view rest) {
        std::size_t i = 0;
        while (i < rest.size()) {
            std::size_t probe = i;
            const char32_t cp = DecodeUtf8(rest, probe);
            if (!IsSpaceLike(cp) && cp != 0x3001 && cp != 0xFF1A && cp != ':' && cp != ',') break;
            i = probe;
        }
        std::size_t probe = i;
        if (i < rest.size() && detail::IsDigit(DecodeUtf8(rest, probe))) return true;
        const std::string_view head = rest.substr(i, std::min<std::size_t>(rest.size() - i, 60));
        return head.find("生まれ") != std::string_view::npos ||
               head.find("出身") != std::string_view::npos;
    }

    static Unexpected<ParseError> NoExchanges() {
        return MakeError(ParseErrorKind::kNoExchanges, 0,
                         "no question and answer pair was found (expected lines such as "
                         "\"Q: …\" followed by the answer)");
    }

    // "Q: 何ですか？ A: これです。" → two lines.
    void SplitInlineAnswers() {
        const bool any = std::any_of(lines_.begin(), lines_.end(), [](const Line& line) {
            return (line.kind == LineKind::kLabeled || line.kind == LineKind::kDash) &&
                   ContainsQuestionMark(line.text);
        });
        if (!any) return;
        std::vector<Line> out;
        out.reserve(lines_.size());
        for (auto& line : lines_) {
            if (line.kind != LineKind::kLabeled && line.kind != LineKind::kDash) {
                out.push_back(std::move(line));
                continue;
            }
            std::optional<Line> second;
            const std::string_view t = line.text;
            for (std::size_t i = 0; i < t.size();) {
                const char32_t cp = DecodeUtf8(t, i);
                if (!IsQuestionMark(cp)) continue;
                std::size_t j = i;
                while (j < t.size()) {
                    std::size_t probe = j;
                    if (!IsSpaceLike(DecodeUtf8(t, probe))) break;
                    j = probe;
                }
                if (j >= t.size()) break;
                const auto label = MatchColonLabel(t, j);
                if (!label || label->label == line.label) continue;
                const std::string_view rest = Trim(t.substr(label->content_start));
                if (rest.empty()) continue;
                Line answer;
                answer.kind = LineKind::kLabeled;
                answer.label = label->label;
                answer.text = rest;
                answer.raw = Trim(t.substr(j));
                line.text = Trim(t.substr(0, i));
                second = std::move(answer);
                break;
            }
            out.push_back(std::move(line));
            if (second) out.push_back(std::move(*second));
        }
        lines_ = std::move(out);
    }

    // "佐藤 今日は…": a name and an ASCII or ideographic space open the line. A name counts when it
    // answers: it opens two or more lines right after questions ("――…", "Q: …", "…？"), or it is
    // also written with a colon ("佐藤：…"). When nothing else labels the turns, names that open
    // several lines and together open most paragraphs count too.
    void TrySpaceLabels() {
        std::size_t labelled = 0;
        std::set<std::string> colon_names;
        for (const auto& line : lines_) {
            if (line.kind == LineKind::kLabeled) colon_names.insert(line.label);
            labelled += (line.kind == LineKind::kLabeled || line.kind == LineKind::kDash) ? 1 : 0;
        }
        std::vector<std::optional<LabelMatch>> matches(lines_.size());
        std::map<std::string, std::size_t> counts;
        std::map<std::string, std::size_t> after_question;
        std::size_t text_lines = 0;
        for (std::size_t k = 0; k < lines_.size(); ++k) {
            if (lines_[k].kind != LineKind::kText || lines_[k].heading || lines_[k].quote) continue;
            ++text_lines;
            const std::string_view t = lines_[k].text;
            std::size_t i = 0, count = 0;
            {
                std::size_t probe = 0;
                if (!CanStartLabel(DecodeUtf8(t, probe))) continue;
            }
            while (i < t.size() && count <= 10) {
                const std::size_t at = i;
                const char32_t cp = DecodeUtf8(t, i);
                if (cp == ' ' || cp == 0x3000) {
                    const std::string_view rest = Trim(std::string_view(t).substr(i));
                    if (count > 0 && !rest.empty()) {
                        matches[k] =
                            LabelMatch{NormaliseLabel(t.substr(0, at)), t.size() - rest.size()};
                        ++counts[matches[k]->label];
                        const std::size_t previous = PreviousNonBlank(k);
                        if (previous != SIZE_MAX && LooksLikeQuestionLine(lines_[previous])) {
                            ++after_question[matches[k]->label];
                        }
                    }
                    break;
                }
                if (IsLabelBreaker(cp) || IsColon(cp)) break;
                ++count;
            }
        }
        std::size_t speakers = 0, covered = 0;
        for (const auto& [label, n] : counts) {
            if (n >= 2) {
                ++speakers;
                covered += n;
            }
        }
        const bool names_label_everything =
            labelled < 2 && speakers >= 2 && covered * 2 >= text_lines;
        std::set<std::string> accepted;
        for (const auto& [name, n] : counts) {
            const bool ascii = std::all_of(name.begin(), name.end(), [](char c) {
                return static_cast<unsigned char>(c) < 0x80;
            });
            const std::size_t answers = after_question[name];
            if ((names_label_everything && n >= 2) ||
                ((IsAskerHint(name) || IsAnswererHint(name)) && n >= 2) ||
                (answers >= 2 && (!ascii || colon_names.count(name) > 0)) ||
                (answers >= 1 && colon_names.count(name) > 0)) {
                accepted.insert(name);
            }
        }
        std::map<std::string, std::string> same_speaker;  // "佐藤花子" → "佐藤"
        // Names in Japanese script that open lines where turns start (after a question or after
        // another such name: "――…" / "佐藤 …" / "鈴木 …") are speakers when they do so twice; a
        // full name ("佐藤花子 …") counts for the family name it starts with, and is the same
        // speaker.
        {
            const auto is_cjk = [](const std::string& name) {
                return std::any_of(name.begin(), name.end(),
                                   [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
            };
            const auto base_of = [&](const std::string& name) {
                for (const auto& [other, n] : counts) {
                    if (other.size() < name.size() && name.compare(0, other.size(), other) == 0) {
                        return other;
                    }
                }
                return name;
            };
            std::map<std::string, std::size_t> in_turn;
            for (std::size_t k = 0; k < lines_.size(); ++k) {
                if (!matches[k] || !is_cjk(matches[k]->label)) continue;
                const std::size_t previous = PreviousNonBlank(k);
                if (previous == SIZE_MAX) continue;
                if (LooksLikeQuestionLine(lines_[previous]) || matches[previous]) {
                    ++in_turn[base_of(matches[k]->label)];
                }
            }
            for (const auto& [name, n] : counts) {
                if (is_cjk(name) && in_turn[base_of(name)] >= 2) accepted.insert(name);
                if (accepted.count(name)) same_speaker[name] = base_of(name);
            }
        }
        for (std::size_t k = 0; k < lines_.size(); ++k) {
            if (!matches[k] || !accepted.count(matches[k]->label)) continue;
            lines_[k].kind = LineKind::kLabeled;
            lines_[k].text = Trim(lines_[k].text.substr(matches[k]->content_start));
            const auto same = same_speaker.find(matches[k]->label);
            lines_[k].label = same != same_speaker.end() ? same->second : matches[k]->label;
        }
    }

    void DecideSpeakers() {
        TrySpaceLabels();
        std::map<std::string, std::size_t> counts;
        for (const auto& line : lines_) {
            if (line.kind == LineKind::kLabeled || line.kind == LineKind::kDash)
                ++counts[line.label];
        }
        // A label seen once is prose ("結論: …") unless it is the only way the text is labelled.
        std::size_t repeated = 0;
        for (const auto& [label, n] : counts) repeated += n >= 2 ? 1 : 0;
        // A label that never follows a question and never asks one ("Photo: …", "Related: …") is
        // not a speaker, when another label does answer questions.
        std::map<std::string, std::size_t> answers;
        std::set<std::string> asks;
        for (std::size_t index = 0; index < lines_.size(); ++index) {
            const auto& line = lines_[index];
            if (line.kind != LineKind::kLabeled) continue;
            if (ContainsQuestionMark(line.text)) asks.insert(line.label);
            std::size_t previous = PreviousNonBlank(index);
            while (previous != SIZE_MAX && lines_[previous].kind == LineKind::kNote) {
                previous = PreviousNonBlank(previous);
            }
            if (previous != SIZE_MAX && lines_[previous].label != line.label &&
                LooksLikeQuestionLine(lines_[previous])) {
                ++answers[line.label];
            }
        }
        const bool someone_answers = !answers.empty();
        const auto never_in_turn = [&](const Line& line) {
            return line.kind == LineKind::kLabeled && someone_answers &&
                   !answers.count(line.label) && !asks.count(line.label) &&
                   !IsAskerHint(line.label) && !IsAnswererHint(line.label);
        };
        std::map<std::string, SpeakerStats> stats;
        for (std::size_t index = 0; index < lines_.size(); ++index) {
            auto& line = lines_[index];
            if (line.kind != LineKind::kLabeled && line.kind != LineKind::kDash) continue;
            const bool speaker =
                !never_in_turn(line) && (counts[line.label] >= 2 || repeated == 0 ||
                                         IsAskerHint(line.label) || IsAnswererHint(line.label));
            if (!speaker) {
                // Not a speaker: keep the label as part of the text.
                line.text = line.raw;
                line.kind = LineKind::kText;
                continue;
            }
            auto [it, inserted] = stats.try_emplace(line.label);
            if (inserted) it->second.first_line = index;
            ++it->second.turns;
            it->second.code_points += CodePointCount(line.text) + 1;
            if (ContainsQuestionMark(line.text)) ++it->second.question_marks;
        }
        roles_ = DecideRoles(stats);
        for (const auto& [label, role] : roles_) {
            if (role == Role::kAnswerer) has_answerer_ = true;
        }
        if (roles_.empty()) {
            // No labels at all: questions set in bold or as headings ("**なぜ…？**", "### Why…?"),
            // answers in plain paragraphs.
            const auto emphasised_question = [](const Line& line) {
                return line.kind == LineKind::kText && (line.bold || line.heading) &&
                       IsUnlabelledQuestion(line.text);
            };
            if (std::count_if(lines_.begin(), lines_.end(), emphasised_question) >= 2) {
                for (auto& line : lines_) {
                    if (!emphasised_question(line)) continue;
                    line.kind = LineKind::kDash;
                    line.label = "――";
                }
                roles_["――"] = Role::kAsker;
            }
        }
    }

    bool AnyAsker() const {
        for (const auto& [label, role] : roles_) {
            if (role == Role::kAsker) return true;
        }
        // Answers are labelled but questions are not: questions are the text lines ending in "?".
        return has_answerer_;
    }

    Role RoleOf(const Line& line) const {
        if (line.kind != LineKind::kLabeled && line.kind != LineKind::kDash) return Role::kUnknown;
        const auto it = roles_.find(line.label);
        return it == roles_.end() ? Role::kUnknown : it->second;
    }

    bool NextIsAsker(std::size_t index) const {
        for (std::size_t k = index + 1; k < lines_.size(); ++k) {
            if (lines_[k].kind == LineKind::kBlank) continue;
            if (RoleOf(lines_[k]) == Role::kAsker) return true;
            if (!has_asker_label() && lines_[k].kind == LineKind::kText &&
                (IsUnlabelledQuestion(lines_[k].text) || (has_answerer_ && lines_[k].bold))) {
                return true;
            }
            return false;
        }
        return false;
    }

    bool has_asker_label() const {
        for (const auto& [label, role] : roles_) {
            if (role == Role::kAsker) return true;
        }
        return false;
    }

    static bool IsUnlabelledQuestion(std::string_view text) {
        return EndsWith(text, "?") || EndsWith(text, "？");
    }

    void FinishDraft() {
        if (draft_ && !draft_->question.empty() && !draft_->answer.empty()) {
            Exchange exchange;
            exchange.index = static_cast<int>(interview_.exchanges.size()) + 1;
            exchange.section = draft_->section;
            exchange.notes = std::move(draft_->notes);
            exchange.question =
                ExtractInlineNotes(JoinParagraphs(draft_->question), exchange.notes);
            exchange.answer = ExtractInlineNotes(JoinParagraphs(draft_->answer), exchange.notes);
            if (!exchange.question.empty() && !exchange.answer.empty()) {
                exchange.courtesy = IsCourtesyExchange(exchange);
                interview_.exchanges.push_back(std::move(exchange));
            }
        } else if (draft_ && !draft_->notes.empty() && !interview_.exchanges.empty()) {
            auto& notes = interview_.exchanges.back().notes;
            notes.insert(notes.end(), draft_->notes.begin(), draft_->notes.end());
        }
        draft_.reset();
    }

    void Assemble() {
        const bool asker_labelled = has_asker_label();
        // Whether an asker's later paragraphs still belong to the question: only when the answers
        // carry their own label; otherwise the unlabelled paragraphs after a question are the
        // answer.
        const bool question_spans_paragraphs = has_answerer_ && asker_labelled;
        std::size_t first_non_blank = lines_.size();
        for (std::size_t k = 0; k < lines_.size(); ++k) {
            if (lines_[k].kind != LineKind::kBlank) {
                first_non_blank = k;
                break;
            }
        }
        // The first line is the title when it is a short line of text (a heading right before the
        // first question is still the title: a one-line header names the whole piece).
        if (first_non_blank < lines_.size() && lines_[first_non_blank].kind == LineKind::kText &&
            CodePointCount(lines_[first_non_blank].text) <= kMaxTitleCodePoints) {
            interview_.title = lines_[first_non_blank].text;
        } else {
            first_non_blank = lines_.size();  // no title line
        }

        // Unlabelled questions when only the answers are labelled: lines ending in a question mark,
        // or whole lines in bold.
        const auto unlabelled_question = [&](const Line& line) {
            return line.kind == LineKind::kText && !asker_labelled && has_answerer_ &&
                   (IsUnlabelledQuestion(line.text) || line.bold);
        };
        std::size_t last_question = 0;
        for (std::size_t k = 0; k < lines_.size(); ++k) {
            if (RoleOf(lines_[k]) == Role::kAsker || unlabelled_question(lines_[k])) {
                last_question = k;
            }
        }

        int section = 0;
        Role current = Role::kUnknown;  // whose turn the running paragraphs belong to
        bool paragraph_open = false;    // the last line continues the current paragraph
        bool started = false;           // the first question has been seen
        bool closed = false;            // a closing profile was read: the rest is the page's
        std::string* target = nullptr;  // paragraph being extended
        for (std::size_t index = 0; index < lines_.size(); ++index) {
            if (index == first_non_blank) continue;
            Line& line = lines_[index];
            if (line.kind == LineKind::kBlank) {
                paragraph_open = false;
                continue;
            }
            Role role = RoleOf(line);
            if (unlabelled_question(line) && current != Role::kAsker) role = Role::kAsker;
            if (closed && line.kind != LineKind::kProfile) {
                if (role != Role::kAsker) continue;
                closed = false;  // the interview goes on after a profile box
            }
            if (line.kind == LineKind::kProfile) {
                FinishDraft();
                AddProfileLine(line.text);
                current = Role::kUnknown;
                target = nullptr;
                closed = started;
                paragraph_open = false;
                continue;
            }
            if (role == Role::kAsker) {
                if (!draft_ || !draft_->answer.empty() || current != Role::kAsker) {
                    if (draft_ && draft_->answer.empty() && current == Role::kAsker) {
                        // consecutive asker turns: one question
                    } else {
                        FinishDraft();
                        draft_.emplace();
                        draft_->section = section;
                    }
                }
                draft_->question.emplace_back(line.text);
                target = &draft_->question.back();
                current = Role::kAsker;
                paragraph_open = true;
                started = true;
                continue;
            }
            if (role == Role::kAnswerer) {
                if (draft_ && !draft_->question.empty()) {
                    draft_->answer.emplace_back(line.text);
                    target = &draft_->answer.back();
                } else {
                    target = nullptr;  // an answer with no question: not an exchange
                }
                current = Role::kAnswerer;
                paragraph_open = true;
                continue;
            }
            if (line.kind == LineKind::kNote) {
                if (draft_) {
                    draft_->notes.emplace_back(line.text);
                } else if (!interview_.exchanges.empty()) {
                    interview_.exchanges.back().notes.emplace_back(line.text);
                } else {
                    interview_.intro.emplace_back(line.text);
                }
                paragraph_open = false;
                continue;
            }
            const bool standalone = !paragraph_open && IsStandalone(index);
            if (IsDebris(line.text)) {
                // A site's phrase ("シェアする", "Read more") is dropped even inside a paragraph,
                // with the list right under it.
                while (index + 1 < lines_.size() && lines_[index + 1].kind == LineKind::kBullet) {
                    ++index;
                }
                paragraph_open = false;
                continue;
            }
            if (IsEndMark(line.text) && started) {
                // "（おわり）", "（了）", "(End)": what follows belongs to the page.
                FinishDraft();
                closed = true;
                continue;
            }
            if (standalone && (LooksLikeHeading(line.text) || line.heading) && NextIsAsker(index) &&
                current != Role::kAsker) {
                FinishDraft();
                interview_.sections.push_back(Section{
                    static_cast<int>(interview_.sections.size()) + 1, CleanHeading(line.text)});
                section = interview_.sections.back().index;
                current = Role::kUnknown;
                target = nullptr;
                paragraph_open = false;
                continue;
            }
            if (!paragraph_open) {
                const std::size_t end = FurnitureBlockEnd(index, unlabelled_question);
                if (end != index) {
                    index = end - 1;
                    continue;
                }
            }
            if (started && !paragraph_open && index > last_question &&
                line.kind == LineKind::kText &&
                detail::LooksLikeEnglishBio(line.text, KnownNames())) {
                // A closing third-person bio ("Maria Alvarez is a professor of …").
                FinishDraft();
                std::string bio;
                for (; index < lines_.size() && lines_[index].kind != LineKind::kBlank; ++index) {
                    AppendLine(bio, lines_[index].text);
                }
                AddProfileLine(bio);
                closed = true;
                current = Role::kUnknown;
                target = nullptr;
                paragraph_open = false;
                continue;
            }
            // List items are never joined: each is a line of its own.
            const bool wraps = paragraph_open && index > 0 && line.kind != LineKind::kBullet &&
                               lines_[index - 1].kind != LineKind::kBullet &&
                               CodePointCount(lines_[index - 1].text) >= kMinWrappedLineCodePoints;
            if (!started) {
                if (line.kind == LineKind::kBullet) {
                    interview_.profile.emplace_back(line.text);
                } else if (wraps && !interview_.intro.empty() &&
                           !EndsLikeSentence(interview_.intro.back())) {
                    AppendLine(interview_.intro.back(), line.text);
                } else {
                    interview_.intro.emplace_back(line.text);
                }
                paragraph_open = true;
                continue;
            }
            if (paragraph_open && line.kind == LineKind::kText && index > 0 &&
                detail::EndsSentence(lines_[index - 1].text) &&
                detail::IsTinyNonSentence(line.text) && !detail::IsLinkLike(line.text) &&
                !(index + 1 < lines_.size() && lines_[index + 1].kind == LineKind::kBullet)) {
                // A few words that are not a sentence between the sentences of one paragraph
                // ("Advertisement - Continue reading below"): the page's, and a paragraph break.
                // A URL there is what the answer points to ("こちらです。" + URL) and stays.
                paragraph_open = false;
                continue;
            }
            std::string text = line.kind == LineKind::kBullet ? "・" + std::string(line.text)
                                                              : std::string(line.text);
            if (current == Role::kAsker && draft_) {
                if (question_spans_paragraphs) {
                    ExtendTurn(draft_->question, target, text, wraps);
                } else {
                    // Unlabelled answers: the paragraphs after a question are its answer.
                    draft_->answer.push_back(text);
                    target = &draft_->answer.back();
                    current = Role::kAnswerer;
                }
            } else if (current == Role::kAnswerer && draft_ && target) {
                ExtendTurn(draft_->answer, target, text, wraps);
            } else if (draft_ && !draft_->answer.empty()) {
                draft_->answer.push_back(text);
                target = &draft_->answer.back();
                current = Role::kAnswerer;
            }
            paragraph_open = true;
        }
        FinishDraft();
        DropTrailingDebris();
        DropEmptySections();
    }

    // Where a block of page furniture that starts at `index` ends (`index` when there is none): a
    // run of lines that are each short and not sentences ("Read more" and its list of titles, a
    // date and a byline, share and follow lines, "続きを読む", pagination). A run of bullets alone
    // is a list inside a turn, or the profile before the first question, and stays.
    template <typename IsQuestion>
    std::size_t FurnitureBlockEnd(std::size_t index, const IsQuestion& is_question) const {
        std::size_t end = index;
        bool all_bullets = true;
        while (end < lines_.size()) {
            const Line& line = lines_[end];
            if (line.kind != LineKind::kText && line.kind != LineKind::kBullet) break;
            if (is_question(line) || line.heading) break;
            if (!detail::IsShortNonSentence(line.text)) return index;
            if (line.kind != LineKind::kBullet) all_bullets = false;
            ++end;
        }
        if (end == index || all_bullets) return index;
        // A run that ends in a turn or a note without a blank line is part of that turn's page.
        return end;
    }

    // Title, intro and speaker labels: where a closing bio's name should already appear.
    const std::string& KnownNames() {
        if (known_names_.empty()) {
            known_names_ = interview_.title;
            for (const auto& p : interview_.intro) known_names_ += "\n" + p;
            for (const auto& [label, role] : roles_) known_names_ += "\n" + label;
        }
        return known_names_;
    }

    // One line of a profile paragraph: "佐藤 花子（さとう・はなこ）1975年東京都生まれ。…" gives the
    // name (with its reading as ruby) and one fact per sentence.
    void AddProfileLine(std::string_view text) {
        std::string_view facts = text;
        auto name = detail::MatchNameReading(text);
        if (!name) name = detail::MatchNameBeforeFacts(text);
        if (name) {
            interview_.profile.push_back(name->name);
            for (auto& ruby : detail::NameRuby(*name)) interview_.ruby.push_back(std::move(ruby));
            facts = name->rest;
        }
        for (auto& sentence : SplitSentences(facts))
            interview_.profile.push_back(std::move(sentence));
    }

    // A line with a blank line (or the edge of the text) before and after it.
    bool IsStandalone(std::size_t index) const {
        const bool before = index == 0 || lines_[index - 1].kind == LineKind::kBlank;
        const bool after = index + 1 >= lines_.size() ||
                           lines_[index + 1].kind == LineKind::kBlank ||
                           RoleOf(lines_[index + 1]) != Role::kUnknown;
        return before && after;
    }

    static void ExtendTurn(std::vector<std::string>& paragraphs, std::string*& target,
                           const std::string& text, bool wraps) {
        // A hard-wrapped line continues its paragraph unless the previous one ended a sentence.
        if (wraps && target && !EndsLikeSentence(*target) && !EndsWith(*target, "?") &&
            !EndsWith(*target, "？")) {
            AppendLine(*target, text);
            return;
        }
        paragraphs.push_back(text);
        target = &paragraphs.back();
    }

    // Short lines after the last answer that are not sentences are the page's footer.
    void DropTrailingDebris() {
        if (interview_.exchanges.empty()) return;
        auto& answer = interview_.exchanges.back().answer;
        while (true) {
            const std::size_t cut = answer.rfind('\n');
            if (cut == std::string::npos) break;
            const std::string_view last = std::string_view(answer).substr(cut + 1);
            if (!(IsDebris(last) || (CodePointCount(last) <= 20 && !EndsLikeSentence(last) &&
                                     !EndsWith(last, "?") && !EndsWith(last, "？")))) {
                break;
            }
            answer.resize(cut);
        }
    }

    void DropEmptySections() {
        std::set<int> used;
        for (const auto& e : interview_.exchanges) used.insert(e.section);
        std::vector<Section> kept;
        std::map<int, int> renumber;
        for (const auto& s : interview_.sections) {
            if (!used.count(s.index)) continue;
            renumber[s.index] = static_cast<int>(kept.size()) + 1;
            kept.push_back(Section{static_cast<int>(kept.size()) + 1, s.title});
        }
        for (auto& e : interview_.exchanges) e.section = e.section ? renumber[e.section] : 0;
        interview_.sections = std::move(kept);
    }

    void RecoverFurigana() {
        auto& ruby = interview_.ruby;
        const auto fix = [&](std::string& s) { s = detail::RemoveFlattenedFurigana(s, ruby); };
        fix(interview_.title);
        for (auto& p : interview_.intro) fix(p);
        for (auto& p : interview_.profile) fix(p);
        for (auto& s : interview_.sections) fix(s.title);
        for (auto& e : interview_.exchanges) {
            fix(e.question);
            for (auto& n : e.notes) fix(n);
            fix(e.answer);
        }
    }

    std::vector<Line> lines_;
    std::deque<std::string> owned_;  // lines rewritten from Markdown (stable addresses)
    std::size_t source_size_ = 0;
    std::string known_names_;
    std::map<std::string, Role> roles_;
    bool has_answerer_ = false;
    std::optional<ExchangeDraft> draft_;
    Interview interview_;
};

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Public entry points
//-------------------------------------------------------------------------------------------------

std::string SourceIdFor(std::string_view title) {
    return detail::Hex64(detail::Fnv1a64(Trim(title)));
}

Expected<Interview, ParseError> ParseInterview(std::string_view bytes) {
    if (bytes.size() > kMaxSourceBytes) {
        return MakeError(ParseErrorKind::kTooLarge, kMaxSourceBytes,
                         "the file is " + std::to_string(bytes.size()) +
                             " bytes; interviews are limited to 10 MB");
    }
    std::string converted;
    std::string_view text = bytes;
    std::size_t offset_base = 0;  // bytes skipped before `text` (BOM)
    const bool utf16le = StartsWith(bytes, "\xFF\xFE");
    const bool utf16be = StartsWith(bytes, "\xFE\xFF");
    if (StartsWith(bytes, std::string_view("\xFF\xFE\x00\x00", 4)) ||
        StartsWith(bytes, std::string_view("\x00\x00\xFE\xFF", 4))) {
        return MakeError(ParseErrorKind::kUnsupportedEncoding, 0,
                         "the file is UTF-32; save it as UTF-8");
    }
    if (utf16le || utf16be) {
        if (const auto bad = Utf16ToUtf8(bytes, utf16be, converted)) {
            return MakeError(ParseErrorKind::kInvalidUtf8, *bad,
                             "invalid UTF-16 at byte " + std::to_string(*bad));
        }
        text = converted;
    } else {
        if (StartsWith(bytes, "\xEF\xBB\xBF")) {
            text = bytes.substr(3);
            offset_base = 3;
        }
        if (const std::size_t bad = FirstInvalidUtf8(text); bad != std::string_view::npos) {
            return MakeError(ParseErrorKind::kInvalidUtf8, offset_base + bad,
                             "invalid UTF-8 at byte " + std::to_string(offset_base + bad) +
                                 "; save the file as UTF-8");
        }
    }
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        return MakeError(ParseErrorKind::kUnsupportedEncoding,
                         utf16le || utf16be ? 0 : offset_base + nul,
                         "a NUL byte at byte " + std::to_string(offset_base + nul) +
                             ": this is not a text file (UTF-16 needs a byte order mark)");
    }
    // A long text meets its first flattened reading well into the parse: the transliterators
    // are made ready meanwhile on another thread.
    constexpr std::size_t kWarmUpFromBytes = 1 << 20;
    std::optional<detail::TransliteratorWarmUp> warm_up;
    if (text.size() >= kWarmUpFromBytes) warm_up.emplace();
    return Assembler().Run(text);
}

std::string_view BuiltinInterviewText() {
    return std::string_view(reinterpret_cast<const char*>(kBuiltinInterviewText),
                            kBuiltinInterviewText_size);
}

}  // namespace mondo::content
