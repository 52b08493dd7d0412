// Collection: one SQLite file holding sources, questions, card states and the review log.
//
// Ownership: a Collection owns its sqlite3 handle and, for files, the single-writer lock (an
// flock'd "<file>.lock" beside the database); it is move-only and closes in its destructor.
// Thread-safety: one thread at a time. Errors: every operation that can fail for reasons outside
// the program (corrupt file, full disk, another process) returns Expected<…, StorageError>; nothing
// throws across this interface. Programmer errors (a rating outside 1..4, an unknown question id in
// RecordReview) are asserted in debug builds and returned as kInternal otherwise.
//
// Durability: every write is one transaction committed with synchronous=FULL in WAL mode (a big
// new source's import with a rollback journal instead, see ImportSource), so when a write function
// returns success its data survives a crash or power loss.
//
// Typical use (the study layer):
//     auto collection = Collection::Open(DefaultCollectionPath());        // kLocked → exit 2
//     auto items = collection->LoadStudyItems();                           // build today's queue
//     ReviewRow row{...};  row.card_before = item.card;                    // from the scheduler
//     auto id = collection->RecordReview(new_card, row);                   // durable on return
//     collection->UndoReview(*id);                                         // Ctrl+Z
//     collection->MaybeBackup(now);                                        // now and then
//     collection->BackupNow(now);                                          // on close
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/sched/scheduler.h"
#include "content/expected.h"
#include "content/interview.h"
#include "content/question.h"

namespace mondo::storage {

enum class StorageErrorKind {
    kNotADatabase,  // the file is not SQLite (or SQLite but not a mondo collection)
    kCorrupt,       // SQLite, but quick_check fails
    kTooNew,        // written by a newer mondo (schema version above ours)
    kLocked,        // another mondo process has the collection open
    kIo,            // cannot read/write/create (permissions, missing directory, full disk…)
    kInternal,      // an SQL error that should not happen, or a broken precondition
};

struct StorageError {
    StorageErrorKind kind = StorageErrorKind::kInternal;
    std::string message;  // one sentence for the user, naming the file
};

// The schema version this build reads and writes (PRAGMA user_version). Older files are upgraded
// at open; newer ones are refused with kTooNew.
inline constexpr int kSchemaVersion = 7;

// $XDG_DATA_HOME/mondo/collection.sqlite3, else ~/.local/share/mondo/collection.sqlite3.
std::filesystem::path DefaultCollectionPath();

// Where the backups of the collection at `db` go: a "backups" folder beside it.
std::filesystem::path BackupDirectoryFor(const std::filesystem::path& db);

struct OpenOptions {
    bool create_if_missing = true;  // also creates missing parent directories
};

struct SyncReport {
    int added = 0;     // new questions (a fresh card each)
    int kept = 0;      // questions already stored, with their history
    int retired = 0;   // questions no longer generated: hidden, history kept
    int restored = 0;  // retired questions generated again: active again, history kept
};

// A stored source, as the Library lists it.
//
// Retired sources: the learner set the source aside (RetireSource). Its questions leave every
// count of active questions (study, due, progress, forecast, export) exactly as questions retired
// by an import do, but stay stored with their cards and the whole review log (history, streaks
// and retention still count those reviews); RestoreSource brings them back as they were. On disk
// questions.retired is 0 (active), 1 (gone from its source at an import) or 2 (active in its
// source, which is retired), and sources.retired_at is set exactly when the source is retired.
struct SourceRecord {
    std::string id;
    std::string title;                       // the parsed title
    std::string custom_title;                // the learner's own title; empty: none
    std::int64_t imported_at = 0;            // unix seconds of the last import that changed it
    std::int64_t added_at = 0;               // unix seconds of its first import
    std::optional<std::int64_t> retired_at;  // unix seconds; set while the source is retired
    std::string content_hash;                // changes with every import that changes it

