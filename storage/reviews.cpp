// Collection: cards and study items, the review log, statistics, sessions and settings.
//
// [SECTION] Study items and cards
// [SECTION] Reviews
// [SECTION] Statistics
// [SECTION] Sessions
// [SECTION] Settings
#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "app/sched/memory_model.h"
#include "storage/collection.h"
#include "storage/collection_impl.h"
#include "storage/queries.h"

namespace mondo::storage {

using detail::Database;
using detail::Statement;
using detail::Transaction;
namespace sql = detail::sql;

namespace {

StorageError Error(StorageErrorKind kind, std::string message) {
    return StorageError{kind, std::move(message)};
}

// Calls `on_row` for every row of a prepared statement.
template <typename OnRow>
Expected<Ok, StorageError> ForEachRow(Statement& stmt, OnRow&& on_row) {
    for (;;) {
        auto row = stmt.Step();
        if (!row) return Unexpected(std::move(row).error());
        if (!*row) return Ok{};
        on_row(stmt);
    }
}

StudyItem ReadStudyItem(const Statement& s, int order) {
    StudyItem item;
    content::Question& q = item.question;
    q.id = s.Text(0);
    // An unknown kind name can only come from a newer generator; recall is always answerable.
    q.kind = content::KindFromName(s.Text(1)).value_or(content::QuestionKind::kRecall);
    if (!s.IsNull(2)) q.exchange = static_cast<int>(s.Int(2));
    q.prompt = s.Text(3);
    q.answer = s.Text(4);
    q.choices = detail::DecodeList(s.Text(5));
    q.accept = detail::DecodeList(s.Text(6));
    q.context = s.Text(7);
    item.source_id = s.Text(8);
    item.retired = s.Int(9) != 0;
    item.card = detail::ReadCard(s, 10);
    item.suspended = s.Int(19) != 0;
    item.flag = static_cast<int>(s.Int(20));
    item.section = static_cast<int>(s.Int(21));
    item.qid = s.Int(22);
    item.order = order;
    return item;
}

// last_review is NULL until the card's first review (the scheduler leaves it 0 then).
void BindCard(Statement& stmt, int first, const sched::Card& card) {
    std::optional<std::int64_t> last_review;
    if (card.state != sched::CardState::kNew || card.reps > 0) last_review = card.last_review;
    stmt.Bind(first, static_cast<int>(card.state))
        .Bind(first + 1, card.memory.stability)
        .Bind(first + 2, card.memory.difficulty)
        .Bind(first + 3, card.due)
        .Bind(first + 4, card.step)
        .Bind(first + 5, card.reps)
        .Bind(first + 6, card.lapses)
        .Bind(first + 7, card.scheduled_days)
        .Bind(first + 8, last_review);
}

// Binds every column of kInsertReview: the row of question `qid`, with `card_after` as the card
// it leaves.
void BindReview(Statement& insert, std::int64_t qid, const ReviewRow& row,
                const sched::Card& card_after) {
    insert.Bind(1, qid)
        .Bind(2, row.time_ms)
        .Bind(3, static_cast<int>(row.rating))
        .Bind(4, row.answer_given);
    if (row.correct) {
        insert.Bind(5, *row.correct ? 1 : 0);
    } else {
        insert.BindNull(5);
    }
    insert.Bind(6, row.elapsed_days)
        .Bind(7, row.scheduled_days)
        .Bind(8, row.duration_ms)
        .Bind(9, row.session_id);
    BindCard(insert, 10, row.card_before);
    BindCard(insert, 19, card_after);
}

ReviewRow ReadReview(const Statement& s) {
    ReviewRow row;
    row.id = s.Int(0);
    row.question_id = s.Text(1);
    row.time_ms = s.Int(2);
    // A damaged rating (the schema's CHECK prevents it) reads as Again.
    const std::int64_t rating = s.Int(3);
    row.rating =
        rating >= 1 && rating <= 4 ? static_cast<sched::Rating>(rating) : sched::Rating::kAgain;
    row.answer_given = s.Text(4);
    if (!s.IsNull(5)) row.correct = s.Int(5) != 0;
    row.elapsed_days = static_cast<int>(s.Int(6));
    row.scheduled_days = static_cast<int>(s.Int(7));
    row.duration_ms = s.Int(8);
    row.session_id = s.OptionalInt(9);
    row.card_before = detail::ReadCard(s, 10);
    row.card_after = detail::ReadCard(s, 19);
    return row;
}

Expected<std::int64_t, StorageError> QidOf(Database& db, const std::string& question_id) {
    auto stmt = db.Prepare(sql::kQidOf);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, question_id);
    auto row = stmt->Step();
    if (!row) return Unexpected(std::move(row).error());
    if (!*row)
        return Unexpected(Error(StorageErrorKind::kInternal,
                                "No question " + question_id + " in the collection"));
    return stmt->Int(0);
}

bool ValidState(sched::CardState state) {
    const int value = static_cast<int>(state);
    return value >= 0 && value <= 3;
}

bool ValidRating(sched::Rating rating) { return sched::IsValidRating(static_cast<int>(rating)); }

}  // namespace

// [SECTION] Study items and cards

Expected<std::vector<StudyItem>, StorageError> Collection::LoadStudyItems(
    const std::string& source_id) {
    auto stmt = impl_->db.Prepare(source_id.empty() ? sql::kStudyItems : sql::kStudyItemsOfSource);
    if (!stmt) return Unexpected(std::move(stmt).error());
    if (!source_id.empty()) stmt->Bind(1, source_id);
    std::vector<StudyItem> items;
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) {
        items.push_back(ReadStudyItem(s, static_cast<int>(items.size())));
    }));
    return items;
}

