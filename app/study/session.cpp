#include "app/study/session.h"

#include <algorithm>
#include <cassert>
#include <unordered_map>
#include <unordered_set>

namespace mondo::study {
namespace {

// kToday sessions load this many times the day's new limit of new questions.
constexpr int kNewPoolFactor = 8;
constexpr int kReviewPoolFactor = 2;
// When only learning cards can come today, they are read this many at a time (in due order).
constexpr int kLearningPage = 64;

bool IsLearningState(sched::CardState state) {
    return state == sched::CardState::kLearning || state == sched::CardState::kRelearning;
}

// Unix time at which the study day holding `now` began.
std::int64_t DayStart(const sched::DayBoundary& boundary, std::int64_t now) {
    const std::int64_t today = boundary.DayNumber(now);
    std::int64_t start = boundary.NextDayStart(now - 86400);
    // Days of 23 or 25 hours (daylight saving): step until the start belongs to today.
    for (int guard = 0; guard < 3 && boundary.DayNumber(start) > today; ++guard) {
        start = boundary.NextDayStart(start - 86400);
    }
    for (int guard = 0; guard < 3 && boundary.DayNumber(start) < today; ++guard) {
        start = boundary.NextDayStart(start);
    }
    return std::min(start, now);
}

}  // namespace

Session::Session(StudyStore* store, std::unique_ptr<StudyStore> owned, StudySettings settings,
                 QueueScope scope, LoadMode load)
    : owned_store_(std::move(owned)),
      store_(store),
      settings_(std::move(settings)),
      scope_(std::move(scope)),
      load_(load) {}

Session::Session(Session&& other) noexcept
    : owned_store_(std::move(other.owned_store_)),
      store_(std::exchange(other.store_, nullptr)),
      settings_(std::move(other.settings_)),
      scope_(std::move(other.scope_)),
      load_(other.load_),
      items_(std::move(other.items_)),
      queue_(std::move(other.queue_)),
      current_(std::move(other.current_)),
      undo_(std::move(other.undo_)),
      stats_(other.stats_),
      session_id_(std::exchange(other.session_id_, std::nullopt)),
      last_activity_(other.last_activity_),
      day_start_(other.day_start_),
      planned_(other.planned_),
      planned_day_(other.planned_day_),
      planned_from_(other.planned_from_),
      set_aside_(std::move(other.set_aside_)),
      learning_to_come_(other.learning_to_come_),
      learning_cursor_(other.learning_cursor_),
      learning_due_before_(other.learning_due_before_),
      loaded_qids_(std::move(other.loaded_qids_)) {}

Session& Session::operator=(Session&& other) noexcept {
    if (this != &other) {
        if (session_id_ && store_) (void)EndAt(last_activity_);
        owned_store_ = std::move(other.owned_store_);
        store_ = std::exchange(other.store_, nullptr);
        settings_ = std::move(other.settings_);
        scope_ = std::move(other.scope_);
        load_ = other.load_;
        items_ = std::move(other.items_);
        queue_ = std::move(other.queue_);
        current_ = std::move(other.current_);
        undo_ = std::move(other.undo_);
        stats_ = other.stats_;
        session_id_ = std::exchange(other.session_id_, std::nullopt);
        last_activity_ = other.last_activity_;
        day_start_ = other.day_start_;
        planned_ = other.planned_;
        planned_day_ = other.planned_day_;
        planned_from_ = other.planned_from_;
        set_aside_ = std::move(other.set_aside_);
        learning_to_come_ = other.learning_to_come_;
        learning_cursor_ = other.learning_cursor_;
        learning_due_before_ = other.learning_due_before_;
        loaded_qids_ = std::move(other.loaded_qids_);
    }
    return *this;
}

Session::~Session() {
    if (session_id_ && store_) (void)EndAt(last_activity_);
}

Expected<Session, StorageError> Session::Start(StudyStore& store, StudySettings settings,
                                               std::int64_t now, QueueScope scope, LoadMode load) {
    return StartOn(Session(&store, nullptr, std::move(settings), std::move(scope), load), now);
}

Expected<Session, StorageError> Session::Start(std::unique_ptr<StudyStore> store,
                                               StudySettings settings, std::int64_t now,
                                               QueueScope scope, LoadMode load) {
    assert(store && "Session::Start: no store");
    StudyStore* raw = store.get();
    return StartOn(Session(raw, std::move(store), std::move(settings), std::move(scope), load),
                   now);
}

Expected<Session, StorageError> Session::StartOn(Session session, std::int64_t now) {
    assert(Validate(session.settings_).empty() && "Session: settings out of range (see Validate)");
    MONDO_TRY(session.Load(now));
    auto id = session.store_->StartSession(now);
    if (!id) return Unexpected(id.error());
    session.session_id_ = *id;
    session.last_activity_ = now;
    return session;
}

Expected<DayCounts, StorageError> Session::DoneSince(std::int64_t day_start) {
    auto done = store_->CountReviewsSince(day_start);
    if (!done) return Unexpected(done.error());
    // Which questions were introduced matters only while new ones may still come today (the
    // queue spreads an exchange's new questions over days); there are fewer than the day's limit.
    if (!scope_.IsScoped() && done->new_introduced < settings_.new_per_day) {
        auto introduced = store_->QuestionsIntroducedSince(day_start);
        if (!introduced) return Unexpected(introduced.error());
        done->introduced_ids = std::move(*introduced);
    }
    return done;
}

Expected<Ok, StorageError> Session::Load(std::int64_t now) {
    const bool today_only = load_ == LoadMode::kToday && !scope_.IsScoped();
    const sched::DayBoundary boundary = settings_.MakeDayBoundary();
    // What the day's earlier sessions did: read once, for what is loaded and for the queue.
    auto done = DoneSince(DayStart(boundary, now));
    if (!done) return Unexpected(done.error());
    Expected<std::vector<StudyItem>, StorageError> loaded = std::vector<StudyItem>{};
    learning_to_come_ = 0;
    learning_cursor_ = {};
    if (today_only) {
        const int new_limit = std::max(0, settings_.new_per_day - done->new_introduced);
        // Buried siblings and the per-exchange share skip some new questions: load a pool the
        // queue can choose the day's new ones from (an exchange rarely has more than a dozen).
        const int new_pool = new_limit > kMaxPerDayLimit ? new_limit : new_limit * kNewPoolFactor;
        // Reviews: the day's remaining limit, twice over for buried siblings.
        const int review_limit = std::max(0, settings_.reviews_per_day - done->reviews_done);
        const int review_pool =
            review_limit > kMaxReviewLimit / 2 ? -1 : review_limit * kReviewPoolFactor;
        const std::int64_t day_end = boundary.NextDayStart(now);
        if (new_pool == 0 && review_pool == 0) {
            // The day's limits are reached: only (re)learning cards can still come, and they
            // come in due order, so they are read a page at a time as the queue needs them
            // (TopUpLearning); there may be thousands after a heavy day.
            auto due = store_->CountDueLearning(day_end);
            if (!due) return Unexpected(due.error());
            loaded = store_->LoadDueLearningItems(day_end, {}, kLearningPage);
            if (loaded) {
                learning_due_before_ = day_end;
                learning_to_come_ = loaded->size() < static_cast<std::size_t>(kLearningPage)
                                        ? 0
                                        : std::max(0, *due - static_cast<int>(loaded->size()));
                if (!loaded->empty())
                    learning_cursor_ = {loaded->back().card.due, loaded->back().qid};
            }
        } else {
            loaded = store_->LoadTodayItems(day_end, new_pool, review_pool);
            if (loaded) {
                auto paged = HoldFirstLearningPage(day_end, *loaded);
                if (!paged) return Unexpected(paged.error());
            }
        }
    } else {
        loaded = store_->LoadStudyItems();
    }
    if (!loaded) return Unexpected(loaded.error());
    std::vector<StudyItem> items = std::move(*loaded);
    // Undo entries point into items_: keep the questions they name, at their new index.
    if (!undo_.empty()) {
        std::unordered_map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < items.size(); ++i) index.emplace(items[i].question.id, i);
        for (UndoEntry& undo : undo_) {
            const StudyItem& old = items_[undo.index];
            auto it = index.find(old.question.id);
            if (it == index.end()) {
                items.push_back(old);
                it = index.emplace(old.question.id, items.size() - 1).first;
            }
            undo.index = it->second;
            undo.entry.index = it->second;
        }
    }
    items_ = std::move(items);
    loaded_qids_.clear();
    if (learning_to_come_ > 0) {
        // The pages to come add to items_: room for them now, so that items do not move.
        items_.reserve(items_.size() + static_cast<std::size_t>(learning_to_come_) +
                       static_cast<std::size_t>(kLearningPage));
        for (const StudyItem& item : items_) loaded_qids_.insert(item.qid);
    }
    return Rebuild(now, *done);
}

