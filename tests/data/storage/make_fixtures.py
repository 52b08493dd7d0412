#!/usr/bin/env python3
"""Writes the fixture collections of every shipped schema version: v1.sqlite3, v2.sqlite3, ...

Each fixture is what that version of mondo wrote: the schema exactly as its ladder step created it
(frozen copies below; a shipped step is never edited) and a little data. schema_test.cpp opens each
with the current mondo and checks the upgrade keeps everything.

When you add schema step N: add SCHEMA[N] (a copy of the step's SQL) and DATA[N], run
    python3 tests/data/storage/make_fixtures.py
and commit the new vN.sqlite3. Existing fixtures must not change (the script refuses to overwrite).
"""
import os
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
APPLICATION_ID = 0x6D6E646F

STEP1 = """
CREATE TABLE sources (
    id           TEXT PRIMARY KEY NOT NULL,
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    imported_at  INTEGER NOT NULL
);
CREATE TABLE source_paragraphs (
    source_id TEXT NOT NULL REFERENCES sources(id),
    kind      INTEGER NOT NULL,
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
    qid       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    source_id TEXT NOT NULL REFERENCES sources(id),
    position  INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    exchange  INTEGER,
    prompt    TEXT NOT NULL,
    answer    TEXT NOT NULL,
    choices   BLOB NOT NULL,
    accept    BLOB NOT NULL,
    context   TEXT NOT NULL,
    retired   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX questions_by_source ON questions(source_id, retired, position);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""

STEP2 = """
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
"""

STEP3 = """
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
"""

STEP4 = """
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
"""

# The data every fixture holds (version 1 has no cards or reviews yet). Checked by schema_test.cpp.
DATA1 = """
INSERT INTO sources VALUES ('a1b2c3d4e5f60718', 0, 'フィクスチャ', '0000000000000000', 1700000000);
INSERT INTO source_paragraphs VALUES ('a1b2c3d4e5f60718', 0, 0, 'はじめに。');
INSERT INTO source_paragraphs VALUES ('a1b2c3d4e5f60718', 1, 0, '浙江大学卒業');
INSERT INTO ruby VALUES ('a1b2c3d4e5f60718', 0, '湛江', 'ジャンジアン');
INSERT INTO sections VALUES ('a1b2c3d4e5f60718', 1, '第一部');
INSERT INTO exchanges VALUES ('a1b2c3d4e5f60718', 1, 1, '質問一？', '答え一。');
INSERT INTO exchanges VALUES ('a1b2c3d4e5f60718', 2, 1, '質問二？', '答え二。');
INSERT INTO exchange_notes VALUES ('a1b2c3d4e5f60718', 2, 0, '(注:補足)');
INSERT INTO questions VALUES (1, 'a1b2c3d4e5f60718-recall-0000000000000001', 'a1b2c3d4e5f60718', 0,
    'recall', 1, '質問一？', '答え一。', X'', X'', '', 0);
INSERT INTO questions VALUES (2, 'a1b2c3d4e5f60718-choice-0000000000000002', 'a1b2c3d4e5f60718', 1,
    'choice', 2, '質問二？', '答え二。', CAST('6:答え5:other' AS BLOB), X'', '答え二。', 0);
INSERT INTO questions VALUES (3, 'a1b2c3d4e5f60718-recall-0000000000000003', 'a1b2c3d4e5f60718', 2,
    'recall', 3, '消えた質問？', '消えた答え。', X'', X'', '', 1);
INSERT INTO settings VALUES ('theme', 'dark');
"""

DATA2 = DATA1 + """
INSERT INTO cards SELECT qid, 0, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0 FROM questions;
UPDATE cards SET state = 2, stability = 3.5, difficulty = 5.25, due = 1700259200, reps = 1,
    scheduled_days = 3, last_review = 1700000000 WHERE qid = 1;
UPDATE cards SET suspended = 1, flag = 2 WHERE qid = 2;
INSERT INTO sessions VALUES (1, 1699999990, 1700000100, 1, 4200);
INSERT INTO reviews VALUES (1, 1, 1700000000000, 3, 'こたえ', NULL, 0, 3, 4200, 1,
    0, 0, 0, 0, 0, 0, 0, 0, NULL,
    2, 3.5, 5.25, 1700259200, 0, 1, 0, 3, 1700000000);
"""

# Version 4 adds added_at (first import), retired_at and custom_title to sources.
DATA4 = DATA2.replace(
    "INSERT INTO sources VALUES ('a1b2c3d4e5f60718', 0, 'フィクスチャ', '0000000000000000', 1700000000);",
    "INSERT INTO sources VALUES ('a1b2c3d4e5f60718', 0, 'フィクスチャ', '0000000000000000', 1700000000,"
    " 1699000000, NULL, NULL);")
assert DATA4 != DATA2

# version -> (schema SQL up to that version, data)
FIXTURES = {
    1: (STEP1, DATA1),
    2: (STEP1 + STEP2.replace("INSERT INTO cards(qid) SELECT qid FROM questions;", ""), DATA2),
    3: (STEP1 + STEP2.replace("INSERT INTO cards(qid) SELECT qid FROM questions;", "") + STEP3, DATA2),
    4: (STEP1 + STEP2.replace("INSERT INTO cards(qid) SELECT qid FROM questions;", "") + STEP3 + STEP4,
        DATA4),
}


def write(version, schema, data):
    path = os.path.join(HERE, "v%d.sqlite3" % version)
    if os.path.exists(path) and "--force" not in sys.argv:
        print("keeping", path)
        return
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.executescript(schema)
    db.executescript(data)
    db.execute("PRAGMA user_version=%d" % version)
    db.execute("PRAGMA application_id=%d" % APPLICATION_ID)
    db.commit()
    db.execute("VACUUM")
    db.close()
    print("wrote", path)


def main():
    for version, (schema, data) in sorted(FIXTURES.items()):
        write(version, schema, data)


if __name__ == "__main__":
    main()
