using LowFormerBench.ModelZoo.Onnx;

namespace LowFormerBench.ModelZoo.Probes.Families;

/// <summary>
/// One MAC budget spent in different macro shapes, each a stack of 3×3 conv → BN → Hardswish blocks: the reference
/// (depth d at C channels and resolution R), as width (a quarter of the blocks, more channels), as depth (four times the
/// blocks, fewer channels), at twice the resolution with fewer channels, and at half the resolution with more. LowFormer's
/// recipe moves depth from high to low resolution (reference/lowformer.md §4).
/// </summary>
internal static class MacroProbes
{
    public static IEnumerable<ProbeComparison> Generate(ProbeParameters p, ParameterCheck check)
    {
        var depths = check.InRange(ProbeParameters.Depth, p.Depths, [4], 1, 16);
        var channels = check.InRange(ProbeParameters.ChannelsKey, p.Channels, [128], 1, ParameterCheck.MaxChannels);
        var resolutions = check.InRange(ProbeParameters.Resolution, p.Resolutions, [14], 2, ParameterCheck.MaxResolution);
        foreach (var r in resolutions.Where(r => r % 2 != 0))
        {
            check.Fail($"resolution {r} cannot be halved for the low-resolution variant; give an even resolution");
        }

        if (check.Errors.Count > 0)
        {
            yield break;
        }

        foreach (var (c, r, d) in channels.SelectMany(c => resolutions.SelectMany(r => depths.Select(d => (c, r, d)))))
        {
            var name = $"d{d}@{c}x{r}";
            var limit = "the channels it needs exceed the input limit";
            VariantPlan[] variants =
            [
                new SizedVariant("wide", i => Stack(name, "wide", Math.Max(1, d / 4), i, r), ComparisonBuilder.MaxChannelsAt(r, 8192), limit),
                new SizedVariant("deep", i => Stack(name, "deep", d * 4, i, r), ComparisonBuilder.MaxChannelsAt(r, 8192), limit),
                new SizedVariant("high-res", i => Stack(name, "high-res", d, i, r * 2), ComparisonBuilder.MaxChannelsAt(r * 2, 8192), limit),
                new SizedVariant("low-res", i => Stack(name, "low-res", d, i, r / 2), ComparisonBuilder.MaxChannelsAt(r / 2, 8192), limit),
            ];
            if (ComparisonBuilder.Build(ProbeFamily.Macro, name, new ProbeShape(c, r), Stack(name, "base", d, c, r), variants, check) is { } comparison)
            {
                yield return comparison;
            }
        }
    }

    private static Probe Stack(string name, string variant, int depth, int channels, int resolution) =>
        new(ProbeFamily.Macro, name, variant, "base", new ProbeShape(channels, resolution),
            variant == "base" ? ProbeSizing.EqualShape : ProbeSizing.EqualMacs,
            $"{depth} x (3x3 conv + BN + Hardswish) at {channels}x{resolution}x{resolution}",
            (b, x) =>
            {
                for (var i = 0; i < depth; i++)
                {
                    x = b.ConvLayer(x, channels, 3, act: Activation.HardSwish, name: $"blocks.{i}");
                }

                return x;
            });
}