Expected<Ok, StorageError> Session::HoldFirstLearningPage(std::int64_t day_end,
                                                          std::vector<StudyItem>& items) {
    // The store may have left out due learning cards that no loaded card is a sibling of: they
    // come in due order, the first page now and the rest as the queue needs them.
    const auto due_learning = [day_end](const StudyItem& item) {
        return !item.suspended && item.card.due < day_end &&
               (item.card.state == sched::CardState::kLearning ||
                item.card.state == sched::CardState::kRelearning);
    };
    auto due = store_->CountDueLearning(day_end);
    if (!due) return Unexpected(due.error());
    int held = static_cast<int>(std::count_if(items.begin(), items.end(), due_learning));
    if (*due <= held) return Ok{};
    auto page = store_->LoadDueLearningItems(day_end, {}, kLearningPage);
    if (!page) return Unexpected(page.error());
    std::unordered_set<std::int64_t> qids;
    for (const StudyItem& item : items) qids.insert(item.qid);
    for (StudyItem& item : *page) {
        if (!qids.insert(item.qid).second) continue;
        item.order = static_cast<int>(items.size());
        items.push_back(std::move(item));
        ++held;
    }
    learning_due_before_ = day_end;
    learning_to_come_ =
        page->size() < static_cast<std::size_t>(kLearningPage) ? 0 : std::max(0, *due - held);
    if (!page->empty()) learning_cursor_ = {page->back().card.due, page->back().qid};
    return Ok{};
}

