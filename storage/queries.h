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
// One source's statistics (Stats with one source chosen), as kReviewsPerDay, kRetentionPerDay
// and kDueForecast count them for the collection (?4 the source id): its questions by
// questions_by_source, then each question's reviews by reviews_by_question, or its cards by key.
#define MONDO_SOURCE_REVIEW_DAY                                                                   \
    "(r.time_ms / 1000 + ?3) / 86400 - (r.time_ms / 1000 + ?3 < 0 AND (r.time_ms / 1000 + ?3) % " \
    "86400 <> 0)"
inline constexpr const char* kReviewsPerDayOfSource =
    "SELECT " MONDO_SOURCE_REVIEW_DAY
    " AS day, sum(r.rating = 1), sum(r.rating = 2), "
    "sum(r.rating = 3), sum(r.rating = 4), sum(r.duration_ms) "
    "FROM questions q JOIN reviews r ON r.qid = q.qid WHERE q.source_id = ?4 "
    "AND r.time_ms >= (?1 * 86400 - ?3) * 1000 AND r.time_ms < ((?2 + 1) * 86400 - ?3) * 1000 "
    "GROUP BY day ORDER BY day";
inline constexpr const char* kRetentionPerDayOfSource =
    "SELECT " MONDO_SOURCE_REVIEW_DAY
    " AS day, "
    "sum(r.b_scheduled_days < 21 AND r.rating > 1), sum(r.b_scheduled_days < 21), "
    "sum(r.b_scheduled_days >= 21 AND r.rating > 1), sum(r.b_scheduled_days >= 21) "
    "FROM questions q JOIN reviews r ON r.qid = q.qid WHERE q.source_id = ?4 AND r.b_state = 2 "
    "AND r.time_ms >= (?1 * 86400 - ?3) * 1000 AND r.time_ms < ((?2 + 1) * 86400 - ?3) * 1000 "
    "GROUP BY day ORDER BY day";
inline constexpr const char* kDueForecastOfSource =
    "SELECT max(?1, (c.due + ?3) / 86400 - (c.due + ?3 < 0 AND (c.due + ?3) % 86400 <> 0)) AS day, "
    "count(*) FROM questions q JOIN cards c ON c.qid = q.qid "
    "WHERE q.source_id = ?4 AND q.retired = 0 AND c.state <> 0 AND c.suspended = 0 "
    "AND c.due < (?1 + ?2) * 86400 - ?3 GROUP BY day ORDER BY day";
#undef MONDO_SOURCE_REVIEW_DAY
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
inline constexpr const char* kInsertNewCard = "INSERT INTO cards(qid) VALUES (?1)";
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
inline constexpr const char* kNewItems = MONDO_STUDY_ITEM_SELECT
    "WHERE c.state = 0 AND c.suspended = 0 AND q.retired = 0 ORDER BY s.position, q.position LIMIT "
    "?1";
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
// ?1 from_day ?2 to_day ?3 day offset seconds. Days from the time index range: the WHERE works on
// time_ms so reviews_by_time serves it (a covering index).
inline constexpr const char* kReviewsPerDay =
    "SELECT (time_ms / 1000 + ?3) / 86400 - (time_ms / 1000 + ?3 < 0 AND (time_ms / 1000 + ?3) % "
    "86400 <> 0) "
    "AS day, sum(rating = 1), sum(rating = 2), sum(rating = 3), sum(rating = 4), sum(duration_ms) "
    "FROM reviews WHERE time_ms >= (?1 * 86400 - ?3) * 1000 AND time_ms < ((?2 + 1) * 86400 - ?3) "
    "* 1000 "
    "GROUP BY day ORDER BY day";
// The same from the quarter-hour buckets (exact when ?3 is a multiple of 900).
inline constexpr const char* kReviewsPerDayFromBuckets =
    "SELECT (bucket * 900 + ?3) / 86400 - (bucket * 900 + ?3 < 0 AND (bucket * 900 + ?3) % 86400 "
    "<> 0) AS day, "
    "sum(CASE WHEN rating = 1 THEN reviews ELSE 0 END), sum(CASE WHEN rating = 2 THEN reviews ELSE "
    "0 END), "
    "sum(CASE WHEN rating = 3 THEN reviews ELSE 0 END), sum(CASE WHEN rating = 4 THEN reviews ELSE "
    "0 END), "
    "sum(duration_ms) FROM review_buckets "
    "WHERE bucket >= (?1 * 86400 - ?3) / 900 AND bucket < ((?2 + 1) * 86400 - ?3) / 900 "
    "GROUP BY day ORDER BY day";
// ?1 from_day ?2 to_day ?3 day offset seconds: retention per day from the quarter-hour summary
// (exact when ?3 is a multiple of 900), or from the log itself.
inline constexpr const char* kRetentionPerDayFromBuckets =
    "SELECT (bucket * 900 + ?3) / 86400 - (bucket * 900 + ?3 < 0 AND (bucket * 900 + ?3) % 86400 "
    "<> 0) AS day, "
    "sum(CASE WHEN mature = 0 AND passed = 1 THEN reviews ELSE 0 END), "
    "sum(CASE WHEN mature = 0 THEN reviews ELSE 0 END), "
    "sum(CASE WHEN mature = 1 AND passed = 1 THEN reviews ELSE 0 END), "
    "sum(CASE WHEN mature = 1 THEN reviews ELSE 0 END) FROM review_retention "
    "WHERE bucket >= (?1 * 86400 - ?3) / 900 AND bucket < ((?2 + 1) * 86400 - ?3) / 900 "
    "GROUP BY day ORDER BY day";
