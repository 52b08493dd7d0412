// The schema of a mondo collection, as a ladder of numbered steps (see schema.h).
#include "storage/schema.h"

namespace mondo::storage::detail {
namespace {

// Version 1: the documents and their questions.
constexpr const char* kStep1 = R"sql(
CREATE TABLE sources (
    id           TEXT PRIMARY KEY NOT NULL,
    position     INTEGER NOT NULL,          -- import order
    title        TEXT NOT NULL,
    content_hash TEXT NOT NULL,             -- of everything imported; equal hash = nothing to do
    imported_at  INTEGER NOT NULL           -- unix seconds of the last import that changed it
);
CREATE TABLE source_paragraphs (
    source_id TEXT NOT NULL REFERENCES sources(id),
    kind      INTEGER NOT NULL,             -- 0 intro, 1 profile
    position  INTEGER NOT NULL,
    text      TEXT NOT NULL,
    PRIMARY KEY (source_id, kind, position)
) WITHOUT ROWID;
CREATE TABLE ruby (
    source_id TEXT NOT NULL REFERENCES sources(id),
    position  INTEGER NOT NULL,
    base      TEXT NOT NULL,
    reading   TEXT NOT NULL,
    PRIMARY KEY (source_id, position)
) WITHOUT ROWID;
CREATE TABLE sections (
    source_id TEXT NOT NULL REFERENCES sources(id),
    idx       INTEGER NOT NULL,
    title     TEXT NOT NULL,
    PRIMARY KEY (source_id, idx)
) WITHOUT ROWID;
CREATE TABLE exchanges (
    source_id TEXT NOT NULL REFERENCES sources(id),
    idx       INTEGER NOT NULL,
    section   INTEGER NOT NULL,
    question  TEXT NOT NULL,
    answer    TEXT NOT NULL,
    PRIMARY KEY (source_id, idx)
) WITHOUT ROWID;
CREATE TABLE exchange_notes (
    source_id TEXT NOT NULL REFERENCES sources(id),
    exchange  INTEGER NOT NULL,
    position  INTEGER NOT NULL,
    text      TEXT NOT NULL,
    PRIMARY KEY (source_id, exchange, position)
) WITHOUT ROWID;
CREATE TABLE questions (
    qid       INTEGER PRIMARY KEY,          -- compact key for cards and the review log
    id        TEXT NOT NULL UNIQUE,         -- the stable id from content::GenerateQuestions
    source_id TEXT NOT NULL REFERENCES sources(id),
    position  INTEGER NOT NULL,             -- order within the source
    kind      TEXT NOT NULL,
    exchange  INTEGER,                      -- NULL for profile questions
    prompt    TEXT NOT NULL,
    answer    TEXT NOT NULL,
    choices   BLOB NOT NULL,                -- length-prefixed list, see EncodeList
    accept    BLOB NOT NULL,
    context   TEXT NOT NULL,
    retired   INTEGER NOT NULL DEFAULT 0    -- 1: gone from the source; kept with its history
);
CREATE INDEX questions_by_source ON questions(source_id, retired, position);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Version 2: scheduling state, the review log, sessions.
constexpr const char* kStep2 = R"sql(
CREATE TABLE cards (
    qid            INTEGER PRIMARY KEY REFERENCES questions(qid),
    state          INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
    stability      REAL NOT NULL DEFAULT 0,
    difficulty     REAL NOT NULL DEFAULT 0,
    due            INTEGER NOT NULL DEFAULT 0,
    step           INTEGER NOT NULL DEFAULT 0,
    reps           INTEGER NOT NULL DEFAULT 0,
    lapses         INTEGER NOT NULL DEFAULT 0,
    scheduled_days INTEGER NOT NULL DEFAULT 0,
    last_review    INTEGER,
    suspended      INTEGER NOT NULL DEFAULT 0,
    flag           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cards_due ON cards(due) WHERE state <> 0;
INSERT INTO cards(qid) SELECT qid FROM questions;
CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY,
    started_at INTEGER NOT NULL,
    ended_at   INTEGER,
    reviews    INTEGER NOT NULL DEFAULT 0,
    studied_ms INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE reviews (
    id             INTEGER PRIMARY KEY,
    qid            INTEGER NOT NULL REFERENCES questions(qid),
    time_ms        INTEGER NOT NULL,
    rating         INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    answer_given   TEXT NOT NULL,
    correct        INTEGER,
    elapsed_days   INTEGER NOT NULL,
    scheduled_days INTEGER NOT NULL,
    duration_ms    INTEGER NOT NULL,
    session_id     INTEGER REFERENCES sessions(id),
    b_state INTEGER NOT NULL, b_stability REAL NOT NULL, b_difficulty REAL NOT NULL,
    b_due INTEGER NOT NULL, b_step INTEGER NOT NULL, b_reps INTEGER NOT NULL,
    b_lapses INTEGER NOT NULL, b_scheduled_days INTEGER NOT NULL, b_last_review INTEGER,
    a_state INTEGER NOT NULL, a_stability REAL NOT NULL, a_difficulty REAL NOT NULL,
    a_due INTEGER NOT NULL, a_step INTEGER NOT NULL, a_reps INTEGER NOT NULL,
    a_lapses INTEGER NOT NULL, a_scheduled_days INTEGER NOT NULL, a_last_review INTEGER
);
CREATE INDEX reviews_by_question ON reviews(qid, id);
CREATE INDEX reviews_by_time ON reviews(time_ms, rating, b_state, duration_ms);
CREATE TRIGGER reviews_append_only BEFORE UPDATE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'the review log is append-only');
END;
)sql";

// Version 3: review counts and time per quarter hour (UTC) and rating, kept by triggers, so the
// statistics per day read thousands of rows instead of the whole log; any day start and time zone
// whose offset is a multiple of 15 minutes maps onto these buckets.
constexpr const char* kStep3 = R"sql(
CREATE TABLE review_buckets (
    bucket      INTEGER NOT NULL,
    rating      INTEGER NOT NULL,
    reviews     INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    PRIMARY KEY (bucket, rating)
) WITHOUT ROWID;
INSERT INTO review_buckets
    SELECT time_ms / 900000 - (time_ms < 0 AND time_ms % 900000 <> 0), rating, count(*), sum(duration_ms)
    FROM reviews GROUP BY 1, 2;
CREATE TRIGGER reviews_bucket_insert AFTER INSERT ON reviews
BEGIN
    INSERT INTO review_buckets
        VALUES (new.time_ms / 900000 - (new.time_ms < 0 AND new.time_ms % 900000 <> 0), new.rating, 1, new.duration_ms)
        ON CONFLICT(bucket, rating) DO UPDATE
        SET reviews = reviews + 1, duration_ms = duration_ms + excluded.duration_ms;
END;
CREATE TRIGGER reviews_bucket_delete AFTER DELETE ON reviews
BEGIN
    UPDATE review_buckets SET reviews = reviews - 1, duration_ms = duration_ms - old.duration_ms
        WHERE bucket = old.time_ms / 900000 - (old.time_ms < 0 AND old.time_ms % 900000 <> 0)
          AND rating = old.rating;
    DELETE FROM review_buckets
        WHERE bucket = old.time_ms / 900000 - (old.time_ms < 0 AND old.time_ms % 900000 <> 0)
          AND rating = old.rating AND reviews <= 0;
END;
)sql";