Expected<std::vector<StudyItem>, StorageError> Collection::LoadAllItems() {
    auto stmt = impl_->db.Prepare(sql::kAllItemsWithRetired);
    if (!stmt) return Unexpected(std::move(stmt).error());
    std::vector<StudyItem> items;
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) {
        items.push_back(ReadStudyItem(s, static_cast<int>(items.size())));
    }));
    return items;
}

Expected<std::vector<StudyItem>, StorageError> Collection::LoadDueItems(std::int64_t due_before,
                                                                        int new_limit,
                                                                        int review_limit,
                                                                        DueLearning learning) {
    std::vector<StudyItem> due_items;
    auto reviews = impl_->db.Prepare(sql::kDueReviewItems);
    if (!reviews) return Unexpected(std::move(reviews).error());
    reviews->Bind(1, due_before)
        .Bind(2, static_cast<std::int64_t>(review_limit < 0 ? -1 : review_limit));
    MONDO_TRY(ForEachRow(*reviews,
                         [&](const Statement& s) { due_items.push_back(ReadStudyItem(s, 0)); }));
    std::vector<StudyItem> new_items;
    if (new_limit > 0) {
        // The few-new plan costs a step per new card, the walk a step per question before the
        // last one taken; learners meet new questions in interview order, so the walk passes
        // roughly every card already seen. Counting stops at half the cards: past that, walk.
        auto share = impl_->db.Prepare(sql::kNewCardsAtMost);
        if (!share) return Unexpected(std::move(share).error());
        auto highest_qid = impl_->db.QueryInt(sql::kHighestCardQid);
        if (!highest_qid) return Unexpected(std::move(highest_qid).error());
        share->Bind(1, *highest_qid / 2 + 1);
        MONDO_TRY(share->Step());
        const bool few_new = share->Int(0) <= *highest_qid / 2;
        share->Reset();
        auto fresh = impl_->db.Prepare(few_new ? sql::kNewItemsOfFewNew : sql::kNewItemsOfManyNew);
        if (!fresh) return Unexpected(std::move(fresh).error());
        fresh->Bind(1, new_limit);
        MONDO_TRY(ForEachRow(
            *fresh, [&](const Statement& s) { new_items.push_back(ReadStudyItem(s, 0)); }));
    }
    if (learning == DueLearning::kAll) {
        auto all = impl_->db.Prepare(sql::kDueLearningItems);
        if (!all) return Unexpected(std::move(all).error());
        all->Bind(1, due_before);
        MONDO_TRY(ForEachRow(
            *all, [&](const Statement& s) { due_items.push_back(ReadStudyItem(s, 0)); }));
    } else {
        // After a heavy day thousands of learning cards may be due; only those sharing an
        // exchange with a returned card change what the queue takes (it buries their siblings).
        std::set<std::pair<std::string, std::optional<int>>> exchanges;
        for (const auto* part : {&due_items, &new_items}) {
            for (const StudyItem& item : *part)
                exchanges.emplace(item.source_id, item.question.exchange);
        }
        auto of_exchange = impl_->db.Prepare(sql::kDueLearningItemsOfExchange);
        if (!of_exchange) return Unexpected(std::move(of_exchange).error());
        for (const auto& [source_id, exchange] : exchanges) {
            of_exchange->Bind(1, due_before).Bind(2, source_id);
            if (exchange) {
                of_exchange->Bind(3, static_cast<std::int64_t>(*exchange));
            } else {
                of_exchange->BindNull(3);
            }
            MONDO_TRY(ForEachRow(*of_exchange, [&](const Statement& s) {
                due_items.push_back(ReadStudyItem(s, 0));
            }));
        }
    }
    std::stable_sort(
        due_items.begin(), due_items.end(),
        [](const StudyItem& a, const StudyItem& b) { return a.card.due < b.card.due; });
    // `order` here is the position in this result, not in the whole collection.
    std::vector<StudyItem> items = std::move(due_items);
    items.insert(items.end(), std::make_move_iterator(new_items.begin()),
                 std::make_move_iterator(new_items.end()));
    for (std::size_t i = 0; i < items.size(); ++i) items[i].order = static_cast<int>(i);
    return items;
}

Expected<std::vector<StudyItem>, StorageError> Collection::LoadDueLearningItems(
    std::int64_t due_before, DueCursor after, int limit, const std::string& source_id) {
    auto stmt = impl_->db.Prepare(sql::kDueLearningPage);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, due_before)
        .Bind(2, after.due)
        .Bind(3, after.qid)
        .Bind(4, static_cast<std::int64_t>(std::max(0, limit)))
        .Bind(5, source_id);
    std::vector<StudyItem> items;
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) {
        items.push_back(ReadStudyItem(s, static_cast<int>(items.size())));
    }));
    return items;
}

Expected<int, StorageError> Collection::CountDueLearning(std::int64_t due_before,
                                                         const std::string& source_id) {
    auto stmt = impl_->db.Prepare(source_id.empty() ? sql::kCountDueLearning
                                                    : sql::kCountDueLearningOfSource);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, due_before);
    if (!source_id.empty()) stmt->Bind(2, source_id);
    MONDO_TRY(stmt->Step());
    const int count = static_cast<int>(stmt->Int(0));
    stmt->Reset();
    return count;
}

Expected<std::optional<sched::Card>, StorageError> Collection::LoadCard(
    const std::string& question_id) {
    auto stmt = impl_->db.Prepare(sql::kCardOf);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, question_id);
    auto row = stmt->Step();
    if (!row) return Unexpected(std::move(row).error());
    if (!*row) return std::optional<sched::Card>();
    return std::optional<sched::Card>(detail::ReadCard(*stmt, 0));
}

