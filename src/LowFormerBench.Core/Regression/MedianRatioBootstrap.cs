namespace LowFormerBench.Core.Regression;

/// <summary>The ratio of medians candidate / baseline with a percentile bootstrap interval.</summary>
public sealed record RatioInterval(double Ratio, double Low, double High)
{
    public double HalfWidth => (High - Low) / 2;
}

/// <summary>
/// Percentile bootstrap of median(candidate) / median(baseline): each side resampled with replacement on its own,
/// since the runs are independent. Seeded, so the same samples always give the same interval (reports are golden-tested).
/// </summary>
public static class MedianRatioBootstrap
{
    /// <param name="cancellationToken">Checked between resamples, so a caller past its deadline stops the work, not just the wait.</param>
    public static RatioInterval Estimate(IReadOnlyList<double> candidate, IReadOnlyList<double> baseline, int resamples, double confidence, int seed,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var ratio = Median(candidate.ToArray()) / Median(baseline.ToArray());
        var random = new Random(seed);
        var ratios = new double[resamples];
        var candidateBuffer = new double[candidate.Count];
        var baselineBuffer = new double[baseline.Count];
        for (var i = 0; i < resamples; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Resample(candidate, candidateBuffer, random);
            Resample(baseline, baselineBuffer, random);
            ratios[i] = Median(candidateBuffer) / Median(baselineBuffer);
        }

        Array.Sort(ratios);
        var tail = (1 - confidence) / 2;
        return new RatioInterval(ratio, Quantile(ratios, tail), Quantile(ratios, 1 - tail));
    }

    /// <summary>
    /// At most <paramref name="cap"/> values: evenly spaced order statistics of the sorted sample, so quantiles are kept
    /// while a comparison's cost stays bounded (the bootstrap is resamples x n log n). Fewer values give a wider
    /// interval, never a narrower one, so thinning cannot make a verdict bolder.
    /// </summary>
    public static IReadOnlyList<double> Thin(IReadOnlyList<double> values, int cap)
    {
        if (values.Count <= cap)
        {
            return values;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var thinned = new double[cap];
        for (var i = 0; i < cap; i++)
        {
            thinned[i] = sorted[(int)((i + 0.5) * sorted.Length / cap)];
        }

        return thinned;
    }

    /// <summary>Median of the values; sorts the array in place.</summary>
    internal static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static void Resample(IReadOnlyList<double> source, double[] target, Random random)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = source[random.Next(source.Count)];
        }
    }

    // Linear interpolation between order statistics (Hyndman–Fan type 7, numpy's default).
    private static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }
}
