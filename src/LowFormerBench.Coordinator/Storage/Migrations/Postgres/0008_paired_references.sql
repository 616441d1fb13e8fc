-- PostgreSQL twin of ../0008_paired_references.sql.
CREATE TABLE paired_references (
    result_id      BIGINT PRIMARY KEY REFERENCES results (id) ON DELETE CASCADE,
    job_id         BIGINT NOT NULL REFERENCES jobs (id),
    model_sha256   TEXT NOT NULL,
    count          BIGINT NOT NULL,
    median_ms      DOUBLE PRECISION NOT NULL,
    samples_ms     BYTEA NOT NULL
);

CREATE INDEX paired_references_job ON paired_references (job_id);
