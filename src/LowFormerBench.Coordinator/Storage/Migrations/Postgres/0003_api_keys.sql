-- PostgreSQL twin of ../0003_api_keys.sql.
CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'submitter', 'admin', 'agent')),
    key_sha256    BYTEA NOT NULL,
    created_at_ms BIGINT NOT NULL,
    revoked_at_ms BIGINT
);
CREATE INDEX api_keys_active ON api_keys (role) WHERE revoked_at_ms IS NULL;