Expected<Ok, StorageError> Collection::SetSuspended(const std::string& question_id,
                                                    bool suspended) {
    auto stmt = impl_->db.Prepare(sql::kSetSuspended);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, question_id).Bind(2, suspended ? 1 : 0);
    MONDO_TRY(stmt->Run());
    if (impl_->db.Changes() == 0) {
        return Unexpected(Error(StorageErrorKind::kInternal,
                                "No question " + question_id + " in the collection"));
    }
    impl_->changed_since_backup = true;
    return Ok{};
}

Expected<Ok, StorageError> Collection::SetFlag(const std::string& question_id, int flag) {
    assert(flag >= 0 && flag <= 7 && "SetFlag: flag must be 0..7");
    if (flag < 0 || flag > 7)
        return Unexpected(Error(StorageErrorKind::kInternal, "A flag must be 0..7"));
    auto stmt = impl_->db.Prepare(sql::kSetFlag);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, question_id).Bind(2, flag);
    MONDO_TRY(stmt->Run());
    if (impl_->db.Changes() == 0) {
        return Unexpected(Error(StorageErrorKind::kInternal,
                                "No question " + question_id + " in the collection"));
    }
    impl_->changed_since_backup = true;
    return Ok{};
}

// [SECTION] Reviews

Expected<std::int64_t, StorageError> Collection::RecordReview(const sched::Card& new_card,
                                                              const ReviewRow& row) {
    assert(ValidRating(row.rating) && "RecordReview: rating must be 1..4");
    assert(ValidState(new_card.state) && ValidState(row.card_before.state) &&
           "RecordReview: bad state");
    if (!ValidRating(row.rating) || !ValidState(new_card.state) ||
        !ValidState(row.card_before.state)) {
        return Unexpected(Error(StorageErrorKind::kInternal,
                                "A review needs a rating 1..4 and valid card states"));
    }
    Database& db = impl_->db;
    auto transaction = Transaction::Begin(db);
    if (!transaction) return Unexpected(std::move(transaction).error());
    auto qid = QidOf(db, row.question_id);
    if (!qid) return Unexpected(std::move(qid).error());

    auto insert = db.Prepare(sql::kInsertReview);
    if (!insert) return Unexpected(std::move(insert).error());
    BindReview(*insert, *qid, row, new_card);
    MONDO_TRY(insert->Run());
    const std::int64_t review_id = db.LastInsertRowId();

    auto update = db.Prepare(sql::kUpdateCard);
    if (!update) return Unexpected(std::move(update).error());
    update->Bind(1, *qid);
    BindCard(*update, 2, new_card);
    MONDO_TRY(update->Run());
    MONDO_TRY(transaction->Commit());
    impl_->changed_since_backup = true;
    return review_id;
}

Expected<std::vector<std::int64_t>, StorageError> Collection::RecordReviews(
    const std::vector<ReviewRow>& rows) {
    Database& db = impl_->db;
    auto transaction = Transaction::Begin(db);
    if (!transaction) return Unexpected(std::move(transaction).error());
    auto insert = db.Prepare(sql::kInsertReview, true);
    if (!insert) return Unexpected(std::move(insert).error());
    auto update = db.Prepare(sql::kUpdateCard, true);
    if (!update) return Unexpected(std::move(update).error());
    auto qid_of = db.Prepare(sql::kQidOf, true);
    if (!qid_of) return Unexpected(std::move(qid_of).error());
    std::vector<std::int64_t> ids;
    ids.reserve(rows.size());
    std::string last_question;
    std::int64_t qid = 0;
    for (const ReviewRow& row : rows) {
        if (!ValidRating(row.rating) || !ValidState(row.card_after.state) ||
            !ValidState(row.card_before.state)) {
            return Unexpected(Error(StorageErrorKind::kInternal,
                                    "A review needs a rating 1..4 and valid card states"));
        }
        if (row.question_id != last_question) {
            qid_of->Bind(1, row.question_id);
            auto found = qid_of->Step();
            if (!found) return Unexpected(std::move(found).error());
            if (!*found) {
                return Unexpected(Error(StorageErrorKind::kInternal,
                                        "No question " + row.question_id + " in the collection"));
            }
            qid = qid_of->Int(0);
            qid_of->Reset();
            last_question = row.question_id;
        }
        BindReview(*insert, qid, row, row.card_after);
        MONDO_TRY(insert->Run());
        ids.push_back(db.LastInsertRowId());
        update->Bind(1, qid);
        BindCard(*update, 2, row.card_after);
        MONDO_TRY(update->Run());
    }
    MONDO_TRY(transaction->Commit());
    if (!rows.empty()) impl_->changed_since_backup = true;
    return ids;
}

Expected<Ok, StorageError> Collection::UpdateMemoryStates(
    const std::vector<std::pair<std::string, sched::MemoryState>>& memories,
    const std::map<std::string, std::string>& settings) {
    Database& db = impl_->db;
    auto transaction = Transaction::Begin(db);
    if (!transaction) return Unexpected(std::move(transaction).error());
    auto update = db.Prepare(sql::kSetMemory, true);
    if (!update) return Unexpected(std::move(update).error());
    for (const auto& [question_id, memory] : memories) {
        update->Bind(1, question_id).Bind(2, memory.stability).Bind(3, memory.difficulty);
        MONDO_TRY(update->Run());
        if (db.Changes() != 1) {
            return Unexpected(Error(StorageErrorKind::kInternal,
                                    "No question " + question_id + " in the collection"));
        }
    }
    auto put = db.Prepare(sql::kPutSetting);
    if (!put) return Unexpected(std::move(put).error());
    for (const auto& [key, value] : settings) {
        put->Bind(1, key).Bind(2, value);
        MONDO_TRY(put->Run());
    }
    MONDO_TRY(transaction->Commit());
    impl_->changed_since_backup = true;
    return Ok{};
}

