namespace LowFormerBench.Core.Probes;

/// <summary>One measured probe: what it is, what it counts, how long it took (median over its samples).</summary>
/// <param name="Family">Probe family, e.g. <c>conv</c>.</param>
/// <param name="Comparison">The comparison in its family, e.g. <c>k3-s1@64x28</c>.</param>
/// <param name="Variant">Its design, e.g. <c>depthwise</c>.</param>
/// <param name="Reference">The comparison's reference variant.</param>
/// <param name="Macs">MACs of one batch item.</param>
/// <param name="Batch">Batch it was timed at; time per GMAC divides by the MACs of the whole batch.</param>
public sealed record ProbeTiming(string Family, string Comparison, string Variant, string Reference, long Macs, long Params, int Batch, double MedianMs);

/// <summary>How <see cref="ProbeRow.RatioToReference"/> compares a probe with its reference.</summary>
public enum RatioBasis
{
    /// <summary>Time per GMAC against the reference's: more than 1 means less work done per second than the reference.</summary>
    PerGmac,

    /// <summary>Time against the reference's, where either has no MACs (activations): same tensor, so time is the measure.</summary>
    Time,

    /// <summary>The reference was not measured (its job failed, or it was left out).</summary>
    None,
}

/// <summary>A measured probe with its time per GMAC and its ratio to its comparison's reference.</summary>
/// <param name="MsPerGmac">Median milliseconds per 10⁹ MACs of the batch; null for a probe without MACs.</param>
/// <param name="RatioToReference">See <paramref name="Basis"/>; null when the reference was not measured.</param>
public sealed record ProbeRow(ProbeTiming Timing, double? MsPerGmac, double? RatioToReference, RatioBasis Basis)
{
    public bool IsReference => Timing.Variant == Timing.Reference;
}
