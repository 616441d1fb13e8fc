namespace LowFormerBench.Core.Regression;

/// <summary>How strict a comparison is.</summary>
/// <param name="Threshold">Smallest change worth reporting, as a fraction of the baseline median (issue 6: default 3%).</param>
/// <param name="Alpha">
/// Significance level of the rank test. 0.01 as Chromium's Pinpoint uses for "different": a CI run compares many rows,
/// so a per-row 5% would raise a false alarm on most runs.
/// </param>
/// <param name="Confidence">Bootstrap interval level, matched to <paramref name="Alpha"/> so the test and the interval agree.</param>
/// <param name="Resamples">Bootstrap resamples; 2,000 keeps the 99% interval's ends stable to a fraction of a percent.</param>
/// <param name="Seed">Seed of the bootstrap, so a report is reproducible from its samples.</param>
/// <param name="AssumedRunToRunSpread">
/// σ of log(median) between runs assumed for an unpaired row when the history is too short to estimate it (issue 14): 0.10,
/// below the 11–29 % that bench/false-alarms measured between campaigns on a shared 2-core machine and well above a quiet
/// device's; 0 turns it off (within-run noise only, as before).
/// </param>
/// <param name="MaxComparedSamples">Samples per side the test and the bootstrap use (evenly spaced order statistics beyond it), so a comparison's cost is bounded.</param>
public sealed record RegressionOptions(double Threshold = 0.03, double Alpha = 0.01, double Confidence = 0.99, int Resamples = 2000, int Seed = 20261122,
    double AssumedRunToRunSpread = RegressionOptions.DefaultAssumedRunToRunSpread, int MaxComparedSamples = RegressionOptions.DefaultMaxComparedSamples)
{
    public const double DefaultAssumedRunToRunSpread = 0.10;

    public const int DefaultMaxComparedSamples = 20_000;

    public static RegressionOptions Default { get; } = new();

    /// <summary>Every problem at once, or none.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Threshold is <= 0 or >= 1)
        {
            errors.Add($"the threshold must be between 0% and 100% (exclusive), not {Threshold:0.0%}");
        }

        if (Alpha is <= 0 or >= 1)
        {
            errors.Add($"alpha must be between 0 and 1, not {Alpha}");
        }

        if (Confidence is <= 0 or >= 1)
        {
            errors.Add($"the confidence level must be between 0 and 1, not {Confidence}");
        }

        if (Resamples < 100)
        {
            errors.Add($"at least 100 bootstrap resamples are needed, not {Resamples}");
        }

        if (AssumedRunToRunSpread is < 0 or > 1)
        {
            errors.Add($"the assumed run-to-run spread must be from 0 (off) to 1, not {AssumedRunToRunSpread}");
        }

        if (MaxComparedSamples < 100)
        {
            errors.Add($"at least 100 compared samples per side are needed, not {MaxComparedSamples}");
        }

        return errors;
    }
}
