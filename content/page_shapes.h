// The shapes of real pages around an interview (internal to mondo_content, used by the parser).
//
// Users paste interviews from blogs, magazines and news sites. Around the questions and answers sit
// Markdown marks, photo captions and credits, bylines and dates, link lists, share lines, tag
// lines, pull-quotes that repeat an answer and a closing profile. These helpers recognise them by
// shape: a short line that is not a sentence, a credit word followed by a colon, a line that is
// only links, a name followed by its reading in brackets and a birth year. Word lists only confirm
// a shape.
//
// Contract: pure functions over valid UTF-8 (the parser validates first), bounded work per line;
// thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "content/interview.h"

namespace mondo::content::detail {

// One line with its Markdown marks taken off. `text` is the line as plain text: heading marks,
// block-quote marks and whole-line emphasis removed, "**Q:** …" → "Q: …", "[text](url)" → "text".
struct MarkdownLine {
    std::string text;
    bool heading = false;  // "# …" … "###### …"
    bool quote = false;    // "> …"
    bool bold = false;     // the whole line in "**…**" or "__…__"
    bool rule = false;     // "---", "***", "* * *", "＊＊＊": a separator, not text
    bool image = false;    // "![alt](url)"
    bool link_only =
        false;  // nothing but links and separators ("- [title](url)", "[X](…) | [Y](…)")
};
MarkdownLine NormaliseMarkdown(std::string_view line);

// Sentence punctuation at the end, brackets looked through: "…です。", "…です（笑）", "Yes.",
// "「…」と言った。", "…ですか？". A closing quote counts only after sentence punctuation.
bool EndsSentence(std::string_view text);

// A line that is not a sentence and is short: at most 40 code points, or at most 10 words of Latin
// script. Dates, bylines, share lines, "続きを読む", "Read more", "PR", pagination…
bool IsShortNonSentence(std::string_view text);

// A line of a few words that is not a sentence: at most 20 code points, or 6 words of Latin
// script ("Advertisement - Continue reading", "写真はイメージ").
bool IsTinyNonSentence(std::string_view text);

// The editor's word on the text itself: "This interview has been edited for length and clarity.",
// "（本記事は講演を再構成したものです）".
bool IsEditorialNote(std::string_view text);

// A photo or figure caption credit, or a byline: a credit word and a colon or "＝" opening the line
// ("撮影：…", "写真＝…", "Photo: …", "Photograph by …", "By Jane Doe | …"), or a bracketed credit
// closing it ("…（撮影：田中）", "… (Credit: Ada Nwosu)").
bool IsCreditLine(std::string_view text);

// A line that points elsewhere: led by an arrow ("▶関連記事：…", "» Next"), or short and holding a
// URL or a bare domain path ("Continued online at example.com/x").
bool IsLinkLike(std::string_view text);

// Two or more hashtags ("#製造業 #事業承継", "タグ：#本屋 #地方").
bool IsHashtagLine(std::string_view text);

// A date or time and little else: "2025年11月3日", "2026.02.08 10:00", "March 3, 2026",
// "更新：2025/10/01", "Updated Jan 5, 2024".
bool IsDateLine(std::string_view text);

// Page numbers: two or more bare numbers, and no word longer than four characters besides
// ("1 2 次へ", "< 前へ 1 2 3 次へ >", "« 1 2 3 »", "Page 1 2 Next").
bool IsPagination(std::string_view text);

// Whether the whole line is wrapped in quotation marks or brackets: "「…」", "“…”", "\"…\"".
bool IsWrappedInQuotes(std::string_view text);

// A person's name followed by its reading in brackets: "佐藤 花子（さとう・はなこ）…".
struct NameReading {
    std::string name;       // "佐藤 花子"
    std::string reading;    // "さとう・はなこ"
    std::string_view rest;  // what follows the closing bracket, trimmed
};
std::optional<NameReading> MatchNameReading(std::string_view text);

// A name followed by a space and facts, without a reading: "佐藤花子　1975年東京都生まれ。…"
// (a year right after the name, and "生まれ" or "出身" soon after). `reading` is empty.
std::optional<NameReading> MatchNameBeforeFacts(std::string_view text);

// A header that announces a profile: "プロフィール", "【略歴】", "■経歴", "Profile", "About the
// author".
bool IsProfileHeader(std::string_view text);

// The ruby of a name: one pair per part when the name and its reading have as many parts
// ("佐藤 花子" / "さとう・はなこ" → 佐藤=さとう, 花子=はなこ), else one pair for the whole name.
std::vector<Ruby> NameRuby(const NameReading& name);

// A fact of a profile: a four-digit year, "生まれ" / "出身", or "born".
bool HasBirthOrCareerFact(std::string_view text);

// A third-person bio: 2–4 capitalised words (a name) followed by "is", "was", "has", ", born" or
// "(born", whose surname or first name occurs in `known_text` (title, intro, speaker labels) or
// which states a birth or a year; never in the first person ("New York is where I grew up").
bool LooksLikeEnglishBio(std::string_view text, std::string_view known_text);

// Counts token pairs over a text (CJK characters and Latin words are tokens; white space and
// punctuation are not) so that a line can be checked for being a repeat of other lines.
class RepeatIndex {
  public:
    void Add(std::string_view text);
    // The share of the token pairs of `text` that occur in the indexed text outside `text` itself
    // (which must have been added); 0 when `text` has fewer than `min_pairs` pairs.
    double RepeatedShare(std::string_view text, std::size_t min_pairs) const;

  private:
    std::unordered_map<std::uint64_t, std::uint32_t> counts_;
};

}  // namespace mondo::content::detail