    // The title to show: the learner's own, else the parsed one (may be empty: the app then
    // names the source after its first question).
    const std::string& DisplayTitle() const { return custom_title.empty() ? title : custom_title; }
    bool retired() const { return retired_at.has_value(); }
};

// A source as statistics name it (Collection::LoadOutline): `interview` holds the source id, the
// parsed title and the sections, no exchanges.
struct SourceOutline {
    content::Interview interview;
    int exchanges = 0;           // how many exchanges the source has
    std::string first_question;  // the first exchange's question; empty without exchanges
};

// ---- Scheduling state ----
//
// Cards are the scheduler's own (sched::Card, sched::CardState): the collection stores them as
// they are. On disk a card's last_review is NULL before its first review (state new, no reps) and
// is read back as 0, the scheduler's "unused"; a damaged state reads as new, a damaged rating as
// Again (the schema's CHECK constraints keep both from being written).

// An active question with its card, as the study session needs it.
struct StudyItem {
    content::Question question;
    std::string source_id;
    int section = 0;  // the exchange's section (0: none or a profile question)
    sched::Card card;
    bool suspended = false;
    int flag = 0;          // 0 none, 1..7 coloured flags as in Anki
    int order = 0;         // 0-based position in the collection's interview order
    bool retired = false;  // only LoadAllItems returns retired questions
    // The collection's compact key of the question (orders cards of equal due in a page of
    // today's learning cards, see DueCursor); 0 for an item made elsewhere.
    std::int64_t qid = 0;
};

// Where a page of today's learning cards continues: after the card due at `due` (unix seconds)
// whose StudyItem::qid is `qid`. The default starts before the first.
struct DueCursor {
    std::int64_t due = std::numeric_limits<std::int64_t>::min();
    std::int64_t qid = 0;
};

// One row of the append-only review log.
struct ReviewRow {
    std::int64_t id = 0;  // assigned by RecordReview; increases with every review
    std::string question_id;
    std::int64_t time_ms = 0;  // unix milliseconds of the answer
    sched::Rating rating = sched::Rating::kGood;
    std::string answer_given;     // verbatim (may be empty; may hold any bytes)
    std::optional<bool> correct;  // for auto-graded kinds: whether the check said right
    int elapsed_days = 0;
    int scheduled_days = 0;
    std::int64_t duration_ms = 0;
    std::optional<std::int64_t> session_id;  // the study session it was given in
    sched::Card card_before;                 // the card as it was: UndoReview puts it back
    sched::Card card_after;                  // the card as RecordReview stored it
};

// ---- Statistics inputs (aggregated in SQL) ----

// Days are counted as floor((unix_seconds + day_offset_seconds) / 86400), where the caller sets
// day_offset_seconds = local UTC offset − day start hour × 3600 (one offset for the whole range).
// The per-day figures (reviews, retention, the due forecast) are read from summaries kept by
// triggers beside the log and the cards, counted in the day offset last asked for: asking with
// another offset (a new day start, a daylight-saving change) first rebuilds them from the log
// and the cards in one write transaction (about a second per million reviews), then reads.
struct DayReviews {
    std::int64_t day = 0;
    int count[4] = {0, 0, 0, 0};  // by rating - 1
    std::int64_t studied_ms = 0;  // sum of review durations
};

// True retention of one day: reviews of cards that were in the review state, split young/mature
// by the interval scheduled before the review (mature: 21 days or more); passed: rating > 1.
struct DayRetention {
    std::int64_t day = 0;
    int young_passed = 0;
    int young_total = 0;
    int mature_passed = 0;
    int mature_total = 0;
};

// Reviews of a period grouped by the card's state before the review and the rating: true
// retention is passed / total per state (rating > 1 passes).
struct StateRatingCount {
    sched::CardState state_before = sched::CardState::kNew;
    int rating = 3;
    std::int64_t count = 0;
};

// ---- Progress: the ONE definition of learned, mastery and due ----
//
// Home, Read, Browse, Stats and `mondo stats` all count with these definitions, computed here in
// SQL (ProgressByExchange, DueForecast) and nowhere else:
// - A question counts when it is active (not retired) and not suspended.
// - Learned: its card is in the review state: it graduated from the learning steps and is not
//   relearning after a lapse. New, learning and relearning cards are not learned.
// - Mastery of a group of questions (an exchange, a section, a source): the mean over its counted
//   questions of each learned card's FSRS retrievability now (whole days elapsed since its last
//   review, days starting at the collection's day start); questions not learned count 0. So the
//   mastery of a group never exceeds its learned share ("94% mastery" means at least 94% learned).
// - Due: a counted question whose card is not new and is due before the end of today (the next
//   day start), overdue ones included. The first day of DueForecast is that count.
// Days use one UTC offset for the whole computation (day_offset_seconds, as for ReviewsPerDay).

// When progress is computed: `now` (unix seconds), the day offset, and the FSRS parameters whose
// forgetting curve gives the retrievability.
struct ProgressClock {
    std::int64_t now = 0;
    std::int64_t day_offset_seconds = 0;  // local UTC offset - day start hour x 3600
    sched::Parameters parameters{};
};

// Per exchange of a source (profile questions under exchange 0, section 0).
struct ExchangeProgress {
    std::string source_id;
    int exchange = 0;
    int section = 0;
    int questions = 0;         // counted questions (active, unsuspended)
    int seen = 0;              // of which reviewed at least once (not new)
    int learned = 0;           // of which learned (review state)
    int mature = 0;            // of which learned with a scheduled interval of 21 days or more
    int due = 0;               // of which due today
    double mastery_sum = 0.0;  // sum of the learned ones' retrievability; mastery = sum / questions
};

struct Session {
    std::int64_t id = 0;
    std::int64_t started_at = 0;  // unix seconds
    std::optional<std::int64_t> ended_at;
    int reviews = 0;
    std::int64_t studied_ms = 0;
};

struct ReviewCounts {
    int new_introduced = 0;  // distinct questions first answered in the period
    int reviews_done = 0;    // answers given to cards that were in the review state
    int total = 0;
};

// ---- Checks ----

struct CheckProblem {
    std::string question_id;  // empty for database-wide problems
    std::string message;
};

struct CheckReport {
    bool integrity_ok = false;           // PRAGMA integrity_check said "ok"
    std::vector<CheckProblem> problems;  // integrity messages and consistency problems
    int questions = 0;
    int reviews = 0;
    bool ok() const { return integrity_ok && problems.empty(); }
};

// A higher layer's full check (e.g. FSRS replay of each card's log); returns its problems. It
// gets the collection's settings (key → text) as they were when the cards and log were read.
using ReplayCheck = std::function<std::vector<CheckProblem>(
    const std::vector<StudyItem>& items, const std::vector<ReviewRow>& log,
    const std::map<std::string, std::string>& settings)>;

// Integrity and consistency of the collection at `path`: PRAGMA integrity_check, foreign keys,
// log rows referencing existing questions, each card's reps equal to its log count, last_review
// equal to its last log time, card state, due time and lapses equal to the last log row's
// card_after, then `replay` when given — everything read in ONE read transaction, so a concurrent
// writer cannot make cards and log disagree. A card's memory (stability, difficulty) is compared
// with its last log row's only when no `replay` is given: new FSRS parameters applied since that
// review recompute the memory (study::ApplyParameters), which only the replay, knowing the
// parameters in force, can judge. Never writes and creates nothing beside the file: with no mondo
// process holding the collection it is opened immutable (a WAL or rollback journal left by a crash
// is read from a private copy of the file and that companion in the temporary folder); while a
// writer holds it, a read-only connection shares the writer's -wal/-shm. Upgrades nothing: an older
// schema is refused with kIo and a message saying so. Errors: kNotADatabase, kTooNew, kIo (missing
// or unreadable file, older schema); corruption is reported in the CheckReport when SQLite can
// still read the file, else kCorrupt.
Expected<CheckReport, StorageError> CheckCollection(const std::filesystem::path& path,
                                                    const ReplayCheck& replay = {});

// ---- Backups ----

struct BackupInfo {
    std::filesystem::path path;
    std::int64_t taken_at = 0;  // unix seconds, from the file name
};

// The backups in `dir`, newest first (files named collection-YYYYMMDD-HHMMSS.sqlite3, UTC).
std::vector<BackupInfo> ListBackups(const std::filesystem::path& dir);

// The newest backup of `db` that opens and passes quick_check, if any.
std::optional<std::filesystem::path> NewestGoodBackup(const std::filesystem::path& db);

// Puts `backup` in place of `db` (which must not be open in any process: takes its lock). The
// current file, if any, is kept aside with its -wal and -shm (or -journal) as
// "<db>.before-restore-YYYYMMDD-HHMMSS" (returned). The backup (with its -wal, if any: `backup`
// may be `db` itself) is copied beside `db` first and the copy verified (application id, version
// not newer, the full integrity_check); only then are files renamed. Either the restore completes
// or every file (the -wal included) is left byte for byte as it was.
Expected<std::filesystem::path, StorageError> Restore(const std::filesystem::path& backup,
                                                      const std::filesystem::path& db);

// ---- Export ----

enum class ExportFormat {
    kAnkiTsv,    // Anki's "Notes in Plain Text" import with #separator/#html/#columns headers
    kRevlogCsv,  // card_id,review_rating,review_time,review_duration (FSRS tools)
};

class Collection {
  public:
    // Opens (or creates) the collection at `path`: takes the lock, checks the header, version,
    // then the full integrity_check unless the file is byte for byte what the last clean close
    // of a verified collection left (the fingerprint kept in the lock file matches and no WAL is
    // left), then WAL, synchronous=FULL, foreign keys, schema upgrade (one BEGIN IMMEDIATE). So a
    // damaged file (indexes included) is never written to.
    // On failure the file is left byte for byte as it was. Errors: kNotADatabase, kCorrupt (the
    // message names the newest good backup when there is one), kTooNew, kLocked, kIo.
    static Expected<Collection, StorageError> Open(const std::filesystem::path& path,
                                                   OpenOptions options = {});
    // A private in-memory collection, for tests and `mondo questions`. No lock, no backups.
    static Expected<Collection, StorageError> OpenInMemory();
    // A second, read-only connection to this collection's file, for reading it on another
    // thread while this one goes on (Settings reads the whole collection for its estimates and
    // the review log for a fit on worker threads). No lock and no check (this collection holds
    // the one and did the other); every write fails. Each read sees what was committed when it
    // began. Errors: kInternal for an in-memory collection (nothing to share), kIo.
    // With `stop`: once *stop is true, a read in progress on the reader ends soon with an error
    // (kInternal, "interrupted"), so that cancelling a worker does not wait for a long read.
    // `stop` must outlive the reader.
    Expected<Collection, StorageError> OpenReader(const std::atomic<bool>* stop = nullptr) const;

