#include "app/app_controller.h"

#include <chrono>
#include <ctime>
#include <map>
#include <set>

#include "app/preferences.h"
#include "app/stats_builder.h"
#include "app/study/choice_order.h"
#include "app/study/collection_store.h"
#include "app/study/grading.h"
#include "app/study/simulator.h"
#include "content/japanese_text.h"

namespace mondo::app {

namespace {

// Anki caps the time counted for one answer at a minute: longer means the learner walked away.
constexpr std::int64_t kMaxAnswerMs = 60'000;

content::GradeVerdict ToGradeVerdict(study::Verdict verdict) {
    switch (verdict) {
        case study::Verdict::kCorrect:
            return content::GradeVerdict::kExact;
        case study::Verdict::kTypo:
            return content::GradeVerdict::kTypo;
        case study::Verdict::kWrong:
            return content::GradeVerdict::kWrong;
    }
    return content::GradeVerdict::kWrong;
}

std::string FormatWait(std::int64_t seconds) {
    return "in " + study::FormatInterval(std::max<std::int64_t>(seconds, 60));
}

}  // namespace

AppController::AppController(storage::Collection& collection, content::Interview interview,
                             Clock clock)
    : collection_(collection), interview_(std::move(interview)), clock_(std::move(clock)) {}

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
    settings_view_.values.learning_steps = study::FormatSteps(settings_.learning_steps);
    settings_view_.values.relearning_steps = study::FormatSteps(settings_.relearning_steps);
    settings_view_.values.day_start_hour = settings_.day_start_hour;
    auto started = StartSession({});
    if (!started) return started;
    first_run_ = session_->items().empty() ||
                 std::all_of(session_->items().begin(), session_->items().end(),
                             [](const study::StudyItem& item) { return item.card.reps == 0; });
    screen_ = Screen::kHome;
    Refresh();
    return Ok{};
}

