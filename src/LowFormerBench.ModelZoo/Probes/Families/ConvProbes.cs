using LowFormerBench.ModelZoo.Onnx;

namespace LowFormerBench.ModelZoo.Probes.Families;

/// <summary>
/// Convolutions alone (no norm, no activation): standard (the reference), depthwise, grouped and pointwise, each sized to
/// the standard conv's MACs by its channels. The paper's finding this probes: depthwise and grouped convs do far less per
/// second than their MACs suggest.
/// </summary>
internal static class ConvProbes
{
    public static readonly int[] AllowedKernels = [1, 3, 5, 7];
    public static readonly int[] AllowedStrides = [1, 2];
    public static readonly int[] AllowedGroups = [2, 4, 8];

    public static IEnumerable<ProbeComparison> Generate(ProbeParameters p, ParameterCheck check)
    {
        var kernels = check.OneOf(ProbeParameters.Kernel, p.Kernels, [3], AllowedKernels);
        var strides = check.OneOf(ProbeParameters.Stride, p.Strides, [1], AllowedStrides);
        var groups = check.OneOf(ProbeParameters.GroupsKey, p.Groups, AllowedGroups, AllowedGroups);
        var channels = check.InRange(ProbeParameters.ChannelsKey, p.Channels, [64], 1, ParameterCheck.MaxChannels);
        var resolutions = check.InRange(ProbeParameters.Resolution, p.Resolutions, [28], 1, ParameterCheck.MaxResolution);
        foreach (var (c, g) in channels.SelectMany(c => groups.Select(g => (c, g))).Where(t => t.c % t.g != 0))
        {
            check.Fail($"channels {c} are not divisible by groups {g}; give channels that are a multiple of {g}, or other groups");
        }

        foreach (var (r, s) in resolutions.SelectMany(r => strides.Select(s => (r, s))).Where(t => t.r % t.s != 0))
        {
            check.Fail($"resolution {r} cannot be divided by stride {s}; give an even resolution, or stride 1");
        }

        if (check.Errors.Count > 0)
        {
            yield break;
        }

        foreach (var (c, r) in channels.SelectMany(c => resolutions.Select(r => (c, r))))
        {
            foreach (var (k, s) in kernels.SelectMany(k => strides.Select(s => (k, s))))
            {
                var name = $"k{k}-s{s}@{c}x{r}";
                var comparison = ComparisonBuilder.Build(ProbeFamily.Conv, name, new ProbeShape(c, r),
                    Conv(name, "standard", c, c, r, k, s, 1), Variants(name, r, k, s, groups), check);
                if (comparison is not null)
                {
                    yield return comparison;
                }
            }
        }

        IEnumerable<VariantPlan> Variants(string name, int r, int k, int s, IReadOnlyList<int> groupList)
        {
            var limit = $"it would need more than {ComparisonBuilder.MaxChannelsAt(r)} channels at {r}x{r} (the input limit is {ComparisonBuilder.MaxInputElements:N0} elements)";
            yield return new SizedVariant("depthwise", i => Conv(name, "depthwise", i, i, r, k, s, i), ComparisonBuilder.MaxChannelsAt(r), limit);
            foreach (var g in groupList)
            {
                // Input and output widths step in turn (g·(1,1), g·(1,2), g·(2,2), ...): MACs grow with every step, and a
                // width the groups divide lands within 2 % where a square one alone would not (64·√8 ≈ 181 between 176 and 184).
                yield return new SizedVariant($"grouped-g{g}", i => Conv(name, $"grouped-g{g}", g * ((i + 1) / 2), g * ((i + 2) / 2), r, k, s, g),
                    2 * (ComparisonBuilder.MaxChannelsAt(r) / g), limit);
            }

            if (k > 1)
            {
                yield return new SizedVariant("pointwise", i => Conv(name, "pointwise", i, i, r, 1, s, 1), ComparisonBuilder.MaxChannelsAt(r), limit);
            }
        }

        Probe Conv(string comparison, string variant, int cin, int cout, int r, int k, int s, int g)
        {
            var kind = g == 1 ? "conv" : g == cin ? "depthwise conv" : $"conv, {g} groups";
            return new Probe(ProbeFamily.Conv, comparison, variant, "standard", new ProbeShape(cin, r),
                variant == "standard" ? ProbeSizing.EqualShape : ProbeSizing.EqualMacs, $"{k}x{k} {kind} {cin}->{cout}, stride {s}",
                (b, x) => b.Conv2d(x, cout, k, s, g));
        }
    }
}