// Version 4: the Library's columns on sources; indexes and a trigger-kept summary so that today's
// due cards, the due forecast, progress per exchange and true retention read only what they need
// (see the one definition of learned, mastery and due in collection.h).
//   cards_active_due: non-new, unsuspended cards by due time (a covering index for the due count
//     and the forecast, and the order of today's queue); replaces v2's cards_due. SQLite (3.40)
//     reads the table for a column named in a partial index's WHERE unless the index holds it:
//     state and suspended are columns here, retired in questions_by_exchange, for that reason.
//   questions_retired: the few retired questions, so card-side queries exclude them without
//     reading every question row.
//   questions_by_exchange: active questions by source and exchange (covering: qid is the rowid;
//     queries name it, so that it wins over questions_by_source without ANALYZE), the grouping
//     of progress per exchange.
//   review_retention: reviews per quarter hour (UTC) of cards that were in the review state, by
//     mature (scheduled interval of 21 days or more before the review) and passed (rating > 1),
//     kept by triggers like v3's review_buckets.
constexpr const char* kStep4 = R"sql(
ALTER TABLE sources ADD COLUMN added_at INTEGER NOT NULL DEFAULT 0;
UPDATE sources SET added_at = imported_at;
ALTER TABLE sources ADD COLUMN retired_at INTEGER;
ALTER TABLE sources ADD COLUMN custom_title TEXT;
DROP INDEX cards_due;
CREATE INDEX cards_active_due ON cards(due, state, suspended) WHERE state <> 0 AND suspended = 0;
CREATE INDEX questions_retired ON questions(qid) WHERE retired <> 0;
CREATE INDEX questions_by_exchange ON questions(source_id, exchange, retired) WHERE retired = 0;
CREATE TABLE review_retention (
    bucket  INTEGER NOT NULL,
    mature  INTEGER NOT NULL,
    passed  INTEGER NOT NULL,
    reviews INTEGER NOT NULL,
    PRIMARY KEY (bucket, mature, passed)
) WITHOUT ROWID;
INSERT INTO review_retention
    SELECT time_ms / 900000 - (time_ms < 0 AND time_ms % 900000 <> 0), b_scheduled_days >= 21,
           rating > 1, count(*)
    FROM reviews WHERE b_state = 2 GROUP BY 1, 2, 3;
