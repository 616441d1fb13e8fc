namespace LowFormerBench.ModelZoo.Probes;

/// <summary>A probe with its counted parameters and MACs, and how far its MACs are from its reference's.</summary>
/// <param name="MacResidual">MACs / reference MACs − 1: within ±2 % for equal-MAC variants, whatever it is for equal-shape ones.</param>
public sealed record SizedProbe(Probe Probe, long Parameters, long Macs, double MacResidual);

/// <summary>One comparison of a family: the reference first, then the variants held against it.</summary>
public sealed record ProbeComparison(ProbeFamily Family, string Name, ProbeShape Shape, IReadOnlyList<SizedProbe> Probes)
{
    public SizedProbe Reference => Probes[0];
}
