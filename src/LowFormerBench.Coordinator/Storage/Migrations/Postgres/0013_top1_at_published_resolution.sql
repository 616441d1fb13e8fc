-- A published top-1 belongs only to the resolution it was published at. Built-in models were stored with their
-- card's top-1 at every resolution (a 128 px build of lowformer-b0 carried its 224 px 78.4 %), which put such points
-- into the speed-accuracy plots and their Pareto fronts. Every zoo card publishes at 224 px (ModelCard.DefaultResolution;
-- ZooTests pin it), so builds at other resolutions lose the figure. Portable SQL: the PostgreSQL twin is the same statement.
UPDATE models SET top1 = NULL WHERE source = 'builtin' AND resolution <> 224;
