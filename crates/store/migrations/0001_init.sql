-- Schema version 1: documents, reviews, films, people, critics, venues,
-- events, mentions, and the per-film tallies that triggers keep current.

-- One row per distinct input content (the SHA-256 of the raw text or HTML).
CREATE TABLE document (
    id           INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source       TEXT NOT NULL,
    origin       TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('text', 'html')),
    content      TEXT NOT NULL,
    article      TEXT,                  -- model::Article as JSON, or NULL
    warnings     TEXT,                  -- Vec<model::Warning> as JSON, or NULL
    review_count INTEGER NOT NULL,      -- reviews in the extraction: a whole document has exactly these
    ingested_at  TEXT NOT NULL          -- RFC 3339, UTC
);
CREATE INDEX document_source ON document (source);

-- A film, shared by every review of it. Identity: see film.rs.
CREATE TABLE film (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,      -- as first printed
    title_key       TEXT NOT NULL,      -- normalize::title_key(title)
    year            INTEGER,
    runtime_minutes INTEGER,
    distributor     TEXT,
    cert_system     TEXT,
    cert_rating     TEXT,
    cert_reasons    TEXT,               -- JSON array of strings
    genres          TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX film_title_key ON film (title_key, year);
CREATE INDEX film_year ON film (year);

CREATE TABLE person (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE
);

CREATE TABLE critic (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE
);

CREATE TABLE publication (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE
);

CREATE TABLE venue (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE
);

-- One film reviewed in one document.
CREATE TABLE review (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    film_id        INTEGER NOT NULL REFERENCES film (id),
    critic_id      INTEGER REFERENCES critic (id),
    publication_id INTEGER REFERENCES publication (id),
    published      TEXT,
    rating_text    TEXT,
    rating_score   INTEGER CHECK (rating_score BETWEEN 0 AND 100),
    score          INTEGER CHECK (score BETWEEN 0 AND 100),  -- the verdict's; NULL until judged
    label          TEXT CHECK (label IN ('positive', 'mixed', 'negative')),
    fresh          INTEGER CHECK (fresh IN (0, 1)),
    basis          TEXT CHECK (basis IN ('grade', 'model')),
    model_score    INTEGER,
    disagreement   INTEGER,
    model          TEXT,
    record         TEXT NOT NULL,       -- model::Review as JSON, as ingested
    text           TEXT,                -- NULL: the review is the whole (text) document
    UNIQUE (document_id, position),
    CHECK ((score IS NULL) = (label IS NULL))
);
CREATE INDEX review_film ON review (film_id);
CREATE INDEX review_critic ON review (critic_id);

CREATE TABLE evidence (
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    sentence  TEXT NOT NULL,
    PRIMARY KEY (review_id, position)
) WITHOUT ROWID;

-- Credits as each review states them; a film's credits are their union.
CREATE TABLE credit (
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('director', 'writer', 'producer', 'cast')),
    position  INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person (id),
    character TEXT,
    PRIMARY KEY (review_id, role, position)
) WITHOUT ROWID;
CREATE INDEX credit_person ON credit (person_id, role);

CREATE TABLE review_venue (
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    venue_id  INTEGER NOT NULL REFERENCES venue (id),
    PRIMARY KEY (review_id, position)
) WITHOUT ROWID;
CREATE INDEX review_venue_venue ON review_venue (venue_id);

CREATE TABLE event (
    id        INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    film_id   INTEGER NOT NULL REFERENCES film (id),
    kind      TEXT NOT NULL,
    date      TEXT,
    time      TEXT,
    venue_id  INTEGER REFERENCES venue (id),
    UNIQUE (review_id, position)
);
CREATE INDEX event_film ON event (film_id);
CREATE INDEX event_venue ON event (venue_id);
CREATE INDEX event_date ON event (date);

CREATE TABLE event_participant (
    event_id  INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person (id),
    PRIMARY KEY (event_id, position)
) WITHOUT ROWID;
CREATE INDEX event_participant_person ON event_participant (person_id);

CREATE TABLE mention (
    review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('person', 'film', 'music')),
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    person_id INTEGER REFERENCES person (id),
    PRIMARY KEY (review_id, kind, position)
) WITHOUT ROWID;
CREATE INDEX mention_person ON mention (person_id);

-- Per-film tallies for standings, kept current by the triggers below in
-- the same transaction as the reviews they count.
CREATE TABLE film_stats (
    film_id        INTEGER PRIMARY KEY REFERENCES film (id) ON DELETE CASCADE,
    reviews        INTEGER NOT NULL DEFAULT 0,
    scored         INTEGER NOT NULL DEFAULT 0,
    score_sum      INTEGER NOT NULL DEFAULT 0,
    score_sq_sum   INTEGER NOT NULL DEFAULT 0,
    fresh          INTEGER NOT NULL DEFAULT 0,
    positive       INTEGER NOT NULL DEFAULT 0,
    mixed          INTEGER NOT NULL DEFAULT 0,
    negative       INTEGER NOT NULL DEFAULT 0,
    last_review_id INTEGER
);
CREATE INDEX film_stats_reviews ON film_stats (reviews);

-- The same sums over the whole store: one row.
CREATE TABLE totals (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    scored       INTEGER NOT NULL,
    score_sum    INTEGER NOT NULL,
    score_sq_sum INTEGER NOT NULL
);
INSERT INTO totals (id, scored, score_sum, score_sq_sum) VALUES (1, 0, 0, 0);

CREATE TRIGGER review_counted AFTER INSERT ON review BEGIN
    INSERT OR IGNORE INTO film_stats (film_id) VALUES (NEW.film_id);
    UPDATE film_stats SET
        reviews = reviews + 1,
        scored = scored + (NEW.score IS NOT NULL),
        score_sum = score_sum + coalesce(NEW.score, 0),
        score_sq_sum = score_sq_sum + coalesce(NEW.score * NEW.score, 0),
        fresh = fresh + coalesce(NEW.fresh, 0),
        positive = positive + (NEW.label IS 'positive'),
        mixed = mixed + (NEW.label IS 'mixed'),
        negative = negative + (NEW.label IS 'negative'),
        last_review_id = max(coalesce(last_review_id, 0), NEW.id)
    WHERE film_id = NEW.film_id;
    UPDATE totals SET
        scored = scored + (NEW.score IS NOT NULL),
        score_sum = score_sum + coalesce(NEW.score, 0),
        score_sq_sum = score_sq_sum + coalesce(NEW.score * NEW.score, 0)
    WHERE id = 1;
END;

CREATE TRIGGER review_uncounted AFTER DELETE ON review BEGIN
    UPDATE film_stats SET
        reviews = reviews - 1,
        scored = scored - (OLD.score IS NOT NULL),
        score_sum = score_sum - coalesce(OLD.score, 0),
        score_sq_sum = score_sq_sum - coalesce(OLD.score * OLD.score, 0),
        fresh = fresh - coalesce(OLD.fresh, 0),
        positive = positive - (OLD.label IS 'positive'),
        mixed = mixed - (OLD.label IS 'mixed'),
        negative = negative - (OLD.label IS 'negative')
    WHERE film_id = OLD.film_id;
    UPDATE totals SET
        scored = scored - (OLD.score IS NOT NULL),
        score_sum = score_sum - coalesce(OLD.score, 0),
        score_sq_sum = score_sq_sum - coalesce(OLD.score * OLD.score, 0)
    WHERE id = 1;
END;
