// JSON for `mondo questions --json` (the shape is in the command-line contract):
// {"source": {...}, "sections": [...], "profile": [...], "ruby": [...], "exchanges": [...],
//  "questions": [...]}, keys in that order, on one line (content/json.h). No trailing newline.
#pragma once

#include <string>
#include <vector>

#include "content/interview.h"
#include "content/question.h"

namespace mondo::content {

std::string QuestionsJson(const Interview& interview, const std::vector<Question>& questions);

}  // namespace mondo::content