Expected<Ok, StorageError> Session::TopUpLearning(std::int64_t now) {
    while (learning_to_come_ > 0 && !queue_.LearningChoiceKnown(now, learning_cursor_.due)) {
        auto page =
            store_->LoadDueLearningItems(learning_due_before_, learning_cursor_, kLearningPage);
        if (!page) return Unexpected(page.error());
        for (StudyItem& item : *page) {
            learning_cursor_ = {item.card.due, item.qid};
            // A card answered in this session may be due again after the cursor: it is held.
            if (!loaded_qids_.insert(item.qid).second) continue;
            item.order = static_cast<int>(items_.size());
            items_.push_back(std::move(item));
            queue_.PushLearning(QueueEntry::Of(items_.size() - 1, items_.back()));
            --learning_to_come_;
        }
        if (page->size() < static_cast<std::size_t>(kLearningPage)) learning_to_come_ = 0;
        learning_to_come_ = std::max(0, learning_to_come_);
    }
    return Ok{};
}

Expected<Ok, StorageError> Session::Rebuild(std::int64_t now) {
    auto done = DoneSince(DayStart(settings_.MakeDayBoundary(), now));
    if (!done) return Unexpected(done.error());
    return Rebuild(now, *done);
}

Expected<Ok, StorageError> Session::Rebuild(std::int64_t now, const DayCounts& done) {
    day_start_ = DayStart(settings_.MakeDayBoundary(), now);
    queue_ = StudyQueue::Build(items_, settings_, now, done, scope_);
    current_.reset();
    Advance(now);
    if (planned_day_ != day_start_) {
        // A new day (or the first): a new plan. Rebuilds within the day keep it fixed.
        planned_day_ = day_start_;
        planned_ = Counts().Total();
        planned_from_ = undo_.size();
        set_aside_.clear();
    }
    return Ok{};
}

SessionProgress Session::Progress() const {
    SessionProgress progress;
    std::vector<std::size_t> answered;
    const std::size_t from = std::min(planned_from_, undo_.size());
    std::size_t answers = 0;
    for (std::size_t i = from; i < undo_.size(); ++i) {
        if (undo_[i].action != UndoAction::kAnswer) continue;
        ++answers;
        if (std::find(answered.begin(), answered.end(), undo_[i].index) == answered.end()) {
            answered.push_back(undo_[i].index);
        }
    }
    progress.done = static_cast<int>(answered.size() + set_aside_.size());
    progress.repeats = static_cast<int>(answers - answered.size());
    // A card unsuspended from Browse may join the queue: the plan never reads less than done.
    progress.planned = std::max(planned_, progress.done);
    return progress;
}

Expected<Ok, StorageError> Session::NewDay(std::int64_t now) {
    // Everything loaded: the cards in memory are current, only the queue is rebuilt. Today's part
    // only: tomorrow's due cards must be read.
    if (load_ == LoadMode::kToday && !scope_.IsScoped()) return Load(now);
    return Rebuild(now);
}

