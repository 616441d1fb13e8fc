namespace LowFormerBench.Core.Regression;

/// <summary>Compares a candidate campaign's rows with a baseline's: pure, so CI, the dashboard and tests agree.</summary>
public static class RegressionComparer
{
    /// <param name="runToRunSpread">Per row, σ of log(median) across earlier campaigns (<see cref="RunToRunNoise"/>); rows without one use within-run noise only.</param>
    /// <param name="levels">Per row, the level of those campaigns (<see cref="RunToRunNoise.Levels"/>): the candidate is then judged against it, not against one baseline run.</param>
    public static RegressionReport Compare(long candidateCampaignId, IReadOnlyList<MeasuredRow> candidate, long baselineCampaignId,
        IReadOnlyList<MeasuredRow> baseline, RegressionOptions options, IReadOnlyDictionary<RowKey, double>? runToRunSpread = null,
        IReadOnlyDictionary<RowKey, RunLevel>? levels = null, CancellationToken cancellationToken = default)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        var baselineByKey = Index(baseline);
        var candidateByKey = Index(candidate);
        var rows = new List<RowComparison>();
        foreach (var (key, row) in candidateByKey)
        {
            if (row.ReferenceSamplesMs is { Count: > 0 })
            {
                rows.Add(ComparePaired(row, options, cancellationToken));
                continue;
            }

            rows.Add(baselineByKey.TryGetValue(key, out var before)
                ? CompareUnpaired(row, before, options, runToRunSpread is not null && runToRunSpread.TryGetValue(key, out var spread) ? spread : null,
                    levels?.GetValueOrDefault(key), cancellationToken)
                : new RowComparison(key, Verdict.New, null, Median(row.SamplesMs), null, null, 0, row.SamplesMs.Count, null, "no baseline for this row"));
        }

        foreach (var (key, before) in baselineByKey.Where(b => !candidateByKey.ContainsKey(b.Key)))
        {
            rows.Add(new RowComparison(key, Verdict.Missing, Median(before.SamplesMs), null, null, null, before.SamplesMs.Count, 0, null,
                "measured in the baseline but not in this run"));
        }