CREATE TRIGGER reviews_retention_insert AFTER INSERT ON reviews WHEN new.b_state = 2
BEGIN
    INSERT INTO review_retention
        VALUES (new.time_ms / 900000 - (new.time_ms < 0 AND new.time_ms % 900000 <> 0),
                new.b_scheduled_days >= 21, new.rating > 1, 1)
        ON CONFLICT(bucket, mature, passed) DO UPDATE SET reviews = reviews + 1;
END;
CREATE TRIGGER reviews_retention_delete AFTER DELETE ON reviews WHEN old.b_state = 2
BEGIN
    UPDATE review_retention SET reviews = reviews - 1
        WHERE bucket = old.time_ms / 900000 - (old.time_ms < 0 AND old.time_ms % 900000 <> 0)
          AND mature = (old.b_scheduled_days >= 21) AND passed = (old.rating > 1);
    DELETE FROM review_retention
        WHERE bucket = old.time_ms / 900000 - (old.time_ms < 0 AND old.time_ms % 900000 <> 0)
          AND mature = (old.b_scheduled_days >= 21) AND passed = (old.rating > 1) AND reviews <= 0;
END;
)sql";

// Version 5: summaries that make every statistic read what it shows, not the log or every card
// (issue 13). Days are the collection's days: floor((unix seconds + summary_clock.day_offset) /
// 86400), the offset the app last asked for (local UTC offset - day start hour x 3600); a new
// offset rebuilds the per-day tables (Collection::UseDayOffset). NULL: to rebuild (set when a
// question moves to another source).
//   review_days: reviews per day and source by rating, time studied, and true retention (reviews
//     of cards in the review state, young / mature by the interval scheduled before, passed:
//     rating > 1); kept by triggers on the log. Replaces v3's review_buckets and v4's
//     review_retention (a year is 365 rows per source, not 35,000 quarter hours).
//   due_days: counted cards (not new, unsuspended, question active) per due day and source,
//     kept by triggers on cards and questions: the due forecast and today's due count.
//   exchange_progress, source_progress: progress per exchange and per source (the one definition
//     in collection.h) as of summary_clock's progress_day / progress_offset / progress_decay;
//     due and mastery change with the day, so they are a cache: triggers list the exchanges
//     whose cards or questions changed in progress_stale (exchange -1: the whole source, marked
//     when an import changes it) and the next read recomputes those, or everything on a new day.
constexpr const char* kStep5 = R"sql(
DROP TRIGGER reviews_bucket_insert;
DROP TRIGGER reviews_bucket_delete;
DROP TABLE review_buckets;
DROP TRIGGER reviews_retention_insert;
DROP TRIGGER reviews_retention_delete;
DROP TABLE review_retention;
CREATE TABLE summary_clock (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    day_offset      INTEGER,
    progress_day    INTEGER,
    progress_offset INTEGER,
    progress_decay  REAL
);
INSERT INTO summary_clock(id, day_offset) VALUES (1, 0);
CREATE TABLE review_days (
    day           INTEGER NOT NULL,
    source_id     TEXT NOT NULL,
    again         INTEGER NOT NULL,
    hard          INTEGER NOT NULL,
    good          INTEGER NOT NULL,
    easy          INTEGER NOT NULL,
    duration_ms   INTEGER NOT NULL,
    young_passed  INTEGER NOT NULL,
    young_total   INTEGER NOT NULL,
    mature_passed INTEGER NOT NULL,
    mature_total  INTEGER NOT NULL,
    PRIMARY KEY (day, source_id)
) WITHOUT ROWID;
INSERT INTO review_days
    SELECT ((r.time_ms / 1000) + k.day_offset) / 86400 - ((r.time_ms / 1000) + k.day_offset < 0 AND ((r.time_ms / 1000) + k.day_offset) % 86400 <> 0), q.source_id, sum(r.rating = 1), sum(r.rating = 2), sum(r.rating = 3),
           sum(r.rating = 4), sum(r.duration_ms),
           sum(r.b_state = 2 AND r.b_scheduled_days < 21 AND r.rating > 1),
           sum(r.b_state = 2 AND r.b_scheduled_days < 21),
           sum(r.b_state = 2 AND r.b_scheduled_days >= 21 AND r.rating > 1),
           sum(r.b_state = 2 AND r.b_scheduled_days >= 21)
    FROM reviews r JOIN questions q ON q.qid = r.qid, summary_clock k GROUP BY 1, 2;
