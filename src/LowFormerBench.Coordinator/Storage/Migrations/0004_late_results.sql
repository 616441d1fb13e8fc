-- Exactly-once results keyed by (job, attempt). results keeps its UNIQUE job_id: one accepted result per job.
-- The index below names the key a re-sent report is matched on; a report for any other attempt of a job that
-- is no longer (or never was) the sender's is kept here as evidence and never replaces the accepted one.
CREATE UNIQUE INDEX IF NOT EXISTS results_job_attempt ON results (job_id, attempt);

CREATE TABLE late_results (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id              INTEGER NOT NULL REFERENCES jobs (id),
    attempt             INTEGER NOT NULL,
    agent_id            TEXT NOT NULL,
    agent_name          TEXT NOT NULL,
    reason              TEXT NOT NULL,
    p50_ms              REAL NOT NULL,
    mean_ms             REAL NOT NULL,
    samples             INTEGER NOT NULL,
    input_shape         TEXT NOT NULL,
    environment_fingerprint TEXT NOT NULL,
    summary_json        TEXT NOT NULL,
    received_at_ms      INTEGER NOT NULL,
    -- A late report re-sent after a reconnect is the same evidence, stored once.
    UNIQUE (job_id, attempt, agent_id)
);

CREATE INDEX late_results_job ON late_results (job_id);
