-- PostgreSQL twin of ../0005_canary.sql.
ALTER TABLE campaigns ADD COLUMN kind TEXT NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'canary'));

ALTER TABLE agents ADD COLUMN jobs_since_canary BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN last_canary_ms BIGINT;
ALTER TABLE agents ADD COLUMN canary_drift DOUBLE PRECISION;
ALTER TABLE agents ADD COLUMN canary_note TEXT;
ALTER TABLE agents ADD COLUMN canary_drifted BIGINT NOT NULL DEFAULT 0;