    Collection(Collection&&) noexcept;
    Collection& operator=(Collection&&) noexcept;
    ~Collection();

    // The file this collection was opened from (empty for in-memory ones).
    const std::filesystem::path& path() const;

    // ---- Sources and questions ----

    // Adds or updates a source and its questions in one transaction. Re-importing an identical
    // source writes nothing. Questions keep their card and history by id; questions of this source
    // no longer in `questions` are retired (hidden), never deleted. Duplicate ids in `questions`
    // after the first are ignored.
    // A source new to the collection with at least 256 KiB of exchange text is written with a
    // rollback journal instead of the WAL (its pages written once, no checkpoint), when no other
    // connection has the file open (else in WAL mode, as every other write); readers that start
    // meanwhile wait (their busy timeout) and the collection is in WAL mode again when this
    // returns (or, after a crash, at the next Open). Either way all or nothing.
    Expected<SyncReport, StorageError> ImportSource(
        const content::Interview& interview, const std::vector<content::Question>& questions);

    // Hands the questions of an import over part by part, in order, to `store` (on the calling
    // thread): content::GenerateQuestionParts with `store` as its sink.
    using QuestionFeed = std::function<void(const content::QuestionSink& store)>;

    // ImportSource with the questions fed part by part (the parts joined are the questions), so
    // that each part is written while the next is generated and no part is held after it is
    // written. The same transaction, report and result as ImportSource with the joined parts.
    Expected<SyncReport, StorageError> ImportSource(const content::Interview& interview,
                                                    const QuestionFeed& feed);