Expected<std::int64_t, StorageError> Collection::RecordReview(const ReviewRow& row) {
    return RecordReview(row.card_after, row);
}

Expected<Ok, StorageError> Collection::UndoReview(std::int64_t review_id) {
    Database& db = impl_->db;
    auto transaction = Transaction::Begin(db);
    if (!transaction) return Unexpected(std::move(transaction).error());
    auto select = db.Prepare(sql::kReviewById);
    if (!select) return Unexpected(std::move(select).error());
    select->Bind(1, review_id);
    auto found = select->Step();
    if (!found) return Unexpected(std::move(found).error());
    if (!*found) {
        return Unexpected(Error(StorageErrorKind::kInternal,
                                "No review " + std::to_string(review_id) + " to undo"));
    }
    const ReviewRow row = ReadReview(*select);
    const std::int64_t qid = select->Int(28);
    select->Reset();

    auto latest = db.Prepare(sql::kLatestReviewOf);
    if (!latest) return Unexpected(std::move(latest).error());
    latest->Bind(1, qid);
    MONDO_TRY(latest->Step());
    if (latest->Int(0) != review_id) {
        return Unexpected(
            Error(StorageErrorKind::kInternal,
                  "Review " + std::to_string(review_id) + " is not the latest of its question"));
    }
    latest->Reset();
    MONDO_TRY(detail::RunWith(db, sql::kDeleteReview, review_id));
    auto update = db.Prepare(sql::kUpdateCard);
    if (!update) return Unexpected(std::move(update).error());
    update->Bind(1, qid);
    BindCard(*update, 2, row.card_before);
    MONDO_TRY(update->Run());
    MONDO_TRY(transaction->Commit());
    impl_->changed_since_backup = true;
    return Ok{};
}

Expected<std::vector<ReviewRow>, StorageError> Collection::LoadReviewLog() {
    auto stmt = impl_->db.Prepare(sql::kReviewLog);
    if (!stmt) return Unexpected(std::move(stmt).error());
    std::vector<ReviewRow> rows;
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) { rows.push_back(ReadReview(s)); }));
    return rows;
}

Expected<std::vector<ReviewRow>, StorageError> Collection::LoadReviewLog(
    const std::string& question_id) {
    auto stmt = impl_->db.Prepare(sql::kReviewLogOf);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, question_id);
    std::vector<ReviewRow> rows;
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) { rows.push_back(ReadReview(s)); }));
    return rows;
}

// [SECTION] Statistics

Expected<ReviewCounts, StorageError> Collection::CountReviewsSince(
    std::int64_t since_unix_seconds) {
    auto stmt = impl_->db.Prepare(sql::kCountReviewsSince);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, since_unix_seconds * 1000);
    MONDO_TRY(stmt->Step());
    ReviewCounts counts;
    counts.total = static_cast<int>(stmt->Int(0));
    counts.reviews_done = static_cast<int>(stmt->Int(1));
    counts.new_introduced = static_cast<int>(stmt->Int(2));
    stmt->Reset();
    return counts;
}

Expected<std::vector<std::string>, StorageError> Collection::QuestionsIntroducedSince(
    std::int64_t since_unix_seconds) {
    auto stmt = impl_->db.Prepare(sql::kQuestionsIntroducedSince);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, since_unix_seconds * 1000);
    std::vector<std::string> ids;
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) { ids.push_back(s.Text(0)); }));
    return ids;
}

namespace {

// Brings review_days and due_days to `day_offset_seconds`: nothing when they count in it already,
// else one transaction that rebuilds both from the log and the cards.
Expected<Ok, StorageError> UseDayOffset(Database& db, std::int64_t day_offset_seconds) {
    {
        auto current = db.Prepare(sql::kSummaryDayOffset);
        if (!current) return Unexpected(std::move(current).error());
        auto row = current->Step();
        if (!row) return Unexpected(std::move(row).error());
        if (*row && !current->IsNull(0) && current->Int(0) == day_offset_seconds) return Ok{};
    }
    auto transaction = Transaction::Begin(db);
    if (!transaction) return Unexpected(std::move(transaction).error());
    MONDO_TRY(detail::RunWith(db, sql::kSetSummaryDayOffset, day_offset_seconds));
    MONDO_TRY(db.Exec(sql::kClearReviewDays));
    MONDO_TRY(db.Exec(sql::kClearDueDays));
    MONDO_TRY(db.Exec(sql::kFillReviewDays));
    MONDO_TRY(db.Exec(sql::kFillDueDays));
    return transaction->Commit();
}

// Binds `source_id` to `index`, or NULL (every source) when empty.
void BindSource(Statement& stmt, int index, const std::string& source_id) {
    if (source_id.empty()) {
        stmt.BindNull(index);
    } else {
        stmt.Bind(index, source_id);
    }
}

}  // namespace

Expected<std::vector<DayReviews>, StorageError> Collection::ReviewsPerDay(
    std::int64_t from_day, std::int64_t to_day, std::int64_t day_offset_seconds,
    const std::string& source_id) {
    MONDO_TRY(UseDayOffset(impl_->db, day_offset_seconds));
    auto stmt = impl_->db.Prepare(sql::kReviewsPerDay);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, from_day).Bind(2, to_day);
    BindSource(*stmt, 3, source_id);
    std::vector<DayReviews> days;
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) {
        DayReviews day;
        day.day = s.Int(0);
        for (int i = 0; i < 4; ++i) day.count[i] = static_cast<int>(s.Int(1 + i));
        day.studied_ms = s.Int(5);
        days.push_back(day);
    }));
    return days;
}

