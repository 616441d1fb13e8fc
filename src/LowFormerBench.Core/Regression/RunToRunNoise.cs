namespace LowFormerBench.Core.Regression;

/// <summary>
/// How much a row's median moves from one campaign of the same code to the next. Samples within a run share that
/// run's state (load from other processes, clocks, heap layout), so a test on raw samples alone sees only within-run
/// noise and calls an unlucky run a regression: bench/false-alarms on a shared CPU saw whole runs shift by 40% and more.
/// Estimated from earlier campaigns and added to the interval, the way a random-effects model adds a between-group term.
/// </summary>
public static class RunToRunNoise
{
    /// <summary>Fewer campaigns than this give no estimate: with two, one outlier is half the data.</summary>
    public const int MinimumCampaigns = 3;

    /// <summary>
    /// Per row, the standard deviation of log(median) across campaigns, by the median absolute deviation (× 1.4826,
    /// consistent with σ for normal data) so one contended campaign in the history does not dominate it.
    /// </summary>
    public static IReadOnlyDictionary<RowKey, double> Estimate(IEnumerable<IReadOnlyList<MeasuredRow>> campaigns)
    {
        return LogMedians(campaigns).Where(kv => kv.Value.Count >= MinimumCampaigns).ToDictionary(kv => kv.Key, kv =>
        {
            var center = MedianRatioBootstrap.Median([.. kv.Value]);
            return 1.4826 * MedianRatioBootstrap.Median([.. kv.Value.Select(v => Math.Abs(v - center))]);
        });
    }

    /// <summary>√2 between two single runs; √(1 + π/2k) between a run and the median level of k runs.</summary>
    public static double BetweenFactor(int? levelCampaigns) =>
        levelCampaigns is { } k and > 0 ? Math.Sqrt(1 + Math.PI / (2 * k)) : Math.Sqrt(2);

    private static Dictionary<RowKey, List<double>> LogMedians(IEnumerable<IReadOnlyList<MeasuredRow>> campaigns)
    {
        var logMedians = new Dictionary<RowKey, List<double>>();
        foreach (var campaign in campaigns)
        {
            foreach (var row in campaign.Where(r => r.SamplesMs.Count > 0).GroupBy(r => r.Key))
            {
                var median = MedianRatioBootstrap.Median([.. row.SelectMany(r => r.SamplesMs)]);
                if (median > 0)
                {
                    (logMedians.TryGetValue(row.Key, out var list) ? list : logMedians[row.Key] = []).Add(Math.Log(median));
                }
            }
        }

        return logMedians;
    }

    /// <summary>
    /// Per row, the level the same code ran at: the median of the campaigns' log medians, and how many campaigns it pools.
    /// A baseline is one run with its own run effect; measured against this level instead, an unlucky (loaded) baseline
    /// neither hides a real slowdown nor makes a normal run look like one.
    /// </summary>
    public static IReadOnlyDictionary<RowKey, RunLevel> Levels(IEnumerable<IReadOnlyList<MeasuredRow>> campaigns) =>
        LogMedians(campaigns).Where(kv => kv.Value.Count >= MinimumCampaigns)
            .ToDictionary(kv => kv.Key, kv => new RunLevel(Math.Exp(MedianRatioBootstrap.Median([.. kv.Value])), kv.Value.Count));

    /// <summary>
    /// Widens a within-run interval of the ratio by the run-to-run term: both runs carry their own run effect, so the
    /// log ratio gains a variance of 2σ²; each side of the interval is combined in quadrature, in log space. Against a
    /// level pooled from <paramref name="levelCampaigns"/> campaigns the reference's share shrinks to (π/2)σ²/k (the
    /// variance of a median of k), so the term is σ·√(1 + π/2k).
    /// </summary>
    public static RatioInterval Widen(RatioInterval within, double sigma, double confidence, int? levelCampaigns = null)
    {
        var z = NormalDistribution.TwoSidedQuantile(confidence);
        var between = z * sigma * BetweenFactor(levelCampaigns);
        var logRatio = Math.Log(within.Ratio);
        var below = logRatio - Math.Log(within.Low);
        var above = Math.Log(within.High) - logRatio;
        return new RatioInterval(within.Ratio, Math.Exp(logRatio - Math.Sqrt(below * below + between * between)),
            Math.Exp(logRatio + Math.Sqrt(above * above + between * between)));
    }
}

/// <summary>The median, over campaigns of the same code, of a row's per-campaign medians (ms), and how many campaigns.</summary>
public sealed record RunLevel(double MedianMs, int Campaigns);
