// The Study screen: one exchange of the interview at a time, question first, answer on demand.
// It draws from a view model and returns what the learner asked for; it never touches storage.
#pragma once

#include <string>
#include <vector>

namespace mondo::app {

struct StudyExchangeView {
    int index = 0;  // 1-based exchange number
    std::string section_title;
    std::string question;
    std::string answer;
};

struct StudyViewModel {
    std::string source_title;
    std::vector<StudyExchangeView> exchanges;
    int current = 0;        // index into exchanges
    bool revealed = false;  // the answer is shown
};

enum class StudyIntent { kNone, kShowAnswer, kNext, kPrevious };

// Draws the screen filling the main viewport and reads the keyboard:
// Space/Enter shows the answer, Left/Right move between exchanges.
StudyIntent DrawStudyScreen(const StudyViewModel& model);

// Applies an intent to the view model (pure; used by the loop and by tests).
void ApplyStudyIntent(StudyViewModel& model, StudyIntent intent);

}  // namespace mondo::app