Expected<std::vector<DayRetention>, StorageError> Collection::RetentionPerDay(
    std::int64_t from_day, std::int64_t to_day, std::int64_t day_offset_seconds,
    const std::string& source_id) {
    MONDO_TRY(UseDayOffset(impl_->db, day_offset_seconds));
    auto stmt = impl_->db.Prepare(sql::kRetentionPerDay);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, from_day).Bind(2, to_day);
    BindSource(*stmt, 3, source_id);
    std::vector<DayRetention> days;
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) {
        days.push_back(DayRetention{.day = s.Int(0),
                                    .young_passed = static_cast<int>(s.Int(1)),
                                    .young_total = static_cast<int>(s.Int(2)),
                                    .mature_passed = static_cast<int>(s.Int(3)),
                                    .mature_total = static_cast<int>(s.Int(4))});
    }));
    return days;
}

Expected<std::optional<std::int64_t>, StorageError> Collection::NextDue() {
    auto stmt = impl_->db.Prepare(sql::kNextDue);
    if (!stmt) return Unexpected(std::move(stmt).error());
    std::optional<std::int64_t> next;
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) {
        if (!s.IsNull(0)) next = s.Int(0);
    }));
    return next;
}

Expected<std::vector<StateRatingCount>, StorageError> Collection::ReviewsByStateAndRating(
    std::int64_t from_ms, std::int64_t to_ms) {
    auto stmt = impl_->db.Prepare(sql::kReviewsByStateAndRating);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, from_ms).Bind(2, to_ms);
    std::vector<StateRatingCount> counts;
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) {
        counts.push_back(StateRatingCount{detail::StateFromStored(s.Int(0)),
                                          static_cast<int>(s.Int(1)), s.Int(2)});
    }));
    return counts;
}

Expected<SourceOutline, StorageError> Collection::LoadOutline(const std::string& source_id) {
    Database& db = impl_->db;
    SourceOutline outline;
    outline.interview.source_id = source_id;
    auto source = db.Prepare(sql::kSourceById);
    if (!source) return Unexpected(std::move(source).error());
    source->Bind(1, source_id);
    auto found = source->Step();
    if (!found) return Unexpected(std::move(found).error());
    if (!*found) {
        return Unexpected(
            Error(StorageErrorKind::kInternal, "The collection has no source " + source_id));
    }
    outline.interview.title = source->Text(1);
    source->Reset();
    auto sections = db.Prepare(sql::kSelectSections);
    if (!sections) return Unexpected(std::move(sections).error());
    sections->Bind(1, source_id);
    MONDO_TRY(ForEachRow(*sections, [&](const Statement& s) {
        outline.interview.sections.push_back(
            content::Section{static_cast<int>(s.Int(0)), s.Text(1)});
    }));
    auto exchanges = db.Prepare(sql::kExchangeCount);
    if (!exchanges) return Unexpected(std::move(exchanges).error());
    exchanges->Bind(1, source_id);
    MONDO_TRY(ForEachRow(*exchanges, [&](const Statement& s) {
        outline.exchanges = static_cast<int>(s.Int(0));
        if (!s.IsNull(1)) outline.first_question = s.Text(1);
    }));
    return outline;
}

Expected<std::vector<int>, StorageError> Collection::DueForecast(std::int64_t first_day, int days,
                                                                 std::int64_t day_offset_seconds,
                                                                 const std::string& source_id) {
    std::vector<int> counts(static_cast<std::size_t>(days > 0 ? days : 0), 0);
    if (days <= 0) return counts;
    MONDO_TRY(UseDayOffset(impl_->db, day_offset_seconds));
    auto stmt = impl_->db.Prepare(sql::kDueForecast);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, first_day).Bind(2, days);
    BindSource(*stmt, 3, source_id);
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) {
        const std::int64_t index = s.Int(0) - first_day;
        if (index >= 0 && index < days)
            counts[static_cast<std::size_t>(index)] += static_cast<int>(s.Int(1));
    }));
    return counts;
}

namespace {

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// exchange_progress.cards: one record per seen counted card (not new, active, unsuspended), in
// question order: a flags byte, its due time (unix seconds), and for a learned card its last
// review (unix seconds; 0 when unset) and stability (IEEE double); integers little-endian. What
// the day's due count and mastery need, so a new day, day start or forgetting curve recomputes
// them from these bytes without reading a card.
constexpr std::uint8_t kRecordLearned = 1;   // review state: its retrievability counts
constexpr std::uint8_t kRecordProfile = 2;   // a profile question (no exchange, counted under 0)
constexpr std::uint8_t kRecordReviewed = 4;  // last_review is set
constexpr std::size_t kSeenRecordBytes = 1 + 8;
constexpr std::size_t kLearnedRecordBytes = 1 + 8 + 8 + 8;

void PutUint64(std::string& out, std::uint64_t value) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

std::uint64_t GetUint64(const unsigned char* bytes) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | bytes[i];
    return value;
}

// One exchange's row of exchange_progress while it is filled from its cards.
struct ExchangeRow {
    std::int64_t exchange = 0;
    int questions = 0;
    int seen = 0;
    int learned = 0;
    int mature = 0;
    std::string cards;

    // A counted question with its card (kCountedCards* columns 0..5).
    void Add(const Statement& s) {
        ++questions;
        const std::int64_t state = s.Int(1);
        if (state == 0) return;
        ++seen;
        std::uint8_t flags = s.IsNull(0) ? kRecordProfile : 0;
        const bool is_learned = state == 2;
        if (is_learned) {
            ++learned;
            if (s.Int(5) >= 21) ++mature;
            flags |= kRecordLearned;
            if (!s.IsNull(3)) flags |= kRecordReviewed;
        }
        cards.push_back(static_cast<char>(flags));
        PutUint64(cards, static_cast<std::uint64_t>(s.Int(2)));
        if (!is_learned) return;
        PutUint64(cards, static_cast<std::uint64_t>(s.IsNull(3) ? 0 : s.Int(3)));
        const double stability = s.Double(4);
        std::uint64_t bits = 0;
        std::memcpy(&bits, &stability, sizeof bits);
        PutUint64(cards, bits);
    }
};

