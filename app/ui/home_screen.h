// The Home screen: what is due, how far the learner has come, and the way in.
#pragma once

#include <string>
#include <vector>

namespace mondo::app {

struct HomeSectionRow {
    int index = 0;
    std::string title;
    int questions = 0;
    // The one definition of learned and mastery (storage/collection.h, study/progress.h).
    int learned = 0;       // questions in the review state
    double mastery = 0.0;  // 0..1: mean over its questions of a learned one's retrievability
};

struct HomeViewModel {
    std::string source_title;
    bool first_run = false;  // show the three-line introduction
    int due_now = 0;
    int new_today = 0;  // new questions still available today (within the daily limit)
    int learned = 0;
    int total_questions = 0;
    int reviews_today = 0;
    double minutes_today = 0.0;
    int streak_days = 0;
    std::string next_due;  // "in 3 h" when nothing is due; empty otherwise
    std::vector<HomeSectionRow> sections;
    bool rows_are_sources = false;  // all sources chosen: `sections` holds one row per source
};

enum class HomeIntent { kNone, kStudy, kRead, kBrowse, kStats, kLibrary, kDismissIntro };

// Enter or Space starts studying; R, B, S, L open Read, Browse, Stats, Library.
HomeIntent DrawHomeScreen(const HomeViewModel& model);

}  // namespace mondo::app
