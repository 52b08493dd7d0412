// Internal to mondo_storage: every SQL statement the collection runs (the schema itself is in
// schema.cpp). Parameters are always bound (?NNN), never formatted into the text.
//
// [SECTION] Open and pragmas
// [SECTION] Sources and documents
// [SECTION] Questions and import
// [SECTION] Cards and study items
// [SECTION] Review log
// [SECTION] Statistics
// [SECTION] Sessions and settings
// [SECTION] Check and export
#pragma once

namespace mondo::storage::detail::sql {

// [SECTION] Open and pragmas
inline constexpr const char* kApplicationId = "PRAGMA application_id";
inline constexpr const char* kUserVersion = "PRAGMA user_version";
inline constexpr const char* kCountSchemaObjects = "SELECT count(*) FROM sqlite_schema";
inline constexpr const char* kQuickCheck = "PRAGMA quick_check";
inline constexpr const char* kIntegrityCheck = "PRAGMA integrity_check";
inline constexpr const char* kJournalWal = "PRAGMA journal_mode=WAL";
inline constexpr const char* kJournalDelete = "PRAGMA journal_mode=DELETE";
// A 32 MB page cache: with SQLite's default (2 MB) every progress query re-reads the cards of a
// large collection from the file.
inline constexpr const char* kConnectionPragmas =
    "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=2000; "
    "PRAGMA cache_size=-32768;";
// user_version and application_id take no bound parameters; these are formatted from integers only.
inline constexpr const char* kSetUserVersionFormat =
    "PRAGMA user_version=%d; PRAGMA application_id=%d;";
inline constexpr const char* kForeignKeyCheck = "PRAGMA foreign_key_check";

// [SECTION] Sources and documents
inline constexpr const char* kSourceIds = "SELECT id FROM sources ORDER BY position";
inline constexpr const char* kSourceRecords =
    "SELECT id, title, custom_title, imported_at, added_at, retired_at, content_hash FROM sources "
    "ORDER BY position";
// The learner's own title (NULL: the parsed one) and retiring a source. A retired source's active
// questions are marked retired = 2 (see kRetireSourceQuestions), so every query that counts
// active questions (retired = 0) leaves them out without reading sources.
inline constexpr const char* kSetCustomTitle = "UPDATE sources SET custom_title = ?2 WHERE id = ?1";
inline constexpr const char* kSetSourceRetired = "UPDATE sources SET retired_at = ?2 WHERE id = ?1";
inline constexpr const char* kRetireSourceQuestions =
    "UPDATE questions SET retired = 2 WHERE source_id = ?1 AND retired = 0";
inline constexpr const char* kRestoreSourceQuestions =
    "UPDATE questions SET retired = 0 WHERE source_id = ?1 AND retired = 2";
inline constexpr const char* kSourceRetiredAt = "SELECT retired_at FROM sources WHERE id = ?1";
// The last answer to any question of each source (retired questions included), unix seconds.
inline constexpr const char* kLastReviewBySource =
    "SELECT q.source_id, max(c.last_review) FROM questions q JOIN cards c ON c.qid = q.qid "
    "WHERE c.last_review IS NOT NULL GROUP BY q.source_id";
inline constexpr const char* kSourceById =
    "SELECT position, title, content_hash, retired_at FROM sources WHERE id = ?1";
inline constexpr const char* kNextSourcePosition =
    "SELECT coalesce(max(position), -1) + 1 FROM sources";
// added_at is the first import's time: an update leaves it.
inline constexpr const char* kUpsertSource =
    "INSERT INTO sources(id, position, title, content_hash, imported_at, added_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?5) "
    "ON CONFLICT(id) DO UPDATE SET title = excluded.title, content_hash = excluded.content_hash, "
    "imported_at = excluded.imported_at";
inline constexpr const char* kDeleteParagraphs =
    "DELETE FROM source_paragraphs WHERE source_id = ?1";
inline constexpr const char* kDeleteRuby = "DELETE FROM ruby WHERE source_id = ?1";
inline constexpr const char* kDeleteSections = "DELETE FROM sections WHERE source_id = ?1";
inline constexpr const char* kDeleteExchanges = "DELETE FROM exchanges WHERE source_id = ?1";
inline constexpr const char* kDeleteNotes = "DELETE FROM exchange_notes WHERE source_id = ?1";
inline constexpr const char* kInsertParagraph =
    "INSERT INTO source_paragraphs(source_id, kind, position, text) VALUES (?1, ?2, ?3, ?4)";
inline constexpr const char* kInsertRuby =
    "INSERT INTO ruby(source_id, position, base, reading) VALUES (?1, ?2, ?3, ?4)";
inline constexpr const char* kInsertSection =
    "INSERT INTO sections(source_id, idx, title) VALUES (?1, ?2, ?3)";
inline constexpr const char* kInsertExchange =
    "INSERT INTO exchanges(source_id, idx, section, question, answer) VALUES (?1, ?2, ?3, ?4, ?5)";
inline constexpr const char* kInsertNote =
    "INSERT INTO exchange_notes(source_id, exchange, position, text) VALUES (?1, ?2, ?3, ?4)";
inline constexpr const char* kSelectParagraphs =
    "SELECT kind, text FROM source_paragraphs WHERE source_id = ?1 ORDER BY kind, position";
inline constexpr const char* kSelectRuby =
    "SELECT base, reading FROM ruby WHERE source_id = ?1 ORDER BY position";
inline constexpr const char* kSelectSections =
    "SELECT idx, title FROM sections WHERE source_id = ?1 ORDER BY idx";
inline constexpr const char* kSelectExchanges =
    "SELECT idx, section, question, answer FROM exchanges WHERE source_id = ?1 ORDER BY idx";
// The number of exchanges and the first one's question (a source's outline).
inline constexpr const char* kExchangeCount =
    "SELECT count(*), (SELECT question FROM exchanges WHERE source_id = ?1 ORDER BY idx LIMIT 1) "
    "FROM exchanges WHERE source_id = ?1";
inline constexpr const char* kSelectNotes =
    "SELECT exchange, text FROM exchange_notes WHERE source_id = ?1 ORDER BY exchange, position";

// [SECTION] Questions and import
inline constexpr const char* kQuestionIdsOfSource =
    "SELECT qid, id, retired FROM questions WHERE source_id = ?1";
inline constexpr const char* kQuestionByStableId =
    "SELECT qid, retired FROM questions WHERE id = ?1";
inline constexpr const char* kInsertQuestion =
    "INSERT INTO questions(id, source_id, position, kind, exchange, prompt, answer, choices, "
    "accept, "
    "context, retired) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
// ?11: 0 (active), or 2 when the source is retired (the question waits with its source).
inline constexpr const char* kUpdateQuestion =
    "UPDATE questions SET source_id = ?2, position = ?3, kind = ?4, exchange = ?5, prompt = ?6, "
    "answer = ?7, choices = ?8, accept = ?9, context = ?10, retired = ?11 WHERE qid = ?1";
inline constexpr const char* kRetireQuestion = "UPDATE questions SET retired = 1 WHERE qid = ?1";
// A new card for every question of source ?2 from qid ?1 on: the questions an import has just added
// (their qids are above those of every row that existed before them, and a card exists only with
// its question). Read from questions_by_source, not from the table's much larger pages.
inline constexpr const char* kInsertNewCardsFrom =
    "INSERT INTO cards(qid) SELECT qid FROM questions WHERE source_id = ?2 AND qid >= ?1";
inline constexpr const char* kQidOf = "SELECT qid FROM questions WHERE id = ?1";

// [SECTION] Cards and study items
// The columns of a card, in the order ReadCard expects.
#define MONDO_CARD_COLUMNS(p)                                                                   \
    p "state, " p "stability, " p "difficulty, " p "due, " p "step, " p "reps, " p "lapses, " p \
      "scheduled_days, " p "last_review"
// Study item: question columns 0..8, retired 9, card 10..18, suspended 19, flag 20, section 21,
// qid 22.
#define MONDO_STUDY_ITEM_SELECT \
    "SELECT q.id, q.kind, q.exchange, q.prompt, q.answer, q.choices, q.accept, q.context, "       \
    "q.source_id, q.retired, " MONDO_CARD_COLUMNS("c.") ", c.suspended, c.flag, coalesce(e.section, 0), c.qid " \
    "FROM questions q JOIN cards c ON c.qid = q.qid JOIN sources s ON s.id = q.source_id "        \
    "LEFT JOIN exchanges e ON e.source_id = q.source_id AND e.idx = q.exchange "
inline constexpr const char* kStudyItems =
    MONDO_STUDY_ITEM_SELECT "WHERE q.retired = 0 ORDER BY s.position, q.position";
inline constexpr const char* kAllItemsWithRetired =
    MONDO_STUDY_ITEM_SELECT "ORDER BY s.position, q.position";
inline constexpr const char* kStudyItemsOfSource =
    MONDO_STUDY_ITEM_SELECT "WHERE q.retired = 0 AND q.source_id = ?1 ORDER BY q.position";
// Due cards in the review state (?2: at most that many, the most overdue; -1: all), and due
// learning and relearning ones; both walk cards_active_due.
inline constexpr const char* kDueReviewItems = MONDO_STUDY_ITEM_SELECT
    "WHERE c.state <> 0 AND c.suspended = 0 AND c.state = 2 AND c.due < ?1 AND q.retired = 0 "
    "ORDER BY c.due LIMIT ?2";
inline constexpr const char* kDueLearningItems = MONDO_STUDY_ITEM_SELECT
    "WHERE c.state <> 0 AND c.suspended = 0 AND c.state <> 2 AND c.due < ?1 AND q.retired = 0 "
    "ORDER BY c.due";
// Due learning and relearning cards of one exchange (?2 source, ?3 exchange, NULL for the
// profile's questions): through questions_by_exchange, a handful of rows.
inline constexpr const char* kDueLearningItemsOfExchange = MONDO_STUDY_ITEM_SELECT
    "WHERE q.source_id = ?2 AND q.exchange IS ?3 AND q.retired = 0 AND c.state <> 0 "
    "AND c.suspended = 0 AND c.state <> 2 AND c.due < ?1";
// Today's learning cards a page at a time: after the cursor (?2 due, ?3 qid) in (due, qid) order,
// at most ?4; ?5 a source or '' for all. Walks cards_active_due in due order and sorts only the
// cards of equal due (USE TEMP B-TREE FOR RIGHT PART OF ORDER BY), so a page reads a page's rows.
inline constexpr const char* kDueLearningPage = MONDO_STUDY_ITEM_SELECT
    "WHERE c.state <> 0 AND c.suspended = 0 AND c.state <> 2 AND c.due < ?1 AND q.retired = 0 "
    "AND (c.due > ?2 OR (c.due = ?2 AND c.qid > ?3)) AND (?5 = '' OR q.source_id = ?5) "
    "ORDER BY c.due, c.qid LIMIT ?4";
// How many cards kDueLearningPage returns in all: the collection's from cards_active_due alone
// (covering), one source's through its questions.
inline constexpr const char* kCountDueLearning =
    "SELECT count(*) FROM cards WHERE state <> 0 AND suspended = 0 AND state <> 2 AND due < ?1 "
    "AND qid NOT IN (SELECT qid FROM questions INDEXED BY questions_retired WHERE retired <> 0)";
inline constexpr const char* kCountDueLearningOfSource =
    "SELECT count(*) FROM cards c JOIN questions q ON q.qid = c.qid WHERE c.state <> 0 "
    "AND c.suspended = 0 AND c.state <> 2 AND c.due < ?1 AND q.retired = 0 AND q.source_id = ?2";
// The first ?1 new questions in interview order (sources by position, then questions by
// position). Which plan reads less depends on how many cards are new (schema v7):
//   kNewCardsAtMost: counts the new cards, stopping at ?1 (covering cards_new);
//   kNewItemsOfFewNew: sorts the new cards alone (cards_new), each read once;
//   kNewItemsOfManyNew: walks every active question in interview order (sources_by_position,
//     then questions_by_source, covering) and stops at the ?1-th new one.
// Either picks the qids from indexes alone; only the chosen questions' rows are read.
//   kHighestCardQid: at least the number of cards (qids only grow; a deleted one leaves a gap).
inline constexpr const char* kNewCardsAtMost =
    "SELECT count(*) FROM (SELECT 1 FROM cards INDEXED BY cards_new WHERE state = 0 "
    "AND suspended = 0 LIMIT ?1)";
inline constexpr const char* kHighestCardQid = "SELECT coalesce(max(qid), 0) FROM cards";
inline constexpr const char* kNewItemsOfFewNew = MONDO_STUDY_ITEM_SELECT
    "WHERE q.qid IN (SELECT c2.qid FROM cards c2 INDEXED BY cards_new CROSS JOIN questions q2 "
    "CROSS JOIN sources s2 WHERE q2.qid = c2.qid AND s2.id = q2.source_id AND c2.state = 0 "
    "AND c2.suspended = 0 AND q2.retired = 0 ORDER BY s2.position, q2.position LIMIT ?1) "
    "ORDER BY s.position, q.position";
inline constexpr const char* kNewItemsOfManyNew = MONDO_STUDY_ITEM_SELECT
    "WHERE q.qid IN (SELECT q2.qid FROM sources s2 INDEXED BY sources_by_position CROSS JOIN "
    "questions q2 INDEXED BY questions_by_source CROSS JOIN cards c2 WHERE s2.id = q2.source_id "
    "AND q2.retired = 0 AND c2.qid = q2.qid AND c2.state = 0 AND c2.suspended = 0 "
    "ORDER BY s2.position, q2.position LIMIT ?1) ORDER BY s.position, q.position";
inline constexpr const char* kCardOf = "SELECT " MONDO_CARD_COLUMNS(
    "c.") " FROM cards c JOIN questions q ON q.qid = c.qid WHERE q.id = ?1";
inline constexpr const char* kUpdateCard =
    "UPDATE cards SET state = ?2, stability = ?3, difficulty = ?4, due = ?5, step = ?6, reps = ?7, "
    "lapses = ?8, scheduled_days = ?9, last_review = ?10 WHERE qid = ?1";
inline constexpr const char* kSetMemory =
    "UPDATE cards SET stability = ?2, difficulty = ?3 "
    "WHERE qid = (SELECT qid FROM questions WHERE id = ?1)";
inline constexpr const char* kSetSuspended =
    "UPDATE cards SET suspended = ?2 WHERE qid = (SELECT qid FROM questions WHERE id = ?1)";
inline constexpr const char* kSetFlag =
    "UPDATE cards SET flag = ?2 WHERE qid = (SELECT qid FROM questions WHERE id = ?1)";

// [SECTION] Review log
inline constexpr const char* kInsertReview =
    "INSERT INTO reviews(qid, time_ms, rating, answer_given, correct, elapsed_days, scheduled_days, "
    "duration_ms, session_id, " MONDO_CARD_COLUMNS("b_") ", " MONDO_CARD_COLUMNS("a_") ") VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
    "?22, ?23, ?24, ?25, ?26, ?27)";
// Review row: 0 id, 1 question id, 2 time_ms, 3 rating, 4 answer, 5 correct, 6 elapsed, 7
// scheduled, 8 duration, 9 session, 10..18 before, 19..27 after, 28 qid.
#define MONDO_REVIEW_SELECT \
    "SELECT r.id, q.id, r.time_ms, r.rating, r.answer_given, r.correct, r.elapsed_days, "       \
    "r.scheduled_days, r.duration_ms, r.session_id, " MONDO_CARD_COLUMNS("r.b_") ", "           \
    MONDO_CARD_COLUMNS("r.a_") ", r.qid FROM reviews r JOIN questions q ON q.qid = r.qid "
inline constexpr const char* kReviewLog = MONDO_REVIEW_SELECT "ORDER BY r.id";
inline constexpr const char* kReviewLogOf = MONDO_REVIEW_SELECT "WHERE q.id = ?1 ORDER BY r.id";
inline constexpr const char* kReviewById = MONDO_REVIEW_SELECT "WHERE r.id = ?1";
inline constexpr const char* kLatestReviewOf = "SELECT max(id) FROM reviews WHERE qid = ?1";
inline constexpr const char* kDeleteReview = "DELETE FROM reviews WHERE id = ?1";

// [SECTION] Statistics
// Both read only reviews_by_time (time_ms, rating, b_state, duration_ms) for the day's reviews: a
// question is introduced by the answer given while its card was new (b_state 0); the log rows of
// the few introduced ones are read for their question.
inline constexpr const char* kCountReviewsSince =
    "SELECT count(*), coalesce(sum(b_state = 2), 0), coalesce(sum(b_state = 0), 0) "
    "FROM reviews WHERE time_ms >= ?1";
inline constexpr const char* kQuestionsIntroducedSince =
    "SELECT DISTINCT q.id FROM reviews r JOIN questions q ON q.qid = r.qid "
    "WHERE r.time_ms >= ?1 AND r.b_state = 0 ORDER BY q.id";
// Day summaries (schema v5): review_days and due_days count days with summary_clock.day_offset.
inline constexpr const char* kSummaryDayOffset = "SELECT day_offset FROM summary_clock";
inline constexpr const char* kSetSummaryDayOffset = "UPDATE summary_clock SET day_offset = ?1";
inline constexpr const char* kClearReviewDays = "DELETE FROM review_days";
inline constexpr const char* kClearDueDays = "DELETE FROM due_days";
// The same as schema step 5's fill (a shipped step is frozen, so the text is repeated there).
inline constexpr const char* kFillReviewDays =
    "INSERT INTO review_days SELECT "
    "((r.time_ms / 1000) + k.day_offset) / 86400 - ((r.time_ms / 1000) + k.day_offset < 0 AND "
    "((r.time_ms / 1000) + k.day_offset) % 86400 <> 0)"
    ", q.source_id, sum(r.rating = 1), "
    "sum(r.rating = 2), sum(r.rating = 3), sum(r.rating = 4), sum(r.duration_ms), "
    "sum(r.b_state = 2 AND r.b_scheduled_days < 21 AND r.rating > 1), "
    "sum(r.b_state = 2 AND r.b_scheduled_days < 21), "
    "sum(r.b_state = 2 AND r.b_scheduled_days >= 21 AND r.rating > 1), "
    "sum(r.b_state = 2 AND r.b_scheduled_days >= 21) "
    "FROM reviews r JOIN questions q ON q.qid = r.qid, summary_clock k GROUP BY 1, 2";
inline constexpr const char* kFillDueDays =
    "INSERT INTO due_days SELECT "
    "((c.due) + k.day_offset) / 86400 - ((c.due) + k.day_offset < 0 AND "
    "((c.due) + k.day_offset) % 86400 <> 0)"
    ", q.source_id, count(*) "
    "FROM cards c JOIN questions q ON q.qid = c.qid, summary_clock k "
    "WHERE c.state <> 0 AND c.suspended = 0 AND q.retired = 0 GROUP BY 1, 2";
// ?1 from_day ?2 to_day ?3 source id (NULL: every source). A range of the primary key (day first).
inline constexpr const char* kReviewsPerDay =
    "SELECT day, sum(again), sum(hard), sum(good), sum(easy), sum(duration_ms) FROM review_days "
    "WHERE day >= ?1 AND day <= ?2 AND (?3 IS NULL OR source_id = ?3) GROUP BY day ORDER BY day";
inline constexpr const char* kRetentionPerDay =
    "SELECT day, sum(young_passed), sum(young_total), sum(mature_passed), sum(mature_total) "
    "FROM review_days WHERE day >= ?1 AND day <= ?2 AND (?3 IS NULL OR source_id = ?3) "
    "GROUP BY day HAVING sum(young_total) + sum(mature_total) > 0 ORDER BY day";
// ?1 first day ?2 number of days ?3 source id (NULL: every source); days before ?1 count on ?1.
inline constexpr const char* kDueForecast =
    "SELECT max(?1, day) AS first, sum(cards) FROM due_days "
    "WHERE day < ?1 + ?2 AND (?3 IS NULL OR source_id = ?3) GROUP BY first ORDER BY first";
inline constexpr const char* kNextDue =
    "SELECT min(due) FROM cards WHERE state <> 0 AND suspended = 0 "
    "AND qid NOT IN (SELECT qid FROM questions INDEXED BY questions_retired WHERE retired <> 0)";
inline constexpr const char* kReviewsByStateAndRating =
    "SELECT b_state, rating, count(*) FROM reviews WHERE time_ms >= ?1 AND time_ms < ?2 "
    "GROUP BY b_state, rating ORDER BY b_state, rating";
// Progress per exchange (the one definition in collection.h, schema v6): what does not change with
// the day (counts) and each seen card's due time and memory, kept for the exchanges that
// progress_stale lists (triggers) by a refill; the day's due count and mastery are computed from
// those at each read.
inline constexpr const char* kAnyProgressStale = "SELECT EXISTS (SELECT 1 FROM progress_stale)";
inline constexpr const char* kProgressStale =
    "SELECT source_id, exchange FROM progress_stale ORDER BY source_id, exchange";
inline constexpr const char* kClearProgressStale = "DELETE FROM progress_stale";
inline constexpr const char* kDeleteExchangeProgressOfSource =
    "DELETE FROM exchange_progress WHERE source_id = ?1";
inline constexpr const char* kDeleteExchangeProgressRow =
    "DELETE FROM exchange_progress WHERE source_id = ?1 AND exchange = ?2";
// The counted questions (active, unsuspended) of a source with their cards, by exchange (NULL,
// the profile questions, first) and question: walks questions_by_exchange (sorting only the
// questions of one exchange by qid) and reads each card by its key. Of one exchange: ?2 (IS: NULL
// for the profile questions).
#define MONDO_COUNTED_CARDS(where)                                                     \
    "SELECT q.exchange, c.state, c.due, c.last_review, c.stability, c.scheduled_days " \
    "FROM questions q INDEXED BY questions_by_exchange JOIN cards c ON c.qid = q.qid " \
    "WHERE q.retired = 0 AND c.suspended = 0 AND q.source_id = ?1 " where              \
    " ORDER BY "                                                                       \
    "q.exchange, q.qid"
inline constexpr const char* kCountedCardsOfSource = MONDO_COUNTED_CARDS("");
inline constexpr const char* kCountedCardsOfExchange = MONDO_COUNTED_CARDS("AND q.exchange IS ?2");
inline constexpr const char* kSectionOfExchange =
    "SELECT section FROM exchanges WHERE source_id = ?1 AND idx = ?2";
inline constexpr const char* kInsertExchangeProgress =
    "INSERT INTO exchange_progress(source_id, exchange, section, questions, seen, learned, "
    "mature, cards) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
// A source's row: the sums of its exchanges' rows and their `cards`, each prefixed by its length.
inline constexpr const char* kExchangeRowsOfSource =
    "SELECT questions, seen, learned, mature, cards FROM exchange_progress WHERE source_id = ?1 "
    "ORDER BY exchange";
inline constexpr const char* kDeleteSourceProgressRow =
    "DELETE FROM source_progress WHERE source_id = ?1";
inline constexpr const char* kInsertSourceProgress =
    "INSERT INTO source_progress(source_id, questions, seen, learned, mature, cards) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
inline constexpr const char* kSourceProgress =
    "SELECT source_id, 0, 0, questions, seen, learned, mature, cards FROM source_progress";
#define MONDO_PROGRESS_COLUMNS \
    "p.source_id, p.exchange, p.section, p.questions, p.seen, p.learned, p.mature, p.cards "
// One source's exchanges: a range of the key, no sort.
inline constexpr const char* kExchangeProgressOfSource =
    "SELECT " MONDO_PROGRESS_COLUMNS
    "FROM exchange_progress p WHERE p.source_id = ?1 ORDER BY p.exchange";

// [SECTION] Sessions and settings
inline constexpr const char* kInsertSession = "INSERT INTO sessions(started_at) VALUES (?1)";
inline constexpr const char* kEndSession =
    "UPDATE sessions SET ended_at = ?2, reviews = ?3, studied_ms = ?4 WHERE id = ?1";
inline constexpr const char* kSessions =
    "SELECT id, started_at, ended_at, reviews, studied_ms FROM sessions "
    "WHERE started_at >= ?1 AND started_at < ?2 ORDER BY started_at, id";
inline constexpr const char* kAllSettings = "SELECT key, value FROM settings ORDER BY key";
inline constexpr const char* kGetSetting = "SELECT value FROM settings WHERE key = ?1";
inline constexpr const char* kPutSetting =
    "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = "
    "excluded.value";

// [SECTION] Check and export
inline constexpr const char* kOrphanReviews =
    "SELECT r.id, r.qid FROM reviews r LEFT JOIN questions q ON q.qid = r.qid WHERE q.qid IS NULL";
inline constexpr const char* kQuestionsWithoutCard =
    "SELECT q.id FROM questions q LEFT JOIN cards c ON c.qid = q.qid WHERE c.qid IS NULL";
// Per question with a card: id, reps, last_review, state, log count, last log time_ms, last log
// state_after (the last row by id).
inline constexpr const char* kCardLogSummary =
    "SELECT q.id, c.reps, c.last_review, c.state, "
    "(SELECT count(*) FROM reviews r WHERE r.qid = q.qid), "
    "(SELECT r.time_ms FROM reviews r WHERE r.qid = q.qid ORDER BY r.id DESC LIMIT 1), "
    "(SELECT r.a_state FROM reviews r WHERE r.qid = q.qid ORDER BY r.id DESC LIMIT 1), "
    "c.stability, c.difficulty, c.due, c.lapses, "
    "(SELECT r.a_stability FROM reviews r WHERE r.qid = q.qid ORDER BY r.id DESC LIMIT 1), "
    "(SELECT r.a_difficulty FROM reviews r WHERE r.qid = q.qid ORDER BY r.id DESC LIMIT 1), "
    "(SELECT r.a_due FROM reviews r WHERE r.qid = q.qid ORDER BY r.id DESC LIMIT 1), "
    "(SELECT r.a_lapses FROM reviews r WHERE r.qid = q.qid ORDER BY r.id DESC LIMIT 1) "
    "FROM questions q JOIN cards c ON c.qid = q.qid ORDER BY q.qid";
// Day summary rows that differ from the log or the cards they summarise (should be none); 0 when
// the summaries wait for a rebuild (day_offset NULL).
inline constexpr const char* kReviewDayMismatches =
    "SELECT count(*) FROM (SELECT "
    "((r.time_ms / 1000) + k.day_offset) / 86400 - ((r.time_ms / 1000) + k.day_offset < 0 AND "
    "((r.time_ms / 1000) + k.day_offset) % 86400 <> 0)"
    " AS day, q.source_id AS source_id, "
    "sum(r.rating = 1) AS a, sum(r.rating = 2) AS h, sum(r.rating = 3) AS g, "
    "sum(r.rating = 4) AS e, sum(r.duration_ms) AS d, "
    "sum(r.b_state = 2 AND r.b_scheduled_days < 21 AND r.rating > 1) AS yp, "
    "sum(r.b_state = 2 AND r.b_scheduled_days < 21) AS yt, "
    "sum(r.b_state = 2 AND r.b_scheduled_days >= 21 AND r.rating > 1) AS mp, "
    "sum(r.b_state = 2 AND r.b_scheduled_days >= 21) AS mt "
    "FROM reviews r JOIN questions q ON q.qid = r.qid, summary_clock k "
    "WHERE k.day_offset IS NOT NULL GROUP BY 1, 2) AS log "
    "FULL JOIN (SELECT * FROM review_days WHERE (SELECT day_offset FROM summary_clock) IS NOT NULL)"
    " rd ON rd.day = log.day AND rd.source_id = log.source_id "
    "WHERE log.a IS NOT rd.again OR log.h IS NOT rd.hard OR log.g IS NOT rd.good "
    "OR log.e IS NOT rd.easy OR log.d IS NOT rd.duration_ms OR log.yp IS NOT rd.young_passed "
    "OR log.yt IS NOT rd.young_total OR log.mp IS NOT rd.mature_passed "
    "OR log.mt IS NOT rd.mature_total";
inline constexpr const char* kDueDayMismatches =
    "SELECT count(*) FROM (SELECT "
    "((c.due) + k.day_offset) / 86400 - ((c.due) + k.day_offset < 0 AND "
    "((c.due) + k.day_offset) % 86400 <> 0)"
    " AS day, q.source_id AS source_id, count(*) AS n "
    "FROM cards c JOIN questions q ON q.qid = c.qid, summary_clock k "
    "WHERE k.day_offset IS NOT NULL AND c.state <> 0 AND c.suspended = 0 AND q.retired = 0 "
    "GROUP BY 1, 2) AS now "
    "FULL JOIN (SELECT * FROM due_days WHERE (SELECT day_offset FROM summary_clock) IS NOT NULL) "
    "dd ON dd.day = now.day AND dd.source_id = now.source_id WHERE now.n IS NOT dd.cards";
// Questions whose retired mark disagrees with their source's (2 exactly in retired sources).
inline constexpr const char* kRetiredSourceMismatches =
    "SELECT q.id, q.retired FROM questions q JOIN sources s ON s.id = q.source_id "
    "WHERE (q.retired = 2 AND s.retired_at IS NULL) OR (q.retired = 0 AND s.retired_at IS NOT "
    "NULL) ORDER BY q.qid";
inline constexpr const char* kCountQuestions = "SELECT count(*) FROM questions";
inline constexpr const char* kCountReviews = "SELECT count(*) FROM reviews";
inline constexpr const char* kExportQuestions =
    "SELECT q.id, q.kind, q.prompt, q.answer, q.choices, q.context, s.title, coalesce(q.exchange, "
    "0) "
    "FROM questions q JOIN sources s ON s.id = q.source_id WHERE q.retired = 0 "
    "ORDER BY s.position, q.position";
inline constexpr const char* kExportRevlog =
    "SELECT qid, rating, time_ms, duration_ms FROM reviews ORDER BY id";

}  // namespace mondo::storage::detail::sql

#undef MONDO_CARD_COLUMNS
#undef MONDO_STUDY_ITEM_SELECT
#undef MONDO_REVIEW_SELECT
#undef MONDO_PROGRESS_COLUMNS
#undef MONDO_COUNTED_CARDS