    // What ImportSource would do now (the same counts), computed by the same code in a
    // transaction that is rolled back: nothing is written.
    Expected<SyncReport, StorageError> PreviewImportSource(
        const content::Interview& interview, const std::vector<content::Question>& questions);

    // Renames a source for the learner: `custom_title` shown instead of the parsed title (empty:
    // the parsed title again). Imports keep it. Unknown id: kInternal, nothing changed.
    Expected<Ok, StorageError> SetSourceTitle(const std::string& source_id,
                                              const std::string& custom_title);
    // Retires a source at `now` (unix seconds): its active questions leave study and every count
    // of active questions; cards and reviews are kept (see SourceRecord). Restoring puts them back
    // unchanged. One transaction each; retiring a retired source (or restoring an active one)
    // changes nothing. Unknown id: kInternal. An import of a retired source updates its questions
    // and keeps it retired.
    Expected<Ok, StorageError> RetireSource(const std::string& source_id, std::int64_t now);
    Expected<Ok, StorageError> RestoreSource(const std::string& source_id);
    // The time of the last answer to any question of each source (unix seconds; retired questions
    // included), by source id; sources never studied are absent.
    Expected<std::map<std::string, std::int64_t>, StorageError> LastReviewBySource();
    // Ids of the stored sources, in import order.
    Expected<std::vector<std::string>, StorageError> SourceIds();
    // The stored sources with what the Library lists of them, in import order.
    Expected<std::vector<SourceRecord>, StorageError> Sources();

