// The Interview model: what a question-and-answer text holds once parsed.
//
// Contract: ParseInterview() takes raw bytes as read from a file (UTF-8, optionally with a BOM;
// UTF-16 with a BOM is converted) and either returns an Interview or a ParseError naming what is
// wrong and where. It never throws, never crashes and runs in time linear in the input size.
// All strings in the model are UTF-8, trimmed, with U+00A0/U+3000 runs at the ends removed and
// furigana that lost its ruby markup separated out into `ruby`.
//
// What is recognised (decided from the text itself, not from a fixed list of speakers):
//   - turns labelled "Q:", "Q.", "Q：", "A:", any name with an ASCII or full-width colon ("梁CEO:",
//     "インタビュアー：", "Interviewer:", "Smith:"), a name and a space ("佐藤　…") when nothing
//     else labels the turns, or questions led by a dash ("――", "—") with unlabelled answers;
//   - the asker is the speaker with the most question marks and the shortest turns who speaks
//     first ("Q", "インタビュアー", "Interviewer" only tip the balance); a label used once is
//     prose;
//   - question and answer on one line ("Q: …? A: …"); answers over several paragraphs; hard-wrapped
//     lines joined; CRLF/CR line ends; a UTF-8 BOM;
//   - the first short line is the title; short lines standing alone right before a question are
//     section headings; bullets ("•", "・", "- ") before the first question are the profile; other
//     paragraphs before it are the intro; note lines ("(注:…)", "※…") and bracketed notes inside a
//     turn ("(訳註:…)") go to the exchange's notes;
//   - Markdown: "#" headings (title, sections), bold labels ("**Q:**", "**森田：**") and whole bold
//     lines as questions when only the answers are labelled, "> " block quotes, rules ("---"),
//     images and link lists (dropped), "[text](url)" read as its text;
//   - a speaker's name opening an answer ("佐藤：…", "佐藤 …", "佐藤　…") after "――" or "Q"
//     questions is a label, never part of the answer; a name that never answers a question
//     ("Photo: …") is not a speaker;
//   - page furniture is dropped wherever it sits, by its shape (content/page_shapes.h): runs of
//     short lines that are not sentences (dates, bylines, share and follow lines, "続きを読む",
//     "Read more" with its list), captions and credits ("（撮影：…）", "Photo: …"), link and
//     hashtag lines, page numbers, a short line the site repeats, a pull-quote that repeats what is
//     said elsewhere, and the site's phrases ("コメント", "タイトルとURLをコピーしました"…);
//     dropped lines separate paragraphs: two lines are joined only when the first is long and
//     does not end a sentence (a hard wrap);
//   - a profile paragraph ("佐藤 花子（さとう・はなこ）1975年東京都生まれ。…", or a closing
//     "Maria Alvarez is a professor of …" after the last question) goes to `profile`, one fact per
//     sentence after the name, the reading as ruby; what follows a closing profile is the page's;
//   - greeting and thanks exchanges are kept and marked `courtesy` (content/courtesy.h).
// Errors: kInvalidUtf8 (byte_offset = first bad byte, counted in the input including any BOM),
// kUnsupportedEncoding (UTF-32, or NUL bytes: binary or UTF-16 without a BOM), kTooLarge (input
// over kMaxSourceBytes), kNoExchanges. Thread-safe: may be called from several threads at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "content/expected.h"

namespace mondo::content {

// A kanji word whose reading was written right after it (flattened ruby), e.g. 湛江 + ジャンジアン.
struct Ruby {
    std::string base;
    std::string reading;
    bool operator==(const Ruby&) const = default;
};

struct Section {
    int index = 0;  // 1-based, in reading order
    std::string title;
};

struct Exchange {
    int index = 0;    // 1-based, in reading order
    int section = 0;  // Section::index, or 0 when the text has no headings
    std::string question;
    std::string answer;              // paragraphs joined with '\n'
    std::vector<std::string> notes;  // translator's or editor's notes attached to this exchange
    // A greeting or thanks exchange ("――本日はよろしくお願いします。" / "よろしくお願いします。…"):
    // the question is only courtesy (IsCourtesyOnly, content/courtesy.h) and the answer has at most
    // one sentence that is not. Kept for reading; a generator never asks about it.
    bool courtesy = false;
};

struct Interview {
    std::string source_id;  // stable id of the source: a hash of the title (see SourceIdFor)
    std::string title;
    std::vector<std::string> intro;    // paragraphs before the first exchange or profile
    std::vector<std::string> profile;  // facts about the interviewee (bullets or profile sentences)
    std::vector<Section> sections;
    std::vector<Exchange> exchanges;
    std::vector<Ruby> ruby;  // every recovered reading, in order of appearance
};

enum class ParseErrorKind {
    kInvalidUtf8,  // byte_offset points at the first invalid byte
    kUnsupportedEncoding,
    kTooLarge,     // over kMaxSourceBytes
    kNoExchanges,  // no question/answer pair could be found
};

struct ParseError {
    ParseErrorKind kind;
    std::size_t byte_offset = 0;
    std::string message;  // one sentence for the user, in English
};

inline constexpr std::size_t kMaxSourceBytes = 10 * 1024 * 1024;

Expected<Interview, ParseError> ParseInterview(std::string_view bytes);

// The stable id of a source: 16 lowercase hex digits of a 64-bit FNV-1a hash of the trimmed title
// (of the first question when the text has no title).
std::string SourceIdFor(std::string_view title);

// The interview the app ships with (Liang Wenfeng, DeepSeek), embedded in the binary.
std::string_view BuiltinInterviewText();

}  // namespace mondo::content