// Writes the rows of one source's exchanges from the counted cards `stmt` returns (ordered by
// exchange; the profile questions, exchange NULL, join exchange 0's row). Exchanges without a
// counted question get no row.
Expected<Ok, StorageError> FillExchangeRows(Database& db, const std::string& source_id,
                                            Statement& stmt, ExchangeRow& row, bool flush_last) {
    auto insert = db.Prepare(sql::kInsertExchangeProgress, true);
    if (!insert) return Unexpected(std::move(insert).error());
    auto section = db.Prepare(sql::kSectionOfExchange, true);
    if (!section) return Unexpected(std::move(section).error());
    const auto flush = [&]() -> Expected<Ok, StorageError> {
        if (row.questions == 0) return Ok{};
        section->Bind(1, source_id).Bind(2, row.exchange);
        auto found = section->Step();
        if (!found) return Unexpected(std::move(found).error());
        const std::int64_t section_index = *found ? section->Int(0) : 0;
        section->Reset();
        insert->Bind(1, source_id)
            .Bind(2, row.exchange)
            .Bind(3, section_index)
            .Bind(4, row.questions)
            .Bind(5, row.seen)
            .Bind(6, row.learned)
            .Bind(7, row.mature)
            .BindBlob(8, row.cards);
        MONDO_TRY(insert->Run());
        row = ExchangeRow{};
        return Ok{};
    };
    for (;;) {
        auto more = stmt.Step();
        if (!more) return Unexpected(std::move(more).error());
        if (!*more) break;
        const std::int64_t exchange = stmt.IsNull(0) ? 0 : stmt.Int(0);
        if (row.questions > 0 && exchange != row.exchange) MONDO_TRY(flush());
        row.exchange = exchange;
        row.Add(stmt);
    }
    if (flush_last) MONDO_TRY(flush());
    return Ok{};
}

// Rewrites `source_id`'s row of source_progress from its exchanges' rows (none: no row).
Expected<Ok, StorageError> RebuildSourceRow(Database& db, const std::string& source_id) {
    MONDO_TRY(detail::RunWith(db, sql::kDeleteSourceProgressRow, source_id));
    auto rows = db.Prepare(sql::kExchangeRowsOfSource);
    if (!rows) return Unexpected(std::move(rows).error());
    rows->Bind(1, source_id);
    ExchangeRow sum;
    MONDO_TRY(ForEachRow(*rows, [&](const Statement& s) {
        sum.questions += static_cast<int>(s.Int(0));
        sum.seen += static_cast<int>(s.Int(1));
        sum.learned += static_cast<int>(s.Int(2));
        sum.mature += static_cast<int>(s.Int(3));
        const std::string cards = s.Text(4);
        const auto size = static_cast<std::uint32_t>(cards.size());
        for (int i = 0; i < 4; ++i)
            sum.cards.push_back(static_cast<char>((size >> (8 * i)) & 0xff));
        sum.cards += cards;
    }));
    if (sum.questions == 0) return Ok{};
    auto insert = db.Prepare(sql::kInsertSourceProgress);
    if (!insert) return Unexpected(std::move(insert).error());
    insert->Bind(1, source_id)
        .Bind(2, sum.questions)
        .Bind(3, sum.seen)
        .Bind(4, sum.learned)
        .Bind(5, sum.mature)
        .BindBlob(6, sum.cards);
    return insert->Run();
}

}  // namespace

namespace detail {

Expected<Ok, StorageError> RefreshProgressSummary(Database& db) {
    auto any = db.QueryInt(sql::kAnyProgressStale);
    if (!any) return Unexpected(std::move(any).error());
    if (*any == 0) return Ok{};
    // Inside the caller's transaction (an import), else in one of its own.
    std::optional<Transaction> transaction;
    if (sqlite3_get_autocommit(db.get()) != 0) {
        auto begun = Transaction::Begin(db);
        if (!begun) return Unexpected(std::move(begun).error());
        transaction.emplace(std::move(*begun));
    }
    // Read again inside the transaction: another connection may have refreshed meanwhile.
    std::map<std::string, std::vector<std::int64_t>> stale;  // exchange -1: the whole source
    {
        auto list = db.Prepare(sql::kProgressStale);
        if (!list) return Unexpected(std::move(list).error());
        MONDO_TRY(
            ForEachRow(*list, [&](const Statement& s) { stale[s.Text(0)].push_back(s.Int(1)); }));
    }
    // Past a few hundred exchanges of a source one pass over all of its questions is cheaper than
    // a lookup per exchange.
    constexpr std::size_t kMostExchangesRefilledOneByOne = 256;
    for (const auto& [source_id, exchanges] : stale) {
        ExchangeRow row;
        if (exchanges.front() < 0 || exchanges.size() > kMostExchangesRefilledOneByOne) {
            MONDO_TRY(detail::RunWith(db, sql::kDeleteExchangeProgressOfSource, source_id));
            auto cards = db.Prepare(sql::kCountedCardsOfSource);
            if (!cards) return Unexpected(std::move(cards).error());
            cards->Bind(1, source_id);
            MONDO_TRY(FillExchangeRows(db, source_id, *cards, row, true));
            MONDO_TRY(RebuildSourceRow(db, source_id));
            continue;
        }
        auto cards = db.Prepare(sql::kCountedCardsOfExchange, true);
        if (!cards) return Unexpected(std::move(cards).error());
        for (const std::int64_t exchange : exchanges) {
            MONDO_TRY(detail::RunWith(db, sql::kDeleteExchangeProgressRow, source_id, exchange));
            // Exchange 0's row also holds the profile questions (no exchange): read first, as the
            // whole source's pass reads them.
            if (exchange == 0) {
                cards->Bind(1, source_id).BindNull(2);
                MONDO_TRY(FillExchangeRows(db, source_id, *cards, row, false));
            }
            cards->Bind(1, source_id).Bind(2, exchange);
            MONDO_TRY(FillExchangeRows(db, source_id, *cards, row, true));
        }
        MONDO_TRY(RebuildSourceRow(db, source_id));
    }
    MONDO_TRY(db.Exec(sql::kClearProgressStale));
    if (transaction) return transaction->Commit();
    return Ok{};
}

}  // namespace detail

