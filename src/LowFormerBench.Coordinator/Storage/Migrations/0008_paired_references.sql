-- Paired runs (lfb ci --paired): a job may also measure its baseline's model, interleaved with its own on the same device
-- in the same window. Those reference samples are the farm's own control measurement, not a result of the baseline
-- model: they live here, beside the result they were taken with, and never in `results`, so the results pages, plots,
-- history and result_configurations (migration 0006's trigger) do not see them.
CREATE TABLE paired_references (
    result_id      INTEGER PRIMARY KEY REFERENCES results (id) ON DELETE CASCADE,
    job_id         INTEGER NOT NULL REFERENCES jobs (id),
    model_sha256   TEXT NOT NULL,
    count          INTEGER NOT NULL,
    median_ms      REAL NOT NULL,
    samples_ms     BLOB NOT NULL
);

CREATE INDEX paired_references_job ON paired_references (job_id);
