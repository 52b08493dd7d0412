#include "app/app_controller.h"

#include <algorithm>
#include <memory>

#include "app/preferences.h"
#include "app/study/collection_store.h"
#include "app/study/grading.h"
#include "app/study/progress.h"

namespace mondo::app {

namespace {}  // namespace

AppController::AppController(storage::Collection& collection, Clock clock)
    : collection_(collection), clock_(std::move(clock)) {}

Expected<Ok, std::string> AppController::LoadSources() {
    auto sources = collection_.Sources();
    if (!sources) return Unexpected(sources.error().message);
    // An interview loaded before is kept while its source is unchanged (same content hash).
    std::map<std::string, std::string> loaded_hash;
    for (const auto& source : all_sources_) loaded_hash[source.id] = source.content_hash;
    all_sources_ = std::move(*sources);
    sources_.clear();
    std::map<std::string, content::Interview> interviews;
    for (const auto& source : all_sources_) {
        if (!source.retired()) sources_.push_back(source);
        auto kept = interviews_.find(source.id);
        if (kept != interviews_.end() && loaded_hash[source.id] == source.content_hash) {
            kept->second.title = SourceTitle(source, kept->second);
            interviews.emplace(source.id, std::move(kept->second));
            continue;
        }
        auto interview = collection_.LoadInterview(source.id);
        if (!interview) return Unexpected(interview.error().message);
        interview->title = SourceTitle(source, *interview);
        generated_.erase(source.id);
        interviews.emplace(source.id, std::move(*interview));
    }
    interviews_ = std::move(interviews);
    if (!IsActiveSource(chosen_source_)) chosen_source_.clear();
    if (!IsActiveSource(read_source_))
        read_source_ =
            chosen_source_.empty() && !sources_.empty() ? sources_.front().id : chosen_source_;
    texts_changed_ = true;
    return Ok{};
}

bool AppController::IsActiveSource(const std::string& source_id) const {
    return std::any_of(sources_.begin(), sources_.end(),
                       [&](const storage::SourceRecord& source) { return source.id == source_id; });
}

const content::Interview& AppController::InterviewOf(const std::string& source_id) const {
    static const content::Interview kNone;
    if (const auto it = interviews_.find(source_id); it != interviews_.end()) return it->second;
    if (!sources_.empty()) {
        if (const auto it = interviews_.find(sources_.front().id); it != interviews_.end())
            return it->second;
    }
    return kNone;
}

const content::Question* AppController::GeneratedQuestion(const std::string& source_id,
                                                          const std::string& question_id) {
    auto made = generated_.find(source_id);
    if (made == generated_.end()) {
        const auto interview = interviews_.find(source_id);
        if (interview == interviews_.end()) return nullptr;
        std::unordered_map<std::string, content::Question> by_id;
        for (content::Question& question : content::GenerateQuestions(interview->second)) {
            std::string id = question.id;
            by_id.emplace(std::move(id), std::move(question));
        }
        made = generated_.emplace(source_id, std::move(by_id)).first;
    }
    const auto found = made->second.find(question_id);
    return found == made->second.end() ? nullptr : &found->second;
}

void AppController::Choose(const std::string& source_id) {
    chosen_source_ = IsActiveSource(source_id) ? source_id : std::string();
    if (!chosen_source_.empty()) read_source_ = chosen_source_;
    if (auto saved = collection_.SetSetting(kChosenSourceSetting, chosen_source_); !saved) {
        Fail("cannot save the choice of source", saved.error().message);
    }
    texts_changed_ = true;
    if (auto started = StartSession({}); !started) Fail("cannot start studying", started.error());
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
    if (auto loaded = LoadSources(); !loaded) return loaded;
    if (auto chosen = collection_.GetSetting(kChosenSourceSetting); chosen && *chosen) {
        chosen_source_ = IsActiveSource(**chosen) ? **chosen : std::string();
        if (!chosen_source_.empty()) read_source_ = chosen_source_;
    }
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
    // Today's cards and new questions only (a scoped session, or one source, loads its whole
    // scope): Home and Read take their progress from the collection's aggregates, Browse and
    // Settings load what they show when they are shown.
    auto session =
        study::Session::Start(std::make_unique<study::CollectionStore>(collection_, chosen_source_),
                              settings_, NowSeconds(), scope, study::LoadMode::kToday);
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
    ReapStoppedWork();
    const bool fit_changed = PollFit() | PollEstimates();
    if (!notice_.empty() && NowMs() >= notice_until_ms_) {
        // The notice has had its time: draw the screen without it.
        notice_.clear();
        RefreshStudy();
        return true;
    }
    if (!session_) return fit_changed;
    const bool had_card = session_->Current() != nullptr;
    const auto before = session_->Counts();
    session_->Update(NowSeconds());
    if (had_card == (session_->Current() != nullptr) && before == session_->Counts()) {
        return fit_changed;
    }
    Refresh();
    return true;
}

void AppController::Shutdown() {
    StopBackgroundWork();
    if (session_) (void)session_->End(NowSeconds());
}

std::string AppController::SectionTitle(const std::string& source_id, int exchange) const {
    const content::Interview& interview = InterviewOf(source_id);
    for (const auto& e : interview.exchanges) {
        if (e.index != exchange) continue;
        for (const auto& section : interview.sections) {
            if (section.index == e.section) return section.title;
        }
    }
    return {};
}

void AppController::RefreshProgress() {
    progress_.reset();
    if (!session_) return;
    // The chosen source's sections and exchanges (all chosen: those of the source Read shows).
    auto progress =
        study::LoadProgress(collection_, chosen_source_.empty() ? read_source_ : chosen_source_,
                            settings_, NowSeconds());
    if (!progress) {
        Fail("cannot read the progress", progress.error().message);
        return;
    }
    progress_ = std::move(*progress);
}

void AppController::Refresh() {
    // Home and Read show the same progress figures: read once per refresh.
    RefreshProgress();
    RefreshLibrary();
    RefreshStudy();
    RefreshHome();
    RefreshRead();
    // The heavier view models are built only for the screen showing them.
    if (screen_ == Screen::kBrowse) RefreshBrowse();
    if (screen_ == Screen::kStats) RefreshStats();
}

std::vector<std::string> AppController::VisibleTexts() const {
    std::vector<std::string> texts;
    const auto add_interview = [&texts](const content::Interview& interview) {
        texts.push_back(interview.title);
        for (const auto& fact : interview.profile) texts.push_back(fact);
        for (const auto& section : interview.sections) texts.push_back(section.title);
        for (const auto& exchange : interview.exchanges) {
            texts.push_back(exchange.question);
            texts.push_back(exchange.answer);
            for (const auto& note : exchange.notes) texts.push_back(note);
        }
        for (const auto& ruby : interview.ruby) texts.push_back(ruby.reading);
    };
    for (const auto& [id, interview] : interviews_) add_interview(interview);
    if (pending_import_) {
        texts.push_back(pending_import_->DisplayTitle());
        texts.push_back(pending_import_->origin);
    }
    texts.push_back(library_.import_error);
    texts.push_back(library_.notice);
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

std::vector<std::string> AppController::HeadingTexts() const {
    std::vector<std::string> texts;
    for (const auto& [id, interview] : interviews_) {
        texts.push_back(interview.title);
        for (const auto& section : interview.sections) texts.push_back(section.title);
    }
    if (pending_import_) texts.push_back(pending_import_->DisplayTitle());
    return texts;
}

std::vector<std::string> AppController::ReadingTexts() const {
    std::vector<std::string> texts;
    for (const auto& [id, interview] : interviews_) {
        for (const auto& ruby : interview.ruby) texts.push_back(ruby.reading);
    }
    return texts;
}

}  // namespace mondo::app
