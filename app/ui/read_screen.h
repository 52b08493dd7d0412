// The Read screen: the interview itself — title, profile, sections, every exchange with its notes
// and furigana — each exchange tinted by how well the learner knows it. Up/Down select an
// exchange, Enter studies only its questions; N (Shift+N) reads the next (previous) source.
#pragma once

#include <string>
#include <vector>

#include "content/arguments.h"
#include "content/interview.h"
#include "fonts/line_breaker.h"

namespace mondo::app {

// A sentence of an answer and its role in the argument (content/arguments.h): the Read screen
// sets a small dot of the role's colour in the margin of the line the sentence starts on (its
// name on hover), so the reader sees claims, reasons, contrasts and conclusions at a glance.
struct ReadSentenceRole {
    std::size_t offset = 0;  // byte offset of the sentence in the answer
    content::ArgumentRole role = content::ArgumentRole::kClaim;
};

// Where a dot goes: the line of the laid-out answer (ParagraphLines) and its slot on that line
// (0, 1, … when several sentences start on one line). Only marked roles (IsMarkedRole: not
// context) get one; `max_slots` bounds the dots per line (the margin is narrow).
struct RoleMark {
    content::ArgumentRole role = content::ArgumentRole::kClaim;
    std::size_t line = 0;
    int slot = 0;
};
std::vector<RoleMark> PlaceRoleMarks(const std::vector<ReadSentenceRole>& roles,
                                     const std::vector<fonts::LineSpan>& lines, int max_slots);

struct ReadExchangeView {
    int index = 0;    // 1-based exchange number
    int section = 0;  // section index, 0 when none
    std::string question;
    std::string answer;
    std::vector<std::string> notes;
    std::vector<ReadSentenceRole> roles;  // the answer's sentences, in order (empty: no marks)
    // The one definition of learned and mastery (storage/collection.h, study/progress.h).
    int questions = 0;     // questions made from this exchange (active, unsuspended)
    int reviewed = 0;      // of which reviewed at least once
    int learned = 0;       // of which learned (in the review state)
    double mastery = 0.0;  // 0..1: mean over its questions of a learned one's retrievability
};

struct ReadViewModel {
    std::string title;
    std::vector<std::string> profile;
    std::vector<content::Section> sections;
    std::vector<ReadExchangeView> exchanges;
    std::vector<content::Ruby> ruby;  // readings drawn above their base text
    int source_number = 1;            // which source of the Library this is (1-based)
    int source_count = 1;
};

struct ReadUiState {
    int selected = 0;                 // index into exchanges
    bool scroll_to_selected = false;  // set by the app when it opens Read on an exchange
};

struct ReadIntent {
    enum class Kind { kNone, kStudyExchange, kNextSource, kPreviousSource };
    Kind kind = Kind::kNone;
    int exchange = 0;  // Exchange::index
};

ReadIntent DrawReadScreen(const ReadViewModel& model, ReadUiState& ui);

}  // namespace mondo::app