CREATE TRIGGER reviews_day_insert AFTER INSERT ON reviews
WHEN (SELECT day_offset FROM summary_clock) IS NOT NULL
BEGIN
    INSERT INTO review_days
        SELECT ((new.time_ms / 1000) + k.day_offset) / 86400 - ((new.time_ms / 1000) + k.day_offset < 0 AND ((new.time_ms / 1000) + k.day_offset) % 86400 <> 0), q.source_id, new.rating = 1, new.rating = 2, new.rating = 3,
               new.rating = 4, new.duration_ms,
               new.b_state = 2 AND new.b_scheduled_days < 21 AND new.rating > 1,
               new.b_state = 2 AND new.b_scheduled_days < 21,
               new.b_state = 2 AND new.b_scheduled_days >= 21 AND new.rating > 1,
               new.b_state = 2 AND new.b_scheduled_days >= 21
        FROM questions q, summary_clock k WHERE q.qid = new.qid
        ON CONFLICT(day, source_id) DO UPDATE SET again = again + excluded.again,
            hard = hard + excluded.hard, good = good + excluded.good, easy = easy + excluded.easy,
            duration_ms = duration_ms + excluded.duration_ms,
            young_passed = young_passed + excluded.young_passed,
            young_total = young_total + excluded.young_total,
            mature_passed = mature_passed + excluded.mature_passed,
            mature_total = mature_total + excluded.mature_total;