    // The interview as stored (title, sections, exchanges, notes, ruby, profile). Unknown id:
    // kInternal.
    Expected<content::Interview, StorageError> LoadInterview(const std::string& source_id);
    // What statistics name of a source without reading its text (LoadInterview reads every
    // exchange): the parsed title, the sections, the number of exchanges and the first one's
    // question (a source without a title is named after it). Unknown id: kInternal.
    Expected<SourceOutline, StorageError> LoadOutline(const std::string& source_id);

    // ---- Study ----

    // Every active (not retired, source not retired) question with its card, in interview order
    // (sources in import order, questions in generation order); `source_id` non-empty: that source
    // only. Suspended questions are included (flagged), retired ones are not.
    Expected<std::vector<StudyItem>, StorageError> LoadStudyItems(
        const std::string& source_id = {});
    // Every question, retired ones included (StudyItem::retired), in the same order.
    Expected<std::vector<StudyItem>, StorageError> LoadAllItems();

    // Today's part of the collection only: active, unsuspended questions that are not new and due
    // before `due_before` (unix seconds), most overdue first, then up to `new_limit` new questions
    // in interview order. For large collections where loading everything is too slow.
    // `review_limit` >= 0: at most that many cards in the review state (the most overdue).
    // Learning and relearning cards due: every one (kAll), or only those of an exchange that a
    // returned review or new card belongs to (kOfReturnedExchanges: the siblings a queue buries
    // those cards for; the rest can come a page at a time from LoadDueLearningItems).
    enum class DueLearning { kAll, kOfReturnedExchanges };
    Expected<std::vector<StudyItem>, StorageError> LoadDueItems(
        std::int64_t due_before, int new_limit, int review_limit = -1,
        DueLearning learning = DueLearning::kAll);

    // Today's learning and relearning cards, a page at a time: active, unsuspended cards in a
    // learning step due before `due_before`, in (due, qid) order after `after`, at most `limit`;
    // `source_id` non-empty: that source's only. A page shorter than `limit` is the last.
    Expected<std::vector<StudyItem>, StorageError> LoadDueLearningItems(
        std::int64_t due_before, DueCursor after, int limit, const std::string& source_id = {});
    // How many cards LoadDueLearningItems returns in all (from an index alone without a source).
    Expected<int, StorageError> CountDueLearning(std::int64_t due_before,
                                                 const std::string& source_id = {});

    // Stores `new_card` as the question's card and appends `row` (its card_after is taken from
    // `new_card`) in ONE transaction, durable on return. Returns the review id.
    // Errors: kIo (disk full…), kInternal (unknown question id, rating outside 1..4).
    Expected<std::int64_t, StorageError> RecordReview(const sched::Card& new_card,
                                                      const ReviewRow& row);
    // The same with row.card_after as the new card.
    Expected<std::int64_t, StorageError> RecordReview(const ReviewRow& row);

