-- Canaries: a reference model each device runs now and then, in campaigns of their own kind that user listings leave out.
ALTER TABLE campaigns ADD COLUMN kind TEXT NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'canary'));

-- Per device: jobs since its last canary, when that was, and what the last judged canary said.
ALTER TABLE agents ADD COLUMN jobs_since_canary INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN last_canary_ms INTEGER;
ALTER TABLE agents ADD COLUMN canary_drift REAL;
ALTER TABLE agents ADD COLUMN canary_note TEXT;
ALTER TABLE agents ADD COLUMN canary_drifted INTEGER NOT NULL DEFAULT 0;