END;
CREATE TRIGGER reviews_day_delete AFTER DELETE ON reviews
WHEN (SELECT day_offset FROM summary_clock) IS NOT NULL
BEGIN
    UPDATE review_days SET again = again - (old.rating = 1), hard = hard - (old.rating = 2),
            good = good - (old.rating = 3), easy = easy - (old.rating = 4),
            duration_ms = duration_ms - old.duration_ms,
            young_passed = young_passed - (old.b_state = 2 AND old.b_scheduled_days < 21 AND old.rating > 1),
            young_total = young_total - (old.b_state = 2 AND old.b_scheduled_days < 21),
            mature_passed = mature_passed - (old.b_state = 2 AND old.b_scheduled_days >= 21 AND old.rating > 1),
            mature_total = mature_total - (old.b_state = 2 AND old.b_scheduled_days >= 21)
        WHERE day = (SELECT ((old.time_ms / 1000) + k.day_offset) / 86400 - ((old.time_ms / 1000) + k.day_offset < 0 AND ((old.time_ms / 1000) + k.day_offset) % 86400 <> 0) FROM summary_clock k)
          AND source_id = (SELECT source_id FROM questions WHERE qid = old.qid);
    DELETE FROM review_days
        WHERE day = (SELECT ((old.time_ms / 1000) + k.day_offset) / 86400 - ((old.time_ms / 1000) + k.day_offset < 0 AND ((old.time_ms / 1000) + k.day_offset) % 86400 <> 0) FROM summary_clock k) AND again + hard + good + easy <= 0;
END;
CREATE TABLE due_days (
    day       INTEGER NOT NULL,
    source_id TEXT NOT NULL,
    cards     INTEGER NOT NULL,
    PRIMARY KEY (day, source_id)
) WITHOUT ROWID;
INSERT INTO due_days
    SELECT ((c.due) + k.day_offset) / 86400 - ((c.due) + k.day_offset < 0 AND ((c.due) + k.day_offset) % 86400 <> 0), q.source_id, count(*)
    FROM cards c JOIN questions q ON q.qid = c.qid, summary_clock k
    WHERE c.state <> 0 AND c.suspended = 0 AND q.retired = 0 GROUP BY 1, 2;
CREATE TRIGGER cards_due_update AFTER UPDATE OF state, due, suspended ON cards
WHEN (SELECT day_offset FROM summary_clock) IS NOT NULL
 AND (old.due IS NOT new.due OR (old.state <> 0) IS NOT (new.state <> 0)
      OR old.suspended IS NOT new.suspended)
BEGIN
    UPDATE due_days SET cards = cards - 1
        WHERE old.state <> 0 AND old.suspended = 0
          AND day = (SELECT ((old.due) + k.day_offset) / 86400 - ((old.due) + k.day_offset < 0 AND ((old.due) + k.day_offset) % 86400 <> 0) FROM summary_clock k)
          AND source_id = (SELECT source_id FROM questions WHERE qid = old.qid AND retired = 0);
    DELETE FROM due_days WHERE day = (SELECT ((old.due) + k.day_offset) / 86400 - ((old.due) + k.day_offset < 0 AND ((old.due) + k.day_offset) % 86400 <> 0) FROM summary_clock k) AND cards <= 0;
    INSERT INTO due_days
        SELECT ((new.due) + k.day_offset) / 86400 - ((new.due) + k.day_offset < 0 AND ((new.due) + k.day_offset) % 86400 <> 0), q.source_id, 1 FROM questions q, summary_clock k
        WHERE q.qid = new.qid AND q.retired = 0 AND new.state <> 0 AND new.suspended = 0
        ON CONFLICT(day, source_id) DO UPDATE SET cards = cards + 1;
END;
CREATE TRIGGER cards_due_insert AFTER INSERT ON cards
WHEN new.state <> 0 AND new.suspended = 0 AND (SELECT day_offset FROM summary_clock) IS NOT NULL
BEGIN
    INSERT INTO due_days
        SELECT ((new.due) + k.day_offset) / 86400 - ((new.due) + k.day_offset < 0 AND ((new.due) + k.day_offset) % 86400 <> 0), q.source_id, 1 FROM questions q, summary_clock k
        WHERE q.qid = new.qid AND q.retired = 0
        ON CONFLICT(day, source_id) DO UPDATE SET cards = cards + 1;
