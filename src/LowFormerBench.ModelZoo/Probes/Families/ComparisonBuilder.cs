namespace LowFormerBench.ModelZoo.Probes.Families;

/// <summary>A variant of a comparison: built as it is (equal shape), or sized to the reference's MACs.</summary>
internal abstract record VariantPlan(string Variant);

internal sealed record FixedVariant(Probe Probe) : VariantPlan(Probe.Variant);

/// <param name="At">The variant at width index i; MACs must not fall as i grows.</param>
/// <param name="MaxIndex">The largest width the memory bound allows.</param>
/// <param name="Limit">What bounds <paramref name="MaxIndex"/>, for the message when the target lies beyond it.</param>
internal sealed record SizedVariant(string Variant, Func<int, Probe> At, int MaxIndex, string Limit) : VariantPlan(Variant);

/// <summary>Counts a comparison's reference, sizes its equal-MAC variants, and refuses any that miss by more than 2 %.</summary>
internal static class ComparisonBuilder
{
    /// <summary>The most elements one probe input may have (64 MB of float32): keeps sized variants within a small board's memory.</summary>
    public const long MaxInputElements = 1L << 24;

    public static ProbeComparison? Build(ProbeFamily family, string name, ProbeShape shape, Probe reference, IEnumerable<VariantPlan> variants,
        ParameterCheck check)
    {
        var (refParams, refMacs) = ProbeBuilder.Count(reference);
        var probes = new List<SizedProbe> { new(reference, refParams, refMacs, 0) };
        var failed = false;
        foreach (var plan in variants)
        {
            switch (plan)
            {
                case FixedVariant f:
                    var (p, m) = ProbeBuilder.Count(f.Probe);
                    probes.Add(new SizedProbe(f.Probe, p, m, EqualMacSizer.Residual(m, refMacs)));
                    break;
                case SizedVariant s:
                    var probeName = $"{family.Name()}/{name}/{s.Variant}";
                    if (s.MaxIndex < 1 || ProbeBuilder.Count(s.At(s.MaxIndex)).Macs < refMacs * (1 - EqualMacSizer.Tolerance))
                    {
                        check.Fail(probeName, $"equal MACs ({refMacs:N0}) cannot be met: {s.Limit}; use fewer channels or a lower resolution");
                        failed = true;
                        break;
                    }

                    var (sized, residual) = EqualMacSizer.Size(s.At, refMacs, s.MaxIndex);
                    if (Math.Abs(residual) > EqualMacSizer.Tolerance)
                    {
                        check.Fail(probeName, $"equal MACs cannot be met within {EqualMacSizer.Tolerance:P0}: the closest width ({sized.Detail}) " +
                                              $"is {residual:+0.0%;-0.0%} off; choose channels that divide more finely");
                        failed = true;
                        break;
                    }

                    var (sp, sm) = ProbeBuilder.Count(sized);
                    probes.Add(new SizedProbe(sized, sp, sm, residual));
                    break;
            }
        }

        return failed ? null : new ProbeComparison(family, name, shape, probes);
    }

    /// <summary>The largest channel count whose input at this resolution stays within <see cref="MaxInputElements"/>.</summary>
    public static int MaxChannelsAt(int resolution, int cap = 1 << 16) =>
        (int)Math.Min(cap, MaxInputElements / ((long)resolution * resolution));
}