Expected<Ok, std::string> AppController::StartSession(study::QueueScope scope) {
    if (session_) (void)session_->End(NowSeconds());
    session_.reset();
    auto session = study::Session::Start(collection_, settings_, NowSeconds(), scope);
    if (!session) return Unexpected(session.error().message);
    session_.emplace(std::move(*session));
    scope_ = std::move(scope);
    phase_ = StudyPhase::kAsking;
    check_.reset();
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

void AppController::Fail(const std::string& what, const std::string& message) {
    error_ = what + ": " + message;
}

void AppController::Apply(HomeAction action) {
    switch (action) {
        case HomeAction::kNone:
            return;
        case HomeAction::kStudy:
            Navigate(Screen::kStudy);
            return;
        case HomeAction::kRead:
            Navigate(Screen::kRead);
            return;
        case HomeAction::kBrowse:
            Navigate(Screen::kBrowse);
            return;
        case HomeAction::kStats:
            Navigate(Screen::kStats);
            return;
        case HomeAction::kDismissIntro:
            first_run_ = false;
            RefreshHome();
            return;
    }
}

void AppController::Apply(const ReadIntent& intent) {
    if (intent.kind != ReadIntent::Kind::kStudyExchange) return;
    StudyScope(study::QueueScope::Exchange(intent.exchange), "this exchange");
}

void AppController::Apply(const BrowseIntent& intent) {
    using Kind = BrowseIntent::Kind;
    switch (intent.kind) {
        case Kind::kNone:
            return;
        case Kind::kSelect:
            RefreshBrowseHistory();
            return;
        case Kind::kSetSuspended:
            if (session_) {
                if (auto done =
                        session_->SetSuspended(intent.question_id, intent.value, NowSeconds());
                    !done) {
                    Fail("cannot change suspension", done.error().message);
                    return;
                }
                Refresh();
            }
            return;
        case Kind::kSetFlagged:
            if (session_) {
                if (auto done = session_->SetFlag(intent.question_id, intent.value ? 1 : 0);
                    !done) {
                    Fail("cannot flag", done.error().message);
                    return;
                }
                Refresh();
            }
            return;
        case Kind::kStudyQuestion:
            StudyScope(study::QueueScope::Selection({intent.question_id}), "this question");
            return;
        case Kind::kStudyExchange:
            StudyScope(study::QueueScope::Exchange(intent.exchange), "this exchange");
            return;
        case Kind::kOpenInRead:
            for (std::size_t i = 0; i < read_.exchanges.size(); ++i) {
                if (read_.exchanges[i].index == intent.exchange)
                    read_ui_.selected = static_cast<int>(i);
            }
            read_ui_.scroll_to_selected = true;
            screen_ = Screen::kRead;
            return;
    }
}

void AppController::Apply(const StatsIntent& intent) {
    switch (intent.kind) {
        case StatsIntent::Kind::kNone:
            return;
        case StatsIntent::Kind::kStudy:
            Navigate(Screen::kStudy);
            return;
        case StatsIntent::Kind::kStudyExchange:
            StudyScope(study::QueueScope::Exchange(intent.exchange), "this exchange");
            return;
    }
}

void AppController::Apply(const SettingsIntent& intent) {
    if (intent.kind == SettingsIntent::Kind::kNone) return;
    SettingsValues values =
        intent.kind == SettingsIntent::Kind::kResetDefaults ? SettingsValues{} : intent.values;
    study::StudySettings next = settings_;
    next.desired_retention = values.desired_retention;
    next.new_per_day = values.new_per_day;
    next.reviews_per_day = values.reviews_per_day;
    next.day_start_hour = values.day_start_hour;
    if (const auto steps = study::ParseSteps(values.learning_steps)) next.learning_steps = *steps;
    if (const auto steps = study::ParseSteps(values.relearning_steps))
        next.relearning_steps = *steps;
    if (const auto problems = study::Validate(next); !problems.empty()) {
        Fail("setting not saved", problems.front().message);
        return;
    }
    if (auto saved = study::SaveSettings(collection_, next); !saved) {
        Fail("settings not saved", saved.error().message);
        return;
    }
    if (auto saved = SavePreferences(collection_, values); !saved) {
        Fail("settings not saved", saved.error());
        return;
    }
    const SettingsValues before = settings_view_.values;
    const bool study_changed = next.desired_retention != settings_.desired_retention ||
                               next.new_per_day != settings_.new_per_day ||
                               next.reviews_per_day != settings_.reviews_per_day ||
                               next.day_start_hour != settings_.day_start_hour ||
                               next.learning_steps != settings_.learning_steps ||
                               next.relearning_steps != settings_.relearning_steps;
    settings_ = std::move(next);
    if (values.font_size != before.font_size || values.japanese_font != before.japanese_font) {
        font_changed_ = true;
    }
    error_.clear();
    if (study_changed) {
        if (auto started = StartSession(scope_); !started)
            Fail("cannot restart studying", started.error());
    }
    settings_view_.values = values;
    settings_view_.values.learning_steps = study::FormatSteps(settings_.learning_steps);
    settings_view_.values.relearning_steps = study::FormatSteps(settings_.relearning_steps);
    if (intent.field == SettingField::kDesiredRetention || study_changed) RefreshSettings();
    Refresh();
}

void AppController::Check(const study::AnswerInput& input) {
    if (!session_ || !session_->Current()) return;
    check_ = session_->Check(input);
    phase_ = StudyPhase::kRevealed;
    RefreshStudy();
}

void AppController::Answer(sched::Rating rating, std::optional<study::Override> override_choice) {
    if (!session_ || !session_->Current()) return;
    const std::int64_t now_ms = NowMs();
    const std::int64_t duration = std::clamp<std::int64_t>(now_ms - shown_at_ms_, 0, kMaxAnswerMs);
    Expected<study::AnswerReceipt, storage::StorageError> receipt =
        override_choice && check_
            ? session_->AnswerChecked(*check_, *override_choice, now_ms / 1000, duration)
        : check_
            ? session_->Answer(rating, check_->answer_given,
                               check_->verdict != study::Verdict::kWrong, now_ms / 1000, duration)
            : session_->Answer(rating, std::string(), std::nullopt, now_ms / 1000, duration);
    if (!receipt) {
        Fail("the review was not saved", receipt.error().message);
        return;
    }
    error_.clear();
    phase_ = StudyPhase::kAsking;
    check_.reset();
    Refresh();
}

void AppController::Apply(const StudyIntent& intent) {
    using Kind = StudyIntent::Kind;
    switch (intent.kind) {
        case Kind::kNone:
            return;
        case Kind::kShowAnswer:
            phase_ = StudyPhase::kRevealed;
            RefreshStudy();
            return;
        case Kind::kSubmitChoice:
            Check(study::ChoiceAnswer{intent.index});
            return;
        case Kind::kSubmitText:
            Check(study::TypedAnswer{intent.text});
            return;
        case Kind::kSubmitTrueFalse:
            Check(study::TrueFalseAnswer{intent.flag});
            return;
        case Kind::kSubmitOrder:
            Check(study::OrderAnswer{intent.order});
            return;
        case Kind::kRate:
            if (phase_ == StudyPhase::kRevealed && intent.index >= 1 && intent.index <= 4) {
                Answer(static_cast<sched::Rating>(intent.index), std::nullopt);
            }
            return;
        case Kind::kGuessed:
            if (check_)
                Answer(study::RatingFor(check_->verdict, study::Override::kGuessed),
                       study::Override::kGuessed);
            return;
        case Kind::kCountTypo:
            if (check_)
                Answer(study::RatingFor(check_->verdict, study::Override::kCountTypo),
                       study::Override::kCountTypo);
            return;
        case Kind::kUndo:
            if (session_ && session_->UndoDepth() > 0) {
                if (auto undone = session_->Undo(); !undone) {
                    Fail("undo failed", undone.error().message);
                    return;
                }
                phase_ = StudyPhase::kAsking;
                check_.reset();
                shown_question_.clear();
                Refresh();
            }
            return;
        case Kind::kSuspend:
            if (session_ && session_->Current()) {
                if (auto done = session_->SuspendCurrent(NowSeconds()); !done) {
                    Fail("cannot suspend", done.error().message);
                    return;
                }
                phase_ = StudyPhase::kAsking;
                check_.reset();
                Refresh();
            }
            return;
        case Kind::kToggleFlag:
            if (session_ && session_->Current()) {
                const study::StudyItem& item = *session_->Current();
                if (auto done = session_->SetFlag(item.question.id, item.flag ? 0 : 1); !done) {
                    Fail("cannot flag", done.error().message);
                    return;
                }
                RefreshStudy();
            }
            return;
        case Kind::kOpenInRead:
            if (study_.has_card && study_.card.exchange > 0) {
                for (std::size_t i = 0; i < read_.exchanges.size(); ++i) {
                    if (read_.exchanges[i].index == study_.card.exchange) {
                        read_ui_.selected = static_cast<int>(i);
                    }
                }
                read_ui_.scroll_to_selected = true;
                screen_ = Screen::kRead;
                RefreshRead();
            }
            return;
        case Kind::kGoHome:
            Navigate(Screen::kHome);
            return;
    }
}

bool AppController::Tick() {
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

void AppController::Refresh() {
    RefreshStudy();
    RefreshHome();
    RefreshRead();
    // The heavier view models are built only for the screen showing them.
    if (screen_ == Screen::kBrowse) RefreshBrowse();
    if (screen_ == Screen::kStats) RefreshStats();
}

void AppController::RefreshBrowse() {
    BrowseViewModel model;
    for (const auto& section : interview_.sections) model.sections.push_back(section.title);
    std::map<int, int> section_of_exchange;
    std::map<int, std::string> question_of_exchange;
    for (const auto& exchange : interview_.exchanges) {
        section_of_exchange[exchange.index] = exchange.section;
        question_of_exchange[exchange.index] = exchange.question;
    }
    const std::int64_t now = NowSeconds();
    const sched::DayBoundary boundary = settings_.MakeDayBoundary();
    const std::int64_t today = boundary.DayNumber(now);
    if (session_) {
        for (const auto& item : session_->items()) {
            BrowseRow row;
            row.id = item.question.id;
            row.kind = item.question.kind;
            row.exchange = item.question.exchange.value_or(0);
            row.section = row.exchange > 0 ? section_of_exchange[row.exchange] : 0;
            row.prompt = item.question.prompt;
            row.answer = item.question.answer;
            row.choices = item.question.choices;
            std::string searchable = row.prompt + " " + row.answer;
            for (const auto& choice : row.choices) searchable += " " + choice;
            if (row.exchange > 0) searchable += " " + question_of_exchange[row.exchange];
            row.search_key = content::Fold(searchable);
            row.state = item.card.state;
            if (item.card.state != sched::CardState::kNew) {
                const std::int64_t days = boundary.DayNumber(item.card.due) - today;
                row.due = days < 0    ? "overdue " + std::to_string(-days) + "d"
                          : days == 0 ? "today"
                                      : "in " + std::to_string(days) + "d";
                row.due_order = static_cast<double>(item.card.due);
                row.stability = item.card.memory.stability;
                row.difficulty = item.card.memory.difficulty;
            }
            row.reviews = item.card.reps;
            row.lapses = item.card.lapses;
            row.flagged = item.flag != 0;
            row.suspended = item.suspended;
            model.rows.push_back(std::move(row));
        }
    }
    model.revision = ++browse_revision_;
    browse_ = std::move(model);
    RefreshBrowseHistory();
}

void AppController::RefreshSettings() {
    if (!session_) return;
    settings_view_.load.clear();
    for (const auto& estimate : study::EstimateLoad(session_->items(), settings_, NowSeconds())) {
        settings_view_.load.push_back(RetentionLoad{estimate.desired_retention,
                                                    estimate.summary.reviews_per_day,
                                                    estimate.summary.minutes_per_day});
    }
    settings_view_.load_days = 60;
}

void AppController::RefreshStudy() {
    StudyViewModel model;
    const study::StudyItem* item = session_ ? session_->Current() : nullptr;
    const auto counts = session_ ? session_->Counts() : study::QueueCounts{};
    model.done = session_ ? session_->stats().reviews : 0;
    model.remaining_new = counts.new_count;
    model.remaining_learning = counts.learning;
    model.remaining_review = counts.review;
    model.can_undo = session_ && session_->UndoDepth() > 0;
    if (scope_.exchange) model.scope = "Exchange " + std::to_string(*scope_.exchange);
    if (item) {
        model.has_card = true;
        StudyCardView& card = model.card;
        card.question_id = item->question.id;
        card.kind = item->question.kind;
        card.exchange = item->question.exchange.value_or(0);
        card.section_title = SectionTitle(card.exchange);
        card.prompt = item->question.prompt;
        card.answer = item->question.answer;
        if (study::HasShuffledChoices(item->question)) {
            // A new arrangement for every showing; the same one while this showing lasts.
            card.choice_index = study::ShownChoiceOrder(item->question, item->card.reps);
            for (const int index : card.choice_index) {
                card.choices.push_back(item->question.choices[static_cast<std::size_t>(index)]);
            }
        } else {
            card.choices = item->question.choices;
        }
        card.context = item->question.context;
        card.state_label = std::string(sched::CardStateName(item->card.state));
        card.flagged = item->flag != 0;
        const sched::NextStates next = session_->Preview(NowSeconds());
        for (std::size_t i = 0; i < 4; ++i) {
            card.interval_labels[i] = study::FormatOutcomeInterval(next.outcomes[i]);
        }
        model.phase = phase_;
        if (check_ && phase_ == StudyPhase::kRevealed) {
            StudyFeedback feedback;
            feedback.verdict = ToGradeVerdict(check_->verdict);
            feedback.given = check_->answer_given;
            if (check_->grade) feedback.diff = check_->grade->diff;
            feedback.suggested_rating = static_cast<int>(study::RatingFor(check_->verdict));
            for (std::size_t i = 0; i < card.choices.size(); ++i) {
                if (card.choices[i] == check_->answer_given) feedback.chosen = static_cast<int>(i);
            }
            model.feedback = std::move(feedback);
        }
        if (shown_question_ != card.question_id) {
            shown_question_ = card.question_id;
            shown_at_ms_ = NowMs();
        }
    } else if (session_) {
        if (const auto due = session_->NextLearningDue()) {
            model.empty_text = "A learning card comes back " + FormatWait(*due - NowSeconds()) +
                               "; stay here or come back later.";
        } else {
            model.empty_text = "Nothing else is due today. New questions come tomorrow.";
        }
    }
    study_ = std::move(model);
}

void AppController::RefreshHome() {
    HomeViewModel model;
    model.source_title = interview_.title;
    model.first_run = first_run_;
    if (!session_) {
        home_ = std::move(model);
        return;
    }
    const auto counts = session_->Counts();
    model.due_now = counts.review + counts.learning;
    model.new_today = counts.new_count;
    const std::int64_t now = NowSeconds();
    const sched::DayBoundary boundary = settings_.MakeDayBoundary();
    std::map<int, HomeSectionRow> sections;
    for (const auto& section : interview_.sections) {
        sections[section.index] = HomeSectionRow{section.index, section.title, 0, 0, 0.0};
    }
    std::map<int, int> section_of_exchange;
    for (const auto& exchange : interview_.exchanges)
        section_of_exchange[exchange.index] = exchange.section;
    std::map<int, double> retrievability_sum;
    std::optional<std::int64_t> next_due;
    for (const auto& item : session_->items()) {
        if (item.suspended) continue;
        ++model.total_questions;
        const bool learned = item.card.state == sched::CardState::kReview;
        if (learned) ++model.learned;
        if (item.card.state != sched::CardState::kNew && (!next_due || item.card.due < *next_due)) {
            next_due = item.card.due;
        }
        const int section =
            item.question.exchange ? section_of_exchange[*item.question.exchange] : 0;
        auto it = sections.find(section);
        if (it == sections.end()) continue;
        ++it->second.questions;
        if (learned) ++it->second.learned;
        if (const auto r =
                sched::RetrievabilityAt(item.card, now, settings_.parameters, boundary)) {
            retrievability_sum[section] += *r;
        }
    }
    for (auto& [index, row] : sections) {
        row.mastery = row.questions > 0 ? retrievability_sum[index] / row.questions : 0.0;
        model.sections.push_back(row);
    }
    if (model.due_now == 0 && next_due && *next_due > now)
        model.next_due = FormatWait(*next_due - now);
    // Today's work and the streak come from the log (earlier sessions count too), one query.
    const std::int64_t offset =
        LocalUtcOffset(now) - static_cast<std::int64_t>(settings_.day_start_hour) * 3600;
    const std::int64_t today = (now + offset) / 86400;
    if (auto days = collection_.ReviewsPerDay(today - 3660, today, offset); days) {
        std::set<std::int64_t> studied;
        for (const auto& day : *days) {
            studied.insert(day.day);
            if (day.day != today) continue;
            model.reviews_today = day.count[0] + day.count[1] + day.count[2] + day.count[3];
            model.minutes_today = static_cast<double>(day.studied_ms) / 60000.0;
        }
        std::int64_t day = studied.count(today) ? today : today - 1;
        while (studied.count(day)) {
            ++model.streak_days;
            --day;
        }
    }
    home_ = std::move(model);
}

void AppController::RefreshRead() {
    ReadViewModel model;
    model.title = interview_.title;
    model.profile = interview_.profile;
    model.sections = interview_.sections;
    model.ruby = interview_.ruby;
    std::map<int, ReadExchangeView*> by_index;
    for (const auto& exchange : interview_.exchanges) {
        ReadExchangeView view;
        view.index = exchange.index;
        view.section = exchange.section;
        view.question = exchange.question;
        view.answer = exchange.answer;
        view.notes = exchange.notes;
        model.exchanges.push_back(std::move(view));
    }
    for (auto& view : model.exchanges) by_index[view.index] = &view;
    if (session_) {
        const std::int64_t now = NowSeconds();
        const sched::DayBoundary boundary = settings_.MakeDayBoundary();
        for (const auto& item : session_->items()) {
            if (!item.question.exchange) continue;
            const auto it = by_index.find(*item.question.exchange);
            if (it == by_index.end()) continue;
            ReadExchangeView& view = *it->second;
            ++view.questions;
            if (const auto r =
                    sched::RetrievabilityAt(item.card, now, settings_.parameters, boundary)) {
                ++view.reviewed;
                view.mastery += *r;
            }
        }
        // New questions count as 0, so one well-known question does not make an exchange
        // "mastered".
        for (auto& view : model.exchanges) {
            if (view.questions > 0) view.mastery /= view.questions;
        }
    }
    read_ = std::move(model);
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

namespace mondo::app {

void AppController::RefreshStats() {
    auto log = collection_.LoadReviewLog();
    if (!log) {
        Fail("cannot read the review log", log.error().message);
        return;
    }
    const std::vector<study::StudyItem> no_items;
    stats_ = BuildStats(ReviewFactsOf(*log), session_ ? session_->items() : no_items, interview_,
                        settings_, NowSeconds());
}

void AppController::RefreshBrowseHistory() {
    const std::string& id = browse_ui_.selected_id;
    browse_.history.clear();
    browse_.history_id = id;
    if (id.empty()) return;
    auto log = collection_.LoadReviewLog(id);
    if (!log) {
        Fail("cannot read the question's history", log.error().message);
        return;
    }
    for (auto it = log->rbegin(); it != log->rend(); ++it) {
        BrowseReview review;
        const std::int64_t seconds = it->time_ms / 1000;
        const std::time_t t = static_cast<std::time_t>(seconds);
        std::tm tm{};
        localtime_r(&t, &tm);
        char text[32];
        std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &tm);
        review.time = text;
        review.rating = it->rating;
        review.interval =
            it->card_after.scheduled_days > 0
                ? study::FormatInterval(static_cast<std::int64_t>(it->card_after.scheduled_days) *
                                        86400)
                : study::FormatInterval(it->card_after.due - seconds);
        review.answer = it->answer_given;
        review.seconds = static_cast<double>(it->duration_ms) / 1000.0;
        browse_.history.push_back(std::move(review));
    }
}

}  // namespace mondo::app
