-- API keys (viewer, submitter, admin) and per-agent tokens (agent). Only a SHA-256 of each key is kept: the key itself
-- is shown once, at creation. Revoked keys stay as a record of who had access.
CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'submitter', 'admin', 'agent')),
    key_sha256    BLOB NOT NULL,
    created_at_ms INTEGER NOT NULL,
    revoked_at_ms INTEGER
);
CREATE INDEX api_keys_active ON api_keys (role) WHERE revoked_at_ms IS NULL;
