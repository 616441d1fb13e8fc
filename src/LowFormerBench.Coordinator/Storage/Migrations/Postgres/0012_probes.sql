-- Building-block probes (lfb probe, suites' probes:): a probe is a built-in model (source 'builtin', zoo_name
-- 'probe:<family>/<comparison>/<variant>') that also records which comparison it belongs to and its reference variant,
-- so that a campaign's results give time per GMAC and the ratio to the reference per device. NULL for every other model.
ALTER TABLE models ADD COLUMN probe_family TEXT;
ALTER TABLE models ADD COLUMN probe_comparison TEXT;
ALTER TABLE models ADD COLUMN probe_variant TEXT;
ALTER TABLE models ADD COLUMN probe_reference TEXT;
ALTER TABLE models ADD COLUMN probe_mac_residual DOUBLE PRECISION;
