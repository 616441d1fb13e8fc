-- One row per measured configuration (model file, agent, scenario, batch, resolution, precision, provider), kept by a
-- trigger as results arrive (users' campaigns only; canaries are the farm's own): how many results it has, its newest job, and the first and last campaign that measured it.
-- The dashboard's filter choices, counts, plots ("newest per configuration") and history lists read these few
-- rows instead of grouping every result, so they cost the same with 100 results or 100,000.
CREATE TABLE result_configurations (
    model_sha256       TEXT NOT NULL,
    agent_id           TEXT NOT NULL,
    scenario           TEXT NOT NULL,
    batch              INTEGER NOT NULL,
    resolution         INTEGER NOT NULL,
    precision          TEXT NOT NULL,
    provider           TEXT NOT NULL,
    model_display_name TEXT NOT NULL,
    results            INTEGER NOT NULL,
    latest_job_id      INTEGER NOT NULL,
    first_campaign_id  INTEGER NOT NULL,
    last_campaign_id   INTEGER NOT NULL,
    PRIMARY KEY (model_sha256, agent_id, scenario, batch, resolution, precision, provider)
) WITHOUT ROWID;

INSERT INTO result_configurations (model_sha256, agent_id, scenario, batch, resolution, precision, provider, model_display_name, results,
    latest_job_id, first_campaign_id, last_campaign_id)
SELECT j.model_sha256, r.agent_id, j.scenario, j.batch, j.resolution, j.precision, j.provider, MAX(j.model_display_name), COUNT(*),
    MAX(r.job_id), MIN(j.campaign_id), MAX(j.campaign_id)
FROM results r JOIN jobs j ON j.id = r.job_id JOIN campaigns k ON k.id = j.campaign_id
WHERE k.kind = 'user'
GROUP BY j.model_sha256, r.agent_id, j.scenario, j.batch, j.resolution, j.precision, j.provider;

CREATE TRIGGER results_count_configuration AFTER INSERT ON results
BEGIN
    INSERT INTO result_configurations (model_sha256, agent_id, scenario, batch, resolution, precision, provider, model_display_name, results,
        latest_job_id, first_campaign_id, last_campaign_id)
    SELECT j.model_sha256, NEW.agent_id, j.scenario, j.batch, j.resolution, j.precision, j.provider, j.model_display_name, 1,
        NEW.job_id, j.campaign_id, j.campaign_id
    FROM jobs j JOIN campaigns k ON k.id = j.campaign_id WHERE j.id = NEW.job_id AND k.kind = 'user'
    ON CONFLICT (model_sha256, agent_id, scenario, batch, resolution, precision, provider) DO UPDATE SET
        results = results + 1,
        latest_job_id = MAX(latest_job_id, excluded.latest_job_id),
        first_campaign_id = MIN(first_campaign_id, excluded.first_campaign_id),
        last_campaign_id = MAX(last_campaign_id, excluded.last_campaign_id);
END;

-- The Results page sorts by these; with an index a page deep in the order walks the index instead of sorting everything.
CREATE INDEX results_p50 ON results (p50_ms);
CREATE INDEX results_p99 ON results (p99_ms);
CREATE INDEX results_throughput ON results (throughput_ips);
-- History of one configuration: by model name first, the most selective of its fields.
CREATE INDEX jobs_history ON jobs (model_display_name, scenario, batch, resolution, precision, provider);