namespace {

// The day's figures of an exchange from its cards' records: due before the end of the clock's
// day, and the sum of the learned cards' retrievability. The profile questions' sum and the
// exchange's own are added last, as two groups (see the one definition in collection.h).
struct DayFigures {
    std::int64_t today = 0;         // day number of the clock's now
    std::int64_t end_of_today = 0;  // unix seconds
    std::int64_t day_offset_seconds = 0;
    // sched::Retrievability's terms, computed once per read instead of once per card (the same
    // expression, so the same value): 0.9^(1/decay) - 1, and the decay.
    double curve_factor = 0.0;
    double decay = 0.0;

    // An exchange's `cards`.
    void Apply(std::string_view cards, ExchangeProgress& p) const {
        p.due = 0;
        p.mastery_sum = 0.0;
        Add(reinterpret_cast<const unsigned char*>(cards.data()), cards.size(), p);
    }
    // A source's: its exchanges' `cards`, each after its length (4 bytes), summed in that order.
    void ApplySource(std::string_view cards, ExchangeProgress& p) const {
        p.due = 0;
        p.mastery_sum = 0.0;
        const auto* bytes = reinterpret_cast<const unsigned char*>(cards.data());
        for (std::size_t at = 0; at + 4 <= cards.size();) {
            const std::size_t size = bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) |
                                     (static_cast<std::size_t>(bytes[at + 3]) << 24);
            at += 4;
            if (size > cards.size() - at) break;  // a damaged length ends the list
            Add(bytes + at, size, p);
            at += size;
        }
    }

  private:
    // Adds one exchange's figures to `p`: its due count, and its mastery (the profile questions'
    // sum and the exchange's own, added last) to p.mastery_sum.
    void Add(const unsigned char* bytes, std::size_t size, ExchangeProgress& p) const {
        double profile_sum = 0.0;
        double exchange_sum = 0.0;
        int due = 0;
        for (std::size_t at = 0; at + kSeenRecordBytes <= size;) {
            const std::uint8_t flags = bytes[at];
            const auto card_due = static_cast<std::int64_t>(GetUint64(bytes + at + 1));
            due += card_due < end_of_today;
            if ((flags & kRecordLearned) == 0) {
                at += kSeenRecordBytes;
                continue;
            }
            if (at + kLearnedRecordBytes > size) break;  // a damaged record ends the list
            const auto last_review = static_cast<std::int64_t>(GetUint64(bytes + at + 9));
            const std::uint64_t bits = GetUint64(bytes + at + 17);
            double stability = 0.0;
            std::memcpy(&stability, &bits, sizeof stability);
            at += kLearnedRecordBytes;
            if ((flags & kRecordReviewed) == 0 || !(stability > 0.0)) continue;
            const std::int64_t last_day = FloorDiv(last_review + day_offset_seconds, 86400);
            const std::int64_t elapsed = std::max<std::int64_t>(0, today - last_day);
            const double recall =
                std::pow(1.0 + curve_factor * static_cast<double>(elapsed) / stability, decay);
            ((flags & kRecordProfile) ? profile_sum : exchange_sum) += recall;
        }
        p.due += due;
        p.mastery_sum += profile_sum + exchange_sum;
    }
};

DayFigures DayFiguresOf(const ProgressClock& clock) {
    DayFigures figures;
    figures.today = FloorDiv(clock.now + clock.day_offset_seconds, 86400);
    figures.end_of_today = (figures.today + 1) * 86400 - clock.day_offset_seconds;
    figures.day_offset_seconds = clock.day_offset_seconds;
    figures.curve_factor = sched::CurveFactor(clock.parameters);
    figures.decay = clock.parameters.decay();
    return figures;
}

// A row of kExchangeProgress* (or kSourceProgress: `source`) with the day's figures.
ExchangeProgress ReadProgress(const Statement& s, const DayFigures& day, bool source = false) {
    ExchangeProgress p;
    p.source_id = s.Text(0);
    p.exchange = static_cast<int>(s.Int(1));
    p.section = static_cast<int>(s.Int(2));
    p.questions = static_cast<int>(s.Int(3));
    p.seen = static_cast<int>(s.Int(4));
    p.learned = static_cast<int>(s.Int(5));
    p.mature = static_cast<int>(s.Int(6));
    const void* cards = sqlite3_column_blob(s.get(), 7);
    const int size = sqlite3_column_bytes(s.get(), 7);
    const std::string_view bytes =
        cards != nullptr && size > 0
            ? std::string_view(static_cast<const char*>(cards), static_cast<std::size_t>(size))
            : std::string_view();
    if (source) {
        day.ApplySource(bytes, p);
    } else {
        day.Apply(bytes, p);
    }
    return p;
}

}  // namespace

