#include "app/app_controller.h"

#include <algorithm>

#include "app/preferences.h"
#include "app/study/collection_store.h"
#include "app/study/grading.h"
#include "app/study/progress.h"

namespace mondo::app {

AppController::AppController(storage::Collection& collection, content::Interview interview,
                             Clock clock)
    : collection_(collection), interview_(std::move(interview)), clock_(std::move(clock)) {
    for (content::Question& question : content::GenerateQuestions(interview_)) {
        std::string id = question.id;
        generated_.emplace(std::move(id), std::move(question));
    }
}

Expected<Ok, std::string> AppController::Start() {
    auto settings = study::LoadSettings(collection_);
    if (!settings) return Unexpected(settings.error().message);
    settings_ = std::move(*settings);
    settings_.utc_offset_at = LocalUtcOffset;
    auto preferences = LoadPreferences(collection_);
    if (!preferences) return Unexpected(preferences.error());
    settings_view_.values = *preferences;
    settings_view_.values.desired_retention = settings_.desired_retention;
    settings_view_.values.new_per_day = settings_.new_per_day;
    settings_view_.values.reviews_per_day = settings_.reviews_per_day;
    settings_view_.values.learning_steps = sched::FormatSteps(settings_.learning_steps);
    settings_view_.values.relearning_steps = sched::FormatSteps(settings_.relearning_steps);
    settings_view_.values.day_start_hour = settings_.day_start_hour;
    settings_view_.can_undo_parameters = settings_.parameter_history.size() >= 2;
    auto started = StartSession({});
    if (!started) return started;
    // First run: no card of the collection was ever answered (nothing is due at any time).
    auto next_due = collection_.NextDue();
    if (!next_due) return Unexpected(next_due.error().message);
    first_run_ = !next_due->has_value();
    screen_ = Screen::kHome;
    Refresh();
    return Ok{};
}

Expected<Ok, std::string> AppController::StartSession(study::QueueScope scope) {
    if (session_) (void)session_->End(NowSeconds());
    session_.reset();
    // Today's cards and new questions only (a scoped session loads its whole scope): Home and
    // Read take their progress from the collection's aggregates, Browse and Settings load what
    // they show when they are shown.
    auto session =
        study::Session::Start(collection_, settings_, NowSeconds(), scope, study::LoadMode::kToday);
    if (!session) return Unexpected(session.error().message);
    session_.emplace(std::move(*session));
    scope_ = std::move(scope);
    phase_ = StudyPhase::kAsking;
    check_.reset();
    ++showing_;
    return Ok{};
}

void AppController::StudyScope(study::QueueScope scope, const std::string& what) {
    if (auto started = StartSession(std::move(scope)); !started) {
        Fail("cannot study " + what, started.error());
        return;
    }
    screen_ = Screen::kStudy;
    error_.clear();
    Refresh();
}

void AppController::Navigate(Screen screen) {
    if (screen == Screen::kStudy && screen_ != Screen::kStudy && scope_.IsScoped()) {
        // The navigation bar's Study means everything due, not the last exchange studied.
        if (auto started = StartSession({}); !started)
            Fail("cannot start studying", started.error());
    }
    screen_ = screen;
    error_.clear();
    if (screen == Screen::kSettings) RefreshSettings();
    Refresh();
}

std::string AppController::FormatWait(std::int64_t seconds) {
    return "in " + study::FormatInterval(std::max<std::int64_t>(seconds, 60));
}

void AppController::Fail(const std::string& what, const std::string& message) {
    error_ = what + ": " + message;
}

bool AppController::Tick() {
    if (!notice_.empty() && NowMs() >= notice_until_ms_) {
        // The notice has had its time: draw the screen without it.
        notice_.clear();
        RefreshStudy();
        return true;
    }
    if (!session_) return false;
    const bool had_card = session_->Current() != nullptr;
    const auto before = session_->Counts();
    session_->Update(NowSeconds());
    if (had_card == (session_->Current() != nullptr) && before == session_->Counts()) return false;
    Refresh();
    return true;
}

void AppController::Shutdown() {
    if (session_) (void)session_->End(NowSeconds());
}

std::string AppController::SectionTitle(int exchange) const {
    for (const auto& e : interview_.exchanges) {
        if (e.index != exchange) continue;
        for (const auto& section : interview_.sections) {
            if (section.index == e.section) return section.title;
        }
    }
    return {};
}

void AppController::RefreshProgress() {
    progress_.reset();
    if (!session_) return;
    auto progress = study::LoadProgress(collection_, interview_.source_id, settings_, NowSeconds());
    if (!progress) {
        Fail("cannot read the progress", progress.error().message);
        return;
    }
    progress_ = std::move(*progress);
}

void AppController::Refresh() {
    // Home and Read show the same progress figures: read once per refresh.
    RefreshProgress();
    RefreshStudy();
    RefreshHome();
    RefreshRead();
    // The heavier view models are built only for the screen showing them.
    if (screen_ == Screen::kBrowse) RefreshBrowse();
    if (screen_ == Screen::kStats) RefreshStats();
}

std::vector<std::string> AppController::VisibleTexts() const {
    std::vector<std::string> texts = {interview_.title};
    for (const auto& fact : interview_.profile) texts.push_back(fact);
    for (const auto& section : interview_.sections) texts.push_back(section.title);
    for (const auto& exchange : interview_.exchanges) {
        texts.push_back(exchange.question);
        texts.push_back(exchange.answer);
        for (const auto& note : exchange.notes) texts.push_back(note);
    }
    for (const auto& ruby : interview_.ruby) texts.push_back(ruby.reading);
    if (session_) {
        for (const auto& item : session_->items()) {
            texts.push_back(item.question.prompt);
            texts.push_back(item.question.answer);
            texts.push_back(item.question.context);
            for (const auto& choice : item.question.choices) texts.push_back(choice);
        }
    }
    return texts;
}

}  // namespace mondo::app
