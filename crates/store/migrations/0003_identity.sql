-- Schema version 3: film and critic identity are resolved across reviews
-- (crates/resolve), not decided once when a review is written.

-- What resolution reads of each review, beside its credits.
-- ident: the document's content hash and the review's position, which do
-- not depend on the order of ingest (ties are broken by it, and curators'
-- decisions name reviews by it, so they survive a re-ingest).
ALTER TABLE review ADD COLUMN ident TEXT;
ALTER TABLE review ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE review ADD COLUMN year INTEGER;
ALTER TABLE review ADD COLUMN runtime_minutes INTEGER;
-- The byline's name key (critic_id is the critic it was resolved to) and
-- the e-mail addresses of the sign-off, space-separated.
ALTER TABLE review ADD COLUMN critic_key TEXT;
ALTER TABLE review ADD COLUMN critic_emails TEXT;
-- 0 until resolution has placed the review.
ALTER TABLE review ADD COLUMN resolved INTEGER NOT NULL DEFAULT 0;

UPDATE review SET
    ident = (SELECT d.content_hash FROM document d WHERE d.id = review.document_id) || ':' || position,
    title = coalesce(json_extract(record, '$.film.title'), ''),
    year = json_extract(record, '$.film.year'),
    runtime_minutes = json_extract(record, '$.film.runtime_minutes'),
    critic_key = (SELECT c.name_key FROM critic c WHERE c.id = review.critic_id);
CREATE UNIQUE INDEX review_ident ON review (ident);
CREATE INDEX review_pending ON review (resolved) WHERE resolved = 0;

-- Every title a film is known by: the titles its reviews print, their
-- alternative titles, and a catalogue's.
CREATE TABLE film_title (
    film_id   INTEGER NOT NULL REFERENCES film (id) ON DELETE CASCADE,
    title_key TEXT NOT NULL,
    title     TEXT NOT NULL,
    reviews   INTEGER NOT NULL,     -- reviews printing it as their title
    source    TEXT NOT NULL CHECK (source IN ('review', 'alternative', 'catalog')),
    PRIMARY KEY (film_id, title_key)
) WITHOUT ROWID;
CREATE INDEX film_title_by_key ON film_title (title_key);
INSERT INTO film_title (film_id, title_key, title, reviews, source)
    SELECT f.id, f.title_key, f.title, (SELECT count(*) FROM review r WHERE r.film_id = f.id), 'review'
    FROM film f WHERE f.title_key != '';

-- A film whose reviews give no title is set aside for a curator.
ALTER TABLE film ADD COLUMN imdb_id TEXT;
CREATE INDEX film_imdb ON film (imdb_id) WHERE imdb_id IS NOT NULL;

-- Every byline a critic signs with.
CREATE TABLE critic_name (
    name_key  TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    critic_id INTEGER NOT NULL REFERENCES critic (id)
);
CREATE INDEX critic_name_critic ON critic_name (critic_id);
INSERT INTO critic_name (name_key, name, critic_id) SELECT name_key, name, id FROM critic;

-- Curators' corrections. Films: a and b are review idents; critics: byline
-- name keys. 'same' joins them whatever the evidence, 'apart' keeps them
-- apart. Resolution applies them every time it runs.
CREATE TABLE decision (
    id      INTEGER PRIMARY KEY,
    subject TEXT NOT NULL CHECK (subject IN ('film', 'critic')),
    kind    TEXT NOT NULL CHECK (kind IN ('same', 'apart')),
    a       TEXT NOT NULL,
    b       TEXT NOT NULL,
    made_at TEXT NOT NULL
);
CREATE INDEX decision_a ON decision (subject, a);
CREATE INDEX decision_b ON decision (subject, b);

-- An IMDb catalogue (the non-commercial TSV files), as far as it names
-- titles that our films are known by.
CREATE TABLE catalog_title (
    tconst    TEXT PRIMARY KEY,
    title     TEXT NOT NULL,
    original  TEXT,
    year      INTEGER,
    runtime   INTEGER,
    genres    TEXT,
    directors TEXT NOT NULL DEFAULT '[]'  -- JSON array of name keys
);
CREATE TABLE catalog_aka (
    title_key TEXT NOT NULL,
    tconst    TEXT NOT NULL REFERENCES catalog_title (tconst) ON DELETE CASCADE,
    title     TEXT NOT NULL,
    PRIMARY KEY (title_key, tconst)
) WITHOUT ROWID;

-- A review moved to another film moves its tallies.
CREATE TRIGGER review_moved AFTER UPDATE OF film_id ON review
WHEN OLD.film_id != NEW.film_id BEGIN
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
    UPDATE event SET film_id = NEW.film_id WHERE review_id = NEW.id;
END;