        return new RegressionReport(candidateCampaignId, baselineCampaignId, options, [.. rows.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)]);
    }

    /// <summary>
    /// A paired row: the candidate's samples against the baseline model's samples from the same job. Both sides ran on the
    /// same device, with the same options, in alternating blocks of the same window, so whatever moved the machine (load,
    /// clocks, heat) moved both alike: there is no run-to-run term to add, and widening by the farm's run-to-run σ would
    /// only blunt the test (the spread between campaigns is exactly what pairing removes). The environment fingerprint is
    /// the same by construction, so it is not checked.
    /// </summary>
    public static RowComparison ComparePaired(MeasuredRow candidate, RegressionOptions options, CancellationToken cancellationToken = default)
    {
        var reference = candidate.ReferenceSamplesMs ?? throw new ArgumentException($"{candidate.Key} has no reference samples: it was not a paired job", nameof(candidate));
        var row = CompareRow(candidate, candidate with { SamplesMs = reference, ReferenceSamplesMs = null }, options, cancellationToken: cancellationToken);
        var note = row.Note.Length > 0 ? $"paired in the same job; {row.Note}" : "paired in the same job";
        return row with { Paired = true, Note = note };
    }

    /// <summary>
    /// An unpaired row. Without a run-to-run estimate from the history (fewer than <see cref="RunToRunNoise.MinimumCampaigns"/>
    /// earlier campaigns), one baseline run says nothing about how far whole runs move, and within-run noise alone called an
    /// identical file 9.4 % slower on a shared machine. Such a row is judged with the conservative default spread
    /// (<see cref="RegressionOptions.AssumedRunToRunSpread"/>): only an effect that clears it is called slower or faster;
    /// anything else is "unknown, rerun paired".
    /// </summary>
    public static RowComparison CompareUnpaired(MeasuredRow candidate, MeasuredRow baseline, RegressionOptions options, double? runToRunSpread,
        RunLevel? level, CancellationToken cancellationToken = default)
    {
        if (runToRunSpread is not null || options.AssumedRunToRunSpread <= 0)
        {
            return CompareRow(candidate, baseline, options, runToRunSpread, level, cancellationToken);
        }

        var row = CompareRow(candidate, baseline, options, options.AssumedRunToRunSpread, null, cancellationToken);
        return row.Verdict switch
        {
            Verdict.Inconclusive or Verdict.Unchanged => row with
            {
                Verdict = Verdict.Inconclusive, SamplesNeeded = null,
                Note = $"unknown, rerun paired (lfb ci --paired): fewer than {RunToRunNoise.MinimumCampaigns} earlier campaigns on main give no " +
                       $"run-to-run noise, and the change ({row.Change:+0.0%;-0.0%}) does not clear the assumed ±{options.AssumedRunToRunSpread:0%} " +
                       "spread between runs",
            },
            Verdict.Slower or Verdict.Faster => row with { Note = $"{row.Note} (clears the assumed ±{options.AssumedRunToRunSpread:0%} run-to-run spread)" },
            _ => row,
        };
    }

    /// <param name="level">
    /// With <paramref name="runToRunSpread"/>: the median level of the earlier campaigns the spread came from. The baseline run's
    /// own offset from that level is taken out, so the ratio is the candidate's against the code's usual speed, and only a
    /// median-of-k's share of run-to-run noise is left on the reference side.
    /// </param>
    public static RowComparison CompareRow(MeasuredRow candidate, MeasuredRow baseline, RegressionOptions options, double? runToRunSpread = null,
        RunLevel? level = null, CancellationToken cancellationToken = default)
    {
        int nBase = baseline.SamplesMs.Count, nCand = candidate.SamplesMs.Count;
        double? baseMedian = Median(baseline.SamplesMs), candMedian = Median(candidate.SamplesMs);
        if (candidate.EnvironmentFingerprint != baseline.EnvironmentFingerprint)
        {
            return new RowComparison(candidate.Key, Verdict.EnvironmentChanged, baseMedian, candMedian, null, null, nBase, nCand, null,
                $"environment fingerprint {Short(baseline.EnvironmentFingerprint)} -> {Short(candidate.EnvironmentFingerprint)}: not compared");
        }

        if (nBase < 2 || nCand < 2)
        {
            return new RowComparison(candidate.Key, Verdict.Inconclusive, baseMedian, candMedian, null, null, nBase, nCand, null,
                "fewer than 2 samples on a side");
        }

        var candidateSamples = MedianRatioBootstrap.Thin(candidate.SamplesMs, options.MaxComparedSamples);
        var baselineSamples = MedianRatioBootstrap.Thin(baseline.SamplesMs, options.MaxComparedSamples);
        cancellationToken.ThrowIfCancellationRequested();
        var test = MannWhitney.TwoSided(candidateSamples, baselineSamples);
        var interval = MedianRatioBootstrap.Estimate(candidateSamples, baselineSamples, options.Resamples, options.Confidence, options.Seed, cancellationToken);
        var against = "";
        int? levelCampaigns = null;
        if (runToRunSpread is { } spread)
        {
            if (level is { MedianMs: > 0 } known && baseMedian is > 0)
            {
                var shift = baseMedian.Value / known.MedianMs;
                interval = new RatioInterval(interval.Ratio * shift, interval.Low * shift, interval.High * shift);
                levelCampaigns = known.Campaigns;
                against = $" against the level of {known.Campaigns} main campaigns";
            }

            interval = RunToRunNoise.Widen(interval, spread, options.Confidence, levelCampaigns);
        }

        double upper = 1 + options.Threshold, lower = 1 - options.Threshold;
        // The rank test compares the candidate with the baseline run. Against a level it would test the wrong thing (a
        // loaded baseline run makes a slower candidate rank faster), so there the interval, already at the test's
        // confidence and carrying both within-run and run-to-run noise, decides alone.
        var significant = levelCampaigns is not null || test.PValue <= options.Alpha;
        var (verdict, note) = (interval, significant) switch
        {
            ({ Low: var low }, true) when low > upper => (Verdict.Slower, $"slower by {interval.Ratio - 1:0.0%}{against}"),
            ({ High: var high }, true) when high < lower => (Verdict.Faster, $"faster by {1 - interval.Ratio:0.0%}{against}"),
            ({ Low: var low, High: var high }, _) when low >= lower && high <= upper => (Verdict.Unchanged, "within the threshold"),
            _ => (Verdict.Inconclusive, ""),
        };
        int? needed = null;
        if (verdict == Verdict.Inconclusive)
        {
            var between = runToRunSpread is { } sigma
                ? NormalDistribution.TwoSidedQuantile(options.Confidence) * sigma * RunToRunNoise.BetweenFactor(levelCampaigns)
                : 0;
            var distance = Math.Min(Math.Abs(Math.Log(interval.Ratio / (1 + options.Threshold))), Math.Abs(Math.Log(interval.Ratio / (1 - options.Threshold))));
            (needed, note) = between >= distance
                ? CampaignsToDecide(runToRunSpread!.Value, distance, between, options)
                : SamplesToDecide(interval, Math.Min(nBase, nCand), options.Threshold);
        }

        return new RowComparison(candidate.Key, verdict, baseMedian, candMedian, interval, test.PValue, nBase, nCand, needed, note, runToRunSpread);
    }

    /// <summary>
    /// The interval's half-width shrinks as 1/√n, so it clears the nearest threshold edge once n grows by
    /// (half-width / distance of the estimate from that edge)². A rough guide, as the estimate itself moves.
    /// </summary>
    internal static (int? Needed, string Note) SamplesToDecide(RatioInterval interval, int samples, double threshold)
    {
        var distance = Math.Min(Math.Abs(interval.Ratio - (1 + threshold)), Math.Abs(interval.Ratio - (1 - threshold)));
        // Within a tenth of the threshold of an edge, the sample count the formula asks for grows without bound
        // (it goes with 1/distance²), so say so instead of printing an absurd number.
        if (distance < threshold / 10)
        {
            return (null, $"the change ({interval.Ratio - 1:+0.0%;-0.0%}) is about the threshold itself; more samples will not settle it");
        }

        if (distance >= interval.HalfWidth)
        {
            return (null, "the interval is decided but the rank test is not significant; rerun to confirm");
        }

        var needed = (int)Math.Ceiling(samples * Math.Pow(interval.HalfWidth / distance, 2));
        return (needed, $"too noisy: about {needed} samples per side (now {samples}) would decide");
    }

    /// <summary>
    /// When whole runs move more than the change's distance to the threshold, samples within one run cannot decide: each
    /// side's run effect shrinks as 1/√m only when it is the median of m runs, so z·σ·√(2/m) must fall below the distance.
    /// </summary>
    internal static (int? Needed, string Note) CampaignsToDecide(double sigma, double logDistance, double between, RegressionOptions options)
    {
        if (logDistance < Math.Log(1 + options.Threshold / 10))
        {
            return (null, $"run-to-run noise of this row is ±{between:0.0%} between campaigns and the change is about the threshold itself; " +
                          "more samples will not settle it");
        }

        var z = NormalDistribution.TwoSidedQuantile(options.Confidence);
        var runs = (int)Math.Ceiling(2 * Math.Pow(z * sigma / logDistance, 2));
        return (null, $"run-to-run noise of this row (±{between:0.0%} between campaigns) is wider than its distance to the threshold; " +
                      $"more samples in one run will not decide, about {runs} runs of each side would");
    }

    private static Dictionary<RowKey, MeasuredRow> Index(IReadOnlyList<MeasuredRow> rows)
    {
        var byKey = new Dictionary<RowKey, MeasuredRow>();
        foreach (var row in rows)
        {
            // A key measured twice in one campaign (a repeated suite entry) pools its samples: same model, same agent, same way.
            // Paired references pool only when every pooled result has one: candidate samples of an unpaired job must not
            // be set against references they were not interleaved with.
            byKey[row.Key] = byKey.TryGetValue(row.Key, out var seen) && seen.EnvironmentFingerprint == row.EnvironmentFingerprint
                ? seen with
                {
                    SamplesMs = [.. seen.SamplesMs, .. row.SamplesMs],
                    ReferenceSamplesMs = seen.ReferenceSamplesMs is { } a && row.ReferenceSamplesMs is { } b ? [.. a, .. b] : null,
                }
                : row;
        }

        return byKey;
    }

    private static double? Median(IReadOnlyList<double> samples) => samples.Count == 0 ? null : MedianRatioBootstrap.Median([.. samples]);

    private static string Short(string fingerprint) => fingerprint.Length > 12 ? fingerprint[..12] : fingerprint;
}