void Session::Advance(std::int64_t now) {
    if (current_) return;
    // A failed page read leaves the cards already read to choose from; the next call reads again.
    (void)TopUpLearning(now);
    current_ = queue_.PopNext(now);
    (void)TopUpLearning(now);  // the earliest waiting card is known (NextLearningDue)
}

const StudyItem* Session::Current() const { return current_ ? &items_[current_->index] : nullptr; }

QueueCounts Session::Counts() const {
    QueueCounts counts = queue_.Counts();
    counts.learning += learning_to_come_;
    if (current_) {
        const sched::CardState state = items_[current_->index].card.state;
        if (state == sched::CardState::kNew) {
            ++counts.new_count;
        } else if (IsLearningState(state)) {
            ++counts.learning;
        } else {
            ++counts.review;
        }
    }
    return counts;
}

bool Session::Finished() const { return !current_ && queue_.Empty() && learning_to_come_ == 0; }

std::optional<std::int64_t> Session::NextLearningDue() const { return queue_.NextLearningDue(); }

void Session::Update(std::int64_t now) {
    if (now >= queue_.day_end() && !current_) {
        (void)NewDay(now);  // on failure the old queue stays; the next Update retries
        return;
    }
    Advance(now);
}

sched::SchedulingContext Session::ContextFor(const StudyItem& item, std::int64_t now) const {
    sched::SchedulingContext context = settings_.MakeContext(now);
    context.fuzz_factor = sched::FuzzFactorFor(item.question.id, item.card.reps);
    return context;
}

sched::NextStates Session::Preview(std::int64_t now) const {
    assert(current_ && "Session::Preview: no current card");
    const StudyItem& item = items_[current_->index];
    return sched::NextAll(item.card, ContextFor(item, now));
}

CheckResult Session::Check(const AnswerInput& input) const {
    assert(current_ && "Session::Check: no current card");
    return CheckAnswer(items_[current_->index].question, input);
}

Expected<AnswerReceipt, StorageError> Session::Answer(sched::Rating rating,
                                                      std::string answer_given,
                                                      std::optional<bool> correct, std::int64_t now,
                                                      std::int64_t duration_ms) {
    assert(current_ && "Session::Answer: no current card");
    assert(duration_ms >= 0 && "Session::Answer: negative duration");
    StudyItem& item = items_[current_->index];
    const sched::Outcome outcome = sched::Next(item.card, rating, ContextFor(item, now));

    ReviewRow review;
    review.question_id = item.question.id;
    review.time_ms = now * 1000;
    review.rating = rating;
    review.answer_given = std::move(answer_given);
    review.correct = correct;
    review.elapsed_days = outcome.elapsed_days;
    review.scheduled_days = outcome.interval_days;
    review.duration_ms = duration_ms;
    review.session_id = session_id_;
    review.card_before = item.card;
    review.card_after = outcome.card;
    auto id = store_->RecordReview(review);
    if (!id) return Unexpected(id.error());

    UndoEntry undo;
    undo.review_id = *id;
    undo.index = current_->index;
    undo.entry = *current_;
    undo.card_before = item.card;
    undo.rating = rating;
    undo.duration_ms = duration_ms;
    undo_.push_back(undo);

    item.card = outcome.card;
    ++stats_.reviews;
    if (rating == sched::Rating::kAgain) ++stats_.again;
    stats_.studied_ms += duration_ms;
    last_activity_ = std::max(last_activity_, now);

    if (IsLearningState(outcome.card.state)) {
        queue_.PushLearning(QueueEntry::Of(current_->index, item));
    }
    current_.reset();
    if (now >= queue_.day_end()) {
        (void)NewDay(now);
    } else {
        Advance(now);
    }
    return AnswerReceipt{*id, outcome};
}

Expected<AnswerReceipt, StorageError> Session::AnswerChecked(const CheckResult& result,
                                                             Override override_choice,
                                                             std::int64_t now,
                                                             std::int64_t duration_ms) {
    return Answer(RatingFor(result.verdict, override_choice), result.answer_given,
                  CountsAsCorrect(result.verdict, override_choice), now, duration_ms);
}

