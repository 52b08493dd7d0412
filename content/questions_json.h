// JSON for `mondo questions --json` (the shape is in the command-line contract):
// {"source": {...}, "sections": [...], "profile": [...], "ruby": [...], "exchanges": [...],
//  "questions": [...]}.
//
// Contract: the output is valid JSON (RFC 8259) for any input strings: quotes, backslashes and
// every control character are escaped, U+2028/U+2029 too; other non-ASCII text is written as UTF-8,
// and bytes that are not valid UTF-8 are written as U+FFFD. No trailing newline.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/interview.h"
#include "content/question.h"

namespace mondo::content {

// `text` as a JSON string literal, quotes included.
std::string JsonString(std::string_view text);

std::string QuestionsJson(const Interview& interview, const std::vector<Question>& questions);

}  // namespace mondo::content
