-- Schema version 2: a covering index for critics' records, whose generosity
-- reads every review's critic, film and score.
DROP INDEX review_critic;
CREATE INDEX review_critic ON review (critic_id, film_id, score);
