-- PostgreSQL twin of ../0006_result_configurations.sql: the same table, backfill and count-keeping trigger, the trigger
-- as a PL/pgSQL function. It runs in the inserting transaction, so replicas inserting results at once serialise on the
-- configuration's row (ON CONFLICT ... DO UPDATE) and no count is lost.
CREATE TABLE result_configurations (
    model_sha256       TEXT NOT NULL,
    agent_id           TEXT NOT NULL,
    scenario           TEXT NOT NULL,
    batch              BIGINT NOT NULL,
    resolution         BIGINT NOT NULL,
    precision          TEXT NOT NULL,
    provider           TEXT NOT NULL,
    model_display_name TEXT NOT NULL,
    results            BIGINT NOT NULL,
    latest_job_id      BIGINT NOT NULL,
    first_campaign_id  BIGINT NOT NULL,
    last_campaign_id   BIGINT NOT NULL,
    PRIMARY KEY (model_sha256, agent_id, scenario, batch, resolution, precision, provider)
);

INSERT INTO result_configurations (model_sha256, agent_id, scenario, batch, resolution, precision, provider, model_display_name, results,
    latest_job_id, first_campaign_id, last_campaign_id)
SELECT j.model_sha256, r.agent_id, j.scenario, j.batch, j.resolution, j.precision, j.provider, MAX(j.model_display_name), COUNT(*),
    MAX(r.job_id), MIN(j.campaign_id), MAX(j.campaign_id)
FROM results r JOIN jobs j ON j.id = r.job_id JOIN campaigns k ON k.id = j.campaign_id
WHERE k.kind = 'user'
GROUP BY j.model_sha256, r.agent_id, j.scenario, j.batch, j.resolution, j.precision, j.provider;

CREATE FUNCTION results_count_configuration() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO result_configurations AS rc (model_sha256, agent_id, scenario, batch, resolution, precision, provider, model_display_name, results,
        latest_job_id, first_campaign_id, last_campaign_id)
    SELECT j.model_sha256, NEW.agent_id, j.scenario, j.batch, j.resolution, j.precision, j.provider, j.model_display_name, 1,
        NEW.job_id, j.campaign_id, j.campaign_id
    FROM jobs j JOIN campaigns k ON k.id = j.campaign_id WHERE j.id = NEW.job_id AND k.kind = 'user'
    ON CONFLICT (model_sha256, agent_id, scenario, batch, resolution, precision, provider) DO UPDATE SET
        results = rc.results + 1,
        latest_job_id = GREATEST(rc.latest_job_id, excluded.latest_job_id),
        first_campaign_id = LEAST(rc.first_campaign_id, excluded.first_campaign_id),
        last_campaign_id = GREATEST(rc.last_campaign_id, excluded.last_campaign_id);
    RETURN NEW;
END;
$$;

CREATE TRIGGER results_count_configuration AFTER INSERT ON results
    FOR EACH ROW EXECUTE FUNCTION results_count_configuration();

CREATE INDEX results_p50 ON results (p50_ms);
CREATE INDEX results_p99 ON results (p99_ms);
CREATE INDEX results_throughput ON results (throughput_ips);
CREATE INDEX jobs_history ON jobs (model_display_name, scenario, batch, resolution, precision, provider);