    // Many reviews in ONE transaction (importing a history, simulations, benchmarks): each row is
    // appended and its question's card set to row.card_after, in order. All or nothing; returns
    // the review ids in order.
    Expected<std::vector<std::int64_t>, StorageError> RecordReviews(
        const std::vector<ReviewRow>& rows);

    // Deletes review `review_id` and puts its card_before back, in one transaction. Only the
    // question's latest review can be undone (else kInternal, nothing changed).
    Expected<Ok, StorageError> UndoReview(std::int64_t review_id);

    Expected<Ok, StorageError> SetSuspended(const std::string& question_id, bool suspended);
    Expected<Ok, StorageError> SetFlag(const std::string& question_id, int flag);  // 0..7

    // The question's card (also for retired ones); nullopt for an unknown id.
    Expected<std::optional<sched::Card>, StorageError> LoadCard(const std::string& question_id);

    // Sets the memory state (stability, difficulty) of the named questions' cards and stores
    // `settings` (key → text), in ONE transaction: applying new FSRS parameters, which recomputes
    // memory from the log. Nothing else of a card changes (due, state, steps stay). Errors: kIo,
    // kInternal (unknown question id).
    Expected<Ok, StorageError> UpdateMemoryStates(
        const std::vector<std::pair<std::string, sched::MemoryState>>& memories,
        const std::map<std::string, std::string>& settings);

    // ---- Review log ----

    // The whole log, or one question's, in review id order (the order they were recorded).
    Expected<std::vector<ReviewRow>, StorageError> LoadReviewLog();
    Expected<std::vector<ReviewRow>, StorageError> LoadReviewLog(const std::string& question_id);

    // Reviews logged at or after `since_unix_seconds`.
    Expected<ReviewCounts, StorageError> CountReviewsSince(std::int64_t since_unix_seconds);
    // The ids of the questions answered for the first time at or after `since_unix_seconds`
    // (sorted).
    Expected<std::vector<std::string>, StorageError> QuestionsIntroducedSince(
        std::int64_t since_unix_seconds);

    // Reviews per day with time studied, days in [from_day, to_day] (see DayReviews), ascending;
    // days without reviews are absent. `source_id` non-empty: reviews of that source's questions
    // only. Reads the per-day summary (see "Days are counted" above).
    Expected<std::vector<DayReviews>, StorageError> ReviewsPerDay(
        std::int64_t from_day, std::int64_t to_day, std::int64_t day_offset_seconds,
        const std::string& source_id = {});
    // True retention per day, days in [from_day, to_day] (as ReviewsPerDay), ascending; days
    // without reviews of review-state cards are absent.
    Expected<std::vector<DayRetention>, StorageError> RetentionPerDay(
        std::int64_t from_day, std::int64_t to_day, std::int64_t day_offset_seconds,
        const std::string& source_id = {});
    // The time of the next card to come due (active, unsuspended, not new), if any.
    Expected<std::optional<std::int64_t>, StorageError> NextDue();
    // Reviews in [from_ms, to_ms) grouped by state before and rating.
    Expected<std::vector<StateRatingCount>, StorageError> ReviewsByStateAndRating(
        std::int64_t from_ms, std::int64_t to_ms);
    // Due counts of active, unsuspended, non-new cards for `days` days starting at `first_day`;
    // cards due before `first_day` count on the first day. Element i is day first_day + i.
    // `source_id` non-empty: that source's cards only. Reads the per-day summary.
    Expected<std::vector<int>, StorageError> DueForecast(std::int64_t first_day, int days,
                                                         std::int64_t day_offset_seconds,
                                                         const std::string& source_id = {});
    // Progress per exchange (see "the ONE definition" above), sources in import order, exchanges
    // ascending; `source_id` non-empty: that source only. Exchanges without a counted question
    // are absent. Read from a summary valid for one day, day offset and forgetting curve: what
    // changed since (answers, undo, suspend, retire, an import) is recomputed first, or every
    // exchange when the clock's day, offset or decay differ from the summary's (a write
    // transaction; the first read of a day costs one pass over every active question).
    Expected<std::vector<ExchangeProgress>, StorageError> ProgressByExchange(
        const ProgressClock& clock, const std::string& source_id = {});
    // The same summed per source (exchange and section 0), sources in import order: one row
    // per source with a counted question.
    Expected<std::vector<ExchangeProgress>, StorageError> ProgressBySource(
        const ProgressClock& clock);