inline constexpr const char* kRetentionPerDay =
    "SELECT (time_ms / 1000 + ?3) / 86400 - (time_ms / 1000 + ?3 < 0 AND (time_ms / 1000 + ?3) % "
    "86400 <> 0) AS day, "
    "sum(b_scheduled_days < 21 AND rating > 1), sum(b_scheduled_days < 21), "
    "sum(b_scheduled_days >= 21 AND rating > 1), sum(b_scheduled_days >= 21) FROM reviews "
    "WHERE b_state = 2 AND time_ms >= (?1 * 86400 - ?3) * 1000 "
    "AND time_ms < ((?2 + 1) * 86400 - ?3) * 1000 GROUP BY day ORDER BY day";
inline constexpr const char* kNextDue =
    "SELECT min(due) FROM cards WHERE state <> 0 AND suspended = 0 "
    "AND qid NOT IN (SELECT qid FROM questions INDEXED BY questions_retired WHERE retired <> 0)";
inline constexpr const char* kReviewsByStateAndRating =
    "SELECT b_state, rating, count(*) FROM reviews WHERE time_ms >= ?1 AND time_ms < ?2 "
    "GROUP BY b_state, rating ORDER BY b_state, rating";
// ?1 first day ?2 number of days ?3 day offset seconds.
inline constexpr const char* kDueForecast =
    "SELECT max(?1, (c.due + ?3) / 86400 - (c.due + ?3 < 0 AND (c.due + ?3) % 86400 <> 0)) AS day, "
    "count(*) FROM cards c "
    "WHERE c.state <> 0 AND c.suspended = 0 AND c.due < (?1 + ?2) * 86400 - ?3 "
    "AND c.qid NOT IN (SELECT qid FROM questions INDEXED BY questions_retired WHERE retired <> 0) "
    "GROUP BY day ORDER BY day";
// Progress per exchange (the one definition in collection.h). ?1 the end of today (unix seconds);
// mondo_recall(last_review, stability) is registered for the query (reviews.cpp). The inner query
// walks questions_by_exchange in order (no sort) and reads each card by its key.
#define MONDO_PROGRESS_SELECT(where)                                                             \
    "SELECT p.source_id, p.exchange, coalesce(e.section, 0), p.questions, p.seen, p.learned, "   \
    "p.mature, p.due, p.mastery_sum FROM (SELECT q.source_id AS source_id, "                     \
    "coalesce(q.exchange, 0) AS exchange, count(*) AS questions, sum(c.state <> 0) AS seen, "    \
    "sum(c.state = 2) AS learned, sum(c.state = 2 AND c.scheduled_days >= 21) AS mature, "       \
    "sum(c.state <> 0 AND c.due < ?1) AS due, "                                                  \
    "coalesce(sum(CASE WHEN c.state = 2 THEN mondo_recall(c.last_review, c.stability) END), 0) " \
    "AS mastery_sum FROM questions q INDEXED BY questions_by_exchange JOIN cards c ON c.qid = "  \
    "q.qid "                                                                                     \
    "WHERE q.retired = 0 AND c.suspended = 0 " where                                             \
    " GROUP BY q.source_id, q.exchange) AS p "                                                   \
    "JOIN sources s ON s.id = p.source_id "                                                      \
    "LEFT JOIN exchanges e ON e.source_id = p.source_id AND e.idx = p.exchange "                 \
    "ORDER BY s.position, p.exchange"
inline constexpr const char* kProgressByExchange = MONDO_PROGRESS_SELECT("");
inline constexpr const char* kProgressByExchangeOfSource =
    MONDO_PROGRESS_SELECT("AND q.source_id = ?2");

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
// Buckets that differ from the log they summarise (should be none).
inline constexpr const char* kBucketMismatches =
    "SELECT count(*) FROM (SELECT time_ms / 900000 - (time_ms < 0 AND time_ms % 900000 <> 0) AS b, "
    "rating, "
    "count(*) AS n, sum(duration_ms) AS d FROM reviews GROUP BY 1, 2) AS log "
    "FULL JOIN review_buckets rb ON rb.bucket = log.b AND rb.rating = log.rating "
    "WHERE log.n IS NOT rb.reviews OR log.d IS NOT rb.duration_ms";
// Retention summary rows that differ from the log they summarise (should be none).
inline constexpr const char* kRetentionMismatches =
    "SELECT count(*) FROM (SELECT time_ms / 900000 - (time_ms < 0 AND time_ms % 900000 <> 0) AS b, "
    "b_scheduled_days >= 21 AS mature, rating > 1 AS passed, count(*) AS n "
    "FROM reviews WHERE b_state = 2 GROUP BY 1, 2, 3) AS log "
    "FULL JOIN review_retention rr ON rr.bucket = log.b AND rr.mature = log.mature "
    "AND rr.passed = log.passed WHERE log.n IS NOT rr.reviews";
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
#undef MONDO_PROGRESS_SELECT
