namespace LowFormerBench.Core.Probes;

/// <summary>
/// Time per GMAC and the ratio to the reference, the one way <c>lfb probe</c>, farm results and the dashboard's Blocks
/// page compute them. Give it the timings of one device (or one run): a reference is found in its own comparison.
/// </summary>
public static class ProbeRatios
{
    public static double? MsPerGmac(ProbeTiming t) =>
        t.Macs > 0 && t.Batch > 0 ? t.MedianMs / ((double)t.Macs * t.Batch / 1e9) : null;

    public static IReadOnlyList<ProbeRow> Compute(IEnumerable<ProbeTiming> timings)
    {
        var list = timings.ToList();
        var references = list.Where(t => t.Variant == t.Reference)
            .GroupBy(t => (t.Family, t.Comparison))
            .ToDictionary(g => g.Key, g => g.First());
        return [.. list.Select(t => Row(t, references.GetValueOrDefault((t.Family, t.Comparison))))];
    }

    private static ProbeRow Row(ProbeTiming t, ProbeTiming? reference)
    {
        var perGmac = MsPerGmac(t);
        if (reference is null || reference.MedianMs <= 0)
        {
            return new ProbeRow(t, perGmac, null, RatioBasis.None);
        }

        return perGmac is { } mine && MsPerGmac(reference) is { } theirs
            ? new ProbeRow(t, perGmac, mine / theirs, RatioBasis.PerGmac)
            : new ProbeRow(t, perGmac, t.MedianMs / reference.MedianMs, RatioBasis.Time);
    }
}