END;
CREATE TRIGGER cards_due_delete AFTER DELETE ON cards
WHEN old.state <> 0 AND old.suspended = 0 AND (SELECT day_offset FROM summary_clock) IS NOT NULL
BEGIN
    UPDATE due_days SET cards = cards - 1
        WHERE day = (SELECT ((old.due) + k.day_offset) / 86400 - ((old.due) + k.day_offset < 0 AND ((old.due) + k.day_offset) % 86400 <> 0) FROM summary_clock k)
          AND source_id = (SELECT source_id FROM questions WHERE qid = old.qid AND retired = 0);
    DELETE FROM due_days WHERE day = (SELECT ((old.due) + k.day_offset) / 86400 - ((old.due) + k.day_offset < 0 AND ((old.due) + k.day_offset) % 86400 <> 0) FROM summary_clock k) AND cards <= 0;
END;
CREATE TRIGGER questions_due_retired AFTER UPDATE OF retired ON questions
WHEN (old.retired = 0) IS NOT (new.retired = 0) AND (SELECT day_offset FROM summary_clock) IS NOT NULL
BEGIN
    UPDATE due_days SET cards = cards - 1
        WHERE old.retired = 0 AND source_id = old.source_id
          AND day = (SELECT ((c.due) + k.day_offset) / 86400 - ((c.due) + k.day_offset < 0 AND ((c.due) + k.day_offset) % 86400 <> 0) FROM cards c, summary_clock k
                     WHERE c.qid = old.qid AND c.state <> 0 AND c.suspended = 0);
    DELETE FROM due_days WHERE cards <= 0 AND source_id = old.source_id
          AND day = (SELECT ((c.due) + k.day_offset) / 86400 - ((c.due) + k.day_offset < 0 AND ((c.due) + k.day_offset) % 86400 <> 0) FROM cards c, summary_clock k WHERE c.qid = old.qid);
    INSERT INTO due_days
        SELECT ((c.due) + k.day_offset) / 86400 - ((c.due) + k.day_offset < 0 AND ((c.due) + k.day_offset) % 86400 <> 0), new.source_id, 1 FROM cards c, summary_clock k
        WHERE c.qid = new.qid AND new.retired = 0 AND c.state <> 0 AND c.suspended = 0
        ON CONFLICT(day, source_id) DO UPDATE SET cards = cards + 1;
END;
CREATE TRIGGER questions_summaries_moved AFTER UPDATE OF source_id ON questions
WHEN old.source_id IS NOT new.source_id
BEGIN
    UPDATE summary_clock SET day_offset = NULL;
END;
CREATE TABLE exchange_progress (
    source_id   TEXT NOT NULL,
    exchange    INTEGER NOT NULL,
    section     INTEGER NOT NULL,
    questions   INTEGER NOT NULL,
    seen        INTEGER NOT NULL,
    learned     INTEGER NOT NULL,
    mature      INTEGER NOT NULL,
    due         INTEGER NOT NULL,
    mastery_sum REAL NOT NULL,
    PRIMARY KEY (source_id, exchange)
) WITHOUT ROWID;
CREATE TABLE source_progress (
    source_id   TEXT PRIMARY KEY NOT NULL,
    questions   INTEGER NOT NULL,
    seen        INTEGER NOT NULL,
    learned     INTEGER NOT NULL,
    mature      INTEGER NOT NULL,
    due         INTEGER NOT NULL,
    mastery_sum REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE progress_stale (
    source_id TEXT NOT NULL,
    exchange  INTEGER NOT NULL,
    PRIMARY KEY (source_id, exchange)
) WITHOUT ROWID;
CREATE TRIGGER cards_progress_stale AFTER UPDATE OF state, due, scheduled_days, last_review,
    stability, suspended ON cards
WHEN old.state IS NOT new.state OR old.due IS NOT new.due
  OR old.scheduled_days IS NOT new.scheduled_days OR old.last_review IS NOT new.last_review
  OR old.stability IS NOT new.stability OR old.suspended IS NOT new.suspended
BEGIN
    INSERT INTO progress_stale
        SELECT source_id, coalesce(exchange, 0) FROM questions WHERE qid = new.qid
        ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER cards_progress_deleted AFTER DELETE ON cards
BEGIN
    INSERT INTO progress_stale
        SELECT source_id, coalesce(exchange, 0) FROM questions WHERE qid = old.qid
        ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER questions_progress_stale AFTER UPDATE OF retired, source_id, exchange ON questions
WHEN old.retired IS NOT new.retired OR old.source_id IS NOT new.source_id
  OR old.exchange IS NOT new.exchange
BEGIN
    INSERT INTO progress_stale
        VALUES (old.source_id, coalesce(old.exchange, 0)), (new.source_id, coalesce(new.exchange, 0))
        ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER sources_progress_inserted AFTER INSERT ON sources
BEGIN
    INSERT INTO progress_stale VALUES (new.id, -1)
        ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER sources_progress_changed AFTER UPDATE OF content_hash ON sources
BEGIN
    INSERT INTO progress_stale VALUES (new.id, -1)
        ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER questions_summaries_deleted AFTER DELETE ON questions
BEGIN
    UPDATE summary_clock SET day_offset = NULL;
    INSERT INTO progress_stale VALUES (old.source_id, -1)
        ON CONFLICT DO NOTHING;
END;
)sql";

