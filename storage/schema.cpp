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

constexpr SchemaStep kSteps[] = {
    {1, kStep1},
    {2, kStep2},
    {3, kStep3},
    {4, kStep4},
};

}  // namespace

std::span<const SchemaStep> SchemaSteps() { return kSteps; }

}  // namespace mondo::storage::detail
