// The Interview model: what a question-and-answer text holds once parsed.
//
// Contract: ParseInterview() takes raw bytes as read from a file (UTF-8, optionally with a BOM;
// UTF-16 with a BOM is converted) and either returns an Interview or a ParseError naming what is
// wrong and where. It never throws, never crashes and runs in time linear in the input size.
// All strings in the model are UTF-8, trimmed, with U+00A0/U+3000 runs at the ends removed and
// furigana that lost its ruby markup separated out into `ruby`.
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
    kInvalidUtf8,     // byte_offset points at the first invalid byte
    kUnsupportedEncoding,
    kTooLarge,        // over kMaxSourceBytes
    kNoExchanges,     // no question/answer pair could be found
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
