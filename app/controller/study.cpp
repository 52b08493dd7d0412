// Study: checking and answering the current card, undo, bury, suspend, flag; the card on screen
// with its interval labels and feedback.
#include <algorithm>

#include "app/app_controller.h"
#include "app/study/choice_order.h"
#include "app/study/grading.h"

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

}  // namespace

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
    notice_.clear();
    phase_ = StudyPhase::kAsking;
    check_.reset();
    ++showing_;
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
        case Kind::kSubmitOrder: {
            // The screen orders the sentences as shown; grading reads the question's own.
            std::vector<int> order = intent.order;
            if (session_ && session_->Current()) {
                const study::StudyItem* item = session_->Current();
                const std::vector<int> shown =
                    study::ShownOrderArrangement(item->question, item->card.reps);
                for (int& index : order) {
                    if (index >= 0 && static_cast<std::size_t>(index) < shown.size())
                        index = shown[static_cast<std::size_t>(index)];
                }
            }
            Check(study::OrderAnswer{std::move(order)});
            return;
        }
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
            // An answer shown but not yet graded is no review: undo takes it back and the same
            // card asks again, as it was (the typed answer, the arrangement). Undoing the last
            // review instead would put a different card on screen.
            if (phase_ == StudyPhase::kRevealed && session_ && session_->Current()) {
                phase_ = StudyPhase::kAsking;
                check_.reset();
                Notify("Answer taken back: this question asks again.");
                RefreshStudy();
                return;
            }
            if (session_ && session_->UndoDepth() > 0) {
                const bool suspension =
                    session_->NextUndo() == study::Session::UndoAction::kSuspension;
                if (auto undone = session_->Undo(); !undone) {
                    Fail("undo failed", undone.error().message);
                    return;
                }
                phase_ = StudyPhase::kAsking;
                check_.reset();
                ++showing_;
                const char* what = suspension
                                       ? "Suspension undone: this question is back in the queue."
                                       : "Last review undone: answer this question again.";
                Notify(session_->UndoDepth() > 0
                           ? std::string(what) + " Ctrl+Z undoes the one before."
                           : std::string(what));
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
                ++showing_;
                Notify(
                    "Suspended: it will not be asked again. Ctrl+Z brings it back; later: "
                    "Browse, Suspended: only, Unsuspend [S].");
                Refresh();
            }
            return;
        case Kind::kToggleFlag:
            if (session_ && session_->Current()) {
                const study::StudyItem& item = *session_->Current();
                const bool flag = item.flag == 0;
                if (auto done = session_->SetFlag(item.question.id, flag ? 1 : 0); !done) {
                    Fail("cannot flag", done.error().message);
                    return;
                }
                Notify(flag ? "Flagged for later: find it in Browse. Ctrl+F again removes the flag."
                            : "Flag removed. Ctrl+F flags it again.");
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

void AppController::Notify(std::string text) {
    notice_ = std::move(text);
    notice_until_ms_ = NowMs() + kNoticeMs;
}

void AppController::RefreshStudy() {
    // A session reads today's learning cards a page at a time: new texts for the font atlas.
    if (session_ && session_->items().size() != session_items_seen_) {
        session_items_seen_ = session_->items().size();
        texts_changed_ = true;
    }
    StudyViewModel model;
    const study::StudyItem* item = session_ ? session_->Current() : nullptr;
    const auto counts = session_ ? session_->Counts() : study::QueueCounts{};
    model.done = session_ ? session_->stats().reviews : 0;
    if (session_) {
        const study::SessionProgress progress = session_->Progress();
        model.planned = progress.planned;
        model.planned_done = progress.done;
        model.repeats = progress.repeats;
    }
    model.remaining_new = counts.new_count;
    model.remaining_learning = counts.learning;
    model.remaining_review = counts.review;
    model.can_undo = session_ && (session_->UndoDepth() > 0 ||
                                  (phase_ == StudyPhase::kRevealed && item != nullptr));
    if (!notice_.empty() && NowMs() < notice_until_ms_) model.notice = notice_;
    if (scope_.exchange) model.scope = "Exchange " + std::to_string(*scope_.exchange);
    if (item) {
        model.has_card = true;
        StudyCardView& card = model.card;
        card.question_id = item->question.id;
        card.showing = showing_;
        card.kind = item->question.kind;
        card.exchange = item->question.exchange.value_or(0);
        card.section_title = SectionTitle(item->source_id, card.exchange);
        card.prompt = item->question.prompt;
        card.answer = item->question.answer;
        if (study::HasShuffledChoices(item->question)) {
            // A new arrangement for every showing; the same one while this showing lasts.
            card.choice_index = study::ShownChoiceOrder(item->question, item->card.reps);
            for (const int index : card.choice_index) {
                card.choices.push_back(item->question.choices[static_cast<std::size_t>(index)]);
            }
        } else if (item->question.kind == content::QuestionKind::kOrder) {
            // The sentences, too, are arranged anew for every showing.
            card.choice_index = study::ShownOrderArrangement(item->question, item->card.reps);
            for (const int index : card.choice_index) {
                card.choices.push_back(item->question.choices[static_cast<std::size_t>(index)]);
            }
        } else {
            card.choices = item->question.choices;
        }
        card.context = item->question.context;
        // What the feedback shows of the source (the sentence and what was changed) comes from
        // generating the source's questions again (≈12 ms, ICU's transliterators and break
        // iterators): only for the Study screen, so a start on Home does not wait for it.
        if (const content::Question* generated =
                screen_ == Screen::kStudy ? GeneratedQuestion(item->source_id, card.question_id)
                                          : nullptr) {
            const content::Question& source = *generated;
            card.source_sentence = source.source_sentence;
            if (!source.source_sentence.empty()) card.source_role = source.source_role;
            card.changed_offset = source.changed_offset;
            card.changed_length = source.changed_length;
            card.replacement = source.replacement;
            for (const auto& exchange : InterviewOf(item->source_id).exchanges) {
                if (exchange.index == card.exchange) card.source_answer = exchange.answer;
            }
        }
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
        if (shown_question_ != card.question_id || shown_showing_ != showing_) {
            shown_question_ = card.question_id;
            shown_showing_ = showing_;
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

}  // namespace mondo::app
