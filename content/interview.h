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
//     turn ("(訳註:…)") go to the exchange's notes; lines left by web pages ("コメント",
//     "タイトルとURLをコピーしました"…) and short non-sentences after the last answer are dropped.
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
    std::vector<std::string> profile;  // bullet facts about the interviewee
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