Expected<Ok, StorageError> Session::Undo() {
    assert(!undo_.empty() && "Session::Undo: nothing to undo");
    const UndoEntry undo = undo_.back();
    StudyItem& item = items_[undo.index];
    if (undo.action == UndoAction::kSuspension) {
        MONDO_TRY(store_->SetSuspended(item.question.id, false));
        undo_.pop_back();
        item.suspended = false;
        std::erase(set_aside_, item.question.id);
        queue_.Remove(undo.index);  // unsuspended from Browse meanwhile, it may have joined
        if (current_ && current_->index != undo.index) queue_.PushFront(*current_);
        current_ = undo.entry;
        queue_.SetLastShown(*current_);
        return Ok{};
    }
    MONDO_TRY(store_->UndoReview(undo.review_id));
    undo_.pop_back();

    item.card = undo.card_before;
    queue_.Remove(undo.index);  // it may wait in a learning step
    if (current_ && current_->index != undo.index) queue_.PushFront(*current_);
    current_ = QueueEntry::Of(undo.index, item);
    queue_.SetLastShown(*current_);

    --stats_.reviews;
    if (undo.rating == sched::Rating::kAgain) --stats_.again;
    stats_.studied_ms -= undo.duration_ms;
    return Ok{};
}

std::optional<std::size_t> Session::FindIndex(const std::string& question_id) const {
    for (std::size_t i = 0; i < items_.size(); ++i) {
        if (items_[i].question.id == question_id) return i;
    }
    return std::nullopt;
}

Expected<Ok, StorageError> Session::SuspendCurrent(std::int64_t now) {
    assert(current_ && "Session::SuspendCurrent: no current card");
    UndoEntry undo;
    undo.action = UndoAction::kSuspension;
    undo.index = current_->index;
    undo.entry = *current_;
    // A copy: reading the next page of learning cards may move items_.
    const std::string question_id = items_[current_->index].question.id;
    MONDO_TRY(SetSuspended(question_id, true, now));
    undo_.push_back(undo);
    return Ok{};
}

Expected<Ok, StorageError> Session::SetSuspended(const std::string& question_id, bool suspended,
                                                 std::int64_t now) {
    auto written = store_->SetSuspended(question_id, suspended);
    if (!written) return written;
    const auto index = FindIndex(question_id);
    if (!index) return Ok{};
    StudyItem& item = items_[*index];
    if (item.suspended == suspended) return Ok{};
    item.suspended = suspended;
    if (suspended) {
        bool was_waiting = true;
        if (current_ && current_->index == *index) {
            current_.reset();
            Advance(now);
        } else {
            was_waiting = queue_.Remove(*index);
        }
        // A planned card set aside before its first answer counts as dealt with.
        const bool answered = std::any_of(
            undo_.begin() + static_cast<std::ptrdiff_t>(std::min(planned_from_, undo_.size())),
            undo_.end(), [&](const UndoEntry& undo) {
                return undo.action == UndoAction::kAnswer && undo.index == *index;
            });
        if (was_waiting && !answered) set_aside_.push_back(question_id);
        return Ok{};
    }
    std::erase(set_aside_, question_id);
    // Back in the collection: joins today's queue if it is due (or new within the limit).
    if (!scope_.IsScoped() || scope_.Contains(item)) {
        const sched::DayBoundary boundary = settings_.MakeDayBoundary();
        const sched::Card& card = item.card;
        const QueueEntry entry = QueueEntry::Of(*index, item);
        if (IsLearningState(card.state)) {
            queue_.PushLearning(entry);
        } else if (card.state == sched::CardState::kReview &&
                   boundary.DayNumber(card.due) <= boundary.DayNumber(now)) {
            queue_.PushFront(entry);
        } else if (card.state == sched::CardState::kNew) {
            const QueueCounts counts = Counts();
            auto done = store_->CountReviewsSince(day_start_);
            const int introduced = done ? done->new_introduced : 0;
            if (scope_.IsScoped() || introduced + counts.new_count < settings_.new_per_day) {
                queue_.PushFront(entry);
            }
        }
    }
    Advance(now);
    return Ok{};
}

Expected<Ok, StorageError> Session::SetFlag(const std::string& question_id, int flag) {
    assert(flag >= 0 && flag <= 7 && "Session::SetFlag: flags are 0..7");
    auto written = store_->SetFlag(question_id, flag);
    if (!written) return written;
    if (const auto index = FindIndex(question_id)) items_[*index].flag = flag;
    return Ok{};
}

Expected<Ok, StorageError> Session::EndAt(std::int64_t now) {
    if (!session_id_) return Ok{};
    auto ended = store_->EndSession(*session_id_, now, stats_.reviews, stats_.studied_ms);
    if (!ended) return ended;
    session_id_.reset();
    return Ok{};
}

Expected<Ok, StorageError> Session::End(std::int64_t now) {
    return EndAt(std::max(now, last_activity_));
}

}  // namespace mondo::study