Expected<std::vector<ExchangeProgress>, StorageError> Collection::ProgressByExchange(
    const ProgressClock& clock, const std::string& source_id) {
    MONDO_TRY(detail::RefreshProgressSummary(impl_->db));
    std::vector<std::string> sources{source_id};
    if (source_id.empty()) {
        auto ids = SourceIds();
        if (!ids) return Unexpected(std::move(ids).error());
        sources = std::move(*ids);
    }
    auto stmt = impl_->db.Prepare(sql::kExchangeProgressOfSource);
    if (!stmt) return Unexpected(std::move(stmt).error());
    const DayFigures day = DayFiguresOf(clock);
    std::vector<ExchangeProgress> rows;
    for (const std::string& id : sources) {
        stmt->Bind(1, id);
        MONDO_TRY(
            ForEachRow(*stmt, [&](const Statement& s) { rows.push_back(ReadProgress(s, day)); }));
    }
    return rows;
}

Expected<std::vector<ExchangeProgress>, StorageError> Collection::ProgressBySource(
    const ProgressClock& clock) {
    MONDO_TRY(detail::RefreshProgressSummary(impl_->db));
    auto stmt = impl_->db.Prepare(sql::kSourceProgress);
    if (!stmt) return Unexpected(std::move(stmt).error());
    const DayFigures day = DayFiguresOf(clock);
    std::map<std::string, ExchangeProgress> by_id;
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) {
        ExchangeProgress p = ReadProgress(s, day, /*source=*/true);
        by_id[p.source_id] = std::move(p);
    }));
    // In import order.
    auto ids = SourceIds();
    if (!ids) return Unexpected(std::move(ids).error());
    std::vector<ExchangeProgress> rows;
    for (const std::string& id : *ids) {
        if (const auto it = by_id.find(id); it != by_id.end())
            rows.push_back(std::move(it->second));
    }
    return rows;
}

// [SECTION] Sessions

Expected<std::int64_t, StorageError> Collection::StartSession(std::int64_t now_unix_seconds) {
    MONDO_TRY(detail::RunWith(impl_->db, sql::kInsertSession, now_unix_seconds));
    // Not a change worth a backup: every start of the app begins a session, and backing up a big
    // collection on each quit took seconds (issue 14). Its reviews mark the change.
    return impl_->db.LastInsertRowId();
}

Expected<Ok, StorageError> Collection::EndSession(std::int64_t session_id,
                                                  std::int64_t now_unix_seconds, int reviews,
                                                  std::int64_t studied_ms) {
    MONDO_TRY(detail::RunWith(impl_->db, sql::kEndSession, session_id, now_unix_seconds, reviews,
                              studied_ms));
    if (impl_->db.Changes() == 0) {
        return Unexpected(
            Error(StorageErrorKind::kInternal, "No session " + std::to_string(session_id)));
    }
    if (reviews > 0) impl_->changed_since_backup = true;
    return Ok{};
}

Expected<std::vector<Session>, StorageError> Collection::LoadSessions(std::int64_t from,
                                                                      std::int64_t to) {
    auto stmt = impl_->db.Prepare(sql::kSessions);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, from).Bind(2, to);
    std::vector<Session> sessions;
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) {
        sessions.push_back(
            Session{s.Int(0), s.Int(1), s.OptionalInt(2), static_cast<int>(s.Int(3)), s.Int(4)});
    }));
    return sessions;
}

// [SECTION] Settings

Expected<std::map<std::string, std::string>, StorageError> Collection::LoadSettings() {
    auto stmt = impl_->db.Prepare(sql::kAllSettings);
    if (!stmt) return Unexpected(std::move(stmt).error());
    std::map<std::string, std::string> values;
    MONDO_TRY(ForEachRow(*stmt, [&](const Statement& s) { values[s.Text(0)] = s.Text(1); }));
    return values;
}

Expected<Ok, StorageError> Collection::SaveSettings(
    const std::map<std::string, std::string>& values) {
    Database& db = impl_->db;
    auto transaction = Transaction::Begin(db);
    if (!transaction) return Unexpected(std::move(transaction).error());
    auto put = db.Prepare(sql::kPutSetting);
    if (!put) return Unexpected(std::move(put).error());
    for (const auto& [key, value] : values) {
        put->Bind(1, key).Bind(2, value);
        MONDO_TRY(put->Run());
    }
    MONDO_TRY(transaction->Commit());
    impl_->changed_since_backup = true;
    return Ok{};
}

Expected<std::optional<std::string>, StorageError> Collection::GetSetting(const std::string& key) {
    auto stmt = impl_->db.Prepare(sql::kGetSetting);
    if (!stmt) return Unexpected(std::move(stmt).error());
    stmt->Bind(1, key);
    auto row = stmt->Step();
    if (!row) return Unexpected(std::move(row).error());
    if (!*row) return std::optional<std::string>();
    std::optional<std::string> value = stmt->Text(0);
    stmt->Reset();
    return value;
}

Expected<Ok, StorageError> Collection::SetSetting(const std::string& key,
                                                  const std::string& value) {
    return SaveSettings({{key, value}});
}

std::int64_t Collection::GetIntSetting(const std::string& key, std::int64_t fallback) {
    auto value = GetSetting(key);
    if (!value || !*value) return fallback;
    const std::string& text = **value;
    std::int64_t parsed = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (error != std::errc() || end != text.data() + text.size()) return fallback;
    return parsed;
}

double Collection::GetDoubleSetting(const std::string& key, double fallback) {
    auto value = GetSetting(key);
    if (!value || !*value) return fallback;
    const std::string& text = **value;
    if (text.empty()) return fallback;
    char* end = nullptr;
    const double parsed = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) return fallback;
    return parsed;
}

}  // namespace mondo::storage