// Version 6: progress without a day (issue 13). Version 5 kept each exchange's due count and
// mastery as of one day, day start and forgetting curve, so the first read of every day
// recomputed all of them from every active question and its card. exchange_progress now keeps
// what does not change with the day (the counts) and, in `cards`, each seen counted card's due
// time, last review and stability (the record format is in reviews.cpp); every read computes the
// day's due count and mastery from those bytes, for any day, day start or forgetting curve.
// source_progress holds each source's sums and its exchanges' `cards` one after the other (each
// prefixed by its length), so the figures of every source read one row per source.
// summary_clock's progress stamp goes; progress_stale and its triggers stay, and list every source
// so that the first read fills the new tables.
constexpr const char* kStep6 = R"sql(
DROP TABLE exchange_progress;
DROP TABLE source_progress;
ALTER TABLE summary_clock DROP COLUMN progress_day;
ALTER TABLE summary_clock DROP COLUMN progress_offset;
ALTER TABLE summary_clock DROP COLUMN progress_decay;
CREATE TABLE exchange_progress (
    source_id TEXT NOT NULL,
    exchange  INTEGER NOT NULL,
    section   INTEGER NOT NULL,
    questions INTEGER NOT NULL,
    seen      INTEGER NOT NULL,
    learned   INTEGER NOT NULL,
    mature    INTEGER NOT NULL,
    cards     BLOB NOT NULL,
    PRIMARY KEY (source_id, exchange)
) WITHOUT ROWID;
CREATE TABLE source_progress (
    source_id TEXT PRIMARY KEY NOT NULL,
    questions INTEGER NOT NULL,
    seen      INTEGER NOT NULL,
    learned   INTEGER NOT NULL,
    mature    INTEGER NOT NULL,
    cards     BLOB NOT NULL
);
DELETE FROM progress_stale;
INSERT INTO progress_stale SELECT id, -1 FROM sources;
)sql";

// Version 7: the day's new questions without reading every question (issue 13). New questions
// come in interview order (sources by position, then questions by position); v6 found them by
// walking every active question and sorting all of the new ones.
//   cards_new: the new, unsuspended cards (covering its WHERE's columns, see v4), for when new
//     questions are few: the sort is over those alone.
//   sources_by_position: sources in interview order, so that a walk of questions_by_source in that
//     order stops at the day's last new question, for when new questions are many.
// Collection::LoadDueItems chooses between the two by how many new cards there are.
constexpr const char* kStep7 = R"sql(
CREATE INDEX cards_new ON cards(qid, state, suspended) WHERE state = 0 AND suspended = 0;
CREATE INDEX sources_by_position ON sources(position);
)sql";

constexpr SchemaStep kSteps[] = {
    {1, kStep1}, {2, kStep2}, {3, kStep3}, {4, kStep4}, {5, kStep5}, {6, kStep6}, {7, kStep7},
};

}  // namespace

std::span<const SchemaStep> SchemaSteps() { return kSteps; }

}  // namespace mondo::storage::detail