    // ---- Sessions ----

    Expected<std::int64_t, StorageError> StartSession(std::int64_t now_unix_seconds);
    Expected<Ok, StorageError> EndSession(std::int64_t session_id, std::int64_t now_unix_seconds,
                                          int reviews, std::int64_t studied_ms);
    // Sessions started in [from, to) unix seconds, oldest first.
    Expected<std::vector<Session>, StorageError> LoadSessions(std::int64_t from, std::int64_t to);

    // ---- Settings (key → text) ----

    Expected<std::map<std::string, std::string>, StorageError> LoadSettings();
    // Upserts every pair in one transaction (other keys are left alone).
    Expected<Ok, StorageError> SaveSettings(const std::map<std::string, std::string>& values);
    Expected<std::optional<std::string>, StorageError> GetSetting(const std::string& key);
    Expected<Ok, StorageError> SetSetting(const std::string& key, const std::string& value);
    // Typed helpers: the stored value when it parses completely, else `fallback`.
    std::int64_t GetIntSetting(const std::string& key, std::int64_t fallback);
    double GetDoubleSetting(const std::string& key, double fallback);

    // ---- Backups ----

    // Copies the collection with the online backup API into BackupDirectoryFor(path()), verifies
    // the copy (opens it, quick_check) and rotates: keeps the 12 newest, the newest of each of the
    // last 10 days and of the last 10 weeks that have one. Returns the new backup's path.
    // In-memory collections: kInternal.
    Expected<std::filesystem::path, StorageError> BackupNow(std::int64_t now_unix_seconds);
    // Backs up when something changed since the last backup and the newest backup is at least
    // 30 minutes old (or there is none); returns the path when it did.
    Expected<std::optional<std::filesystem::path>, StorageError> MaybeBackup(
        std::int64_t now_unix_seconds);
    // Whether anything was written since this collection was opened or last backed up, except
    // a session that recorded no reviews (opening and closing the app is no change to back up).
    bool ChangedSinceBackup() const;
    // Whether MaybeBackup would back up at `now_unix_seconds` (changed, and the newest backup at
    // least 30 minutes old or none). Lists the backup folder. False for in-memory collections.
    bool BackupDue(std::int64_t now_unix_seconds) const;
    // For a backup made through another connection (OpenReader() on a worker thread: BackupNow
    // there copies what was committed when it began): the owner clears the mark as that backup
    // starts, so that only writes after that point mark the collection again, and sets it back
    // if the backup failed.
    void SetChangedSinceBackup(bool changed);

    // ---- Export ----

    // Writes the collection's active questions (anki-tsv) or its review log (revlog-csv).
    Expected<Ok, StorageError> Export(ExportFormat format, std::ostream& out);
    // The same into the file `out`: written to a new temporary file beside it (created exclusively,
    // never through a symlink), synced, then renamed over `out`, so a failed export leaves no half
    // file. `out` must be a new path or a regular file: a symlink, FIFO, device or folder is
    // refused with kIo and left alone.
    Expected<Ok, StorageError> ExportToFile(ExportFormat format, const std::filesystem::path& out);

  private:
    friend Expected<CheckReport, StorageError> CheckCollection(const std::filesystem::path& path,
                                                               const ReplayCheck& replay);
    struct Impl;
    explicit Collection(std::unique_ptr<Impl> impl);
    // ImportSource's work; `commit` false rolls it back (PreviewImportSource).
    Expected<SyncReport, StorageError> SyncSource(const content::Interview& interview,
                                                  const QuestionFeed& feed, bool commit);
    std::unique_ptr<Impl> impl_;
};

}  // namespace mondo::storage
