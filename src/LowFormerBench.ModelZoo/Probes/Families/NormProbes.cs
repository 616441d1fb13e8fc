using LowFormerBench.ModelZoo.Onnx;

namespace LowFormerBench.ModelZoo.Probes.Families;

/// <summary>
/// A 3×3 conv followed by each normalisation: BatchNorm (the reference), LayerNorm over channels (channels-last, as
/// ConvNeXt's LayerNorm2d permutes), GroupNorm(1, C) (LowFormer's pre-norm, as torch.onnx lowers it), and BatchNorm
/// folded into the conv (a conv with bias, what inference engines make of conv + BN). The conv carries all the MACs, so
/// the MACs are equal and the time differences are the norms'.
/// </summary>
internal static class NormProbes
{
    public static IEnumerable<ProbeComparison> Generate(ProbeParameters p, ParameterCheck check)
    {
        var channels = check.InRange(ProbeParameters.ChannelsKey, p.Channels, [64], 1, ParameterCheck.MaxChannels);
        var resolutions = check.InRange(ProbeParameters.Resolution, p.Resolutions, [28], 1, ParameterCheck.MaxResolution);
        if (check.Errors.Count > 0)
        {
            yield break;
        }

        foreach (var (c, r) in channels.SelectMany(c => resolutions.Select(r => (c, r))))
        {
            var name = $"@{c}x{r}";
            var shape = new ProbeShape(c, r);
            VariantPlan[] variants =
            [
                new FixedVariant(Norm(name, "layernorm", shape, "3x3 conv + LayerNorm over channels",
                    (b, x) => b.Transpose(b.LayerNorm(b.Transpose(b.Conv2d(x, c, 3), 0, 2, 3, 1)), 0, 3, 1, 2))),
                new FixedVariant(Norm(name, "groupnorm", shape, "3x3 conv + GroupNorm(1, C)", (b, x) => b.GroupNorm1(b.Conv2d(x, c, 3)))),
                new FixedVariant(Norm(name, "bn-folded", shape, "3x3 conv with bias (BatchNorm folded in)", (b, x) => b.Conv2d(x, c, 3, bias: true))),
            ];
            var reference = Norm(name, "batchnorm", shape, "3x3 conv + BatchNorm", (b, x) => b.BatchNorm2d(b.Conv2d(x, c, 3)));
            if (ComparisonBuilder.Build(ProbeFamily.Norm, name, shape, reference, variants, check) is { } comparison)
            {
                yield return comparison;
            }
        }
    }

    private static Probe Norm(string name, string variant, ProbeShape shape, string detail, Func<GraphBuilder, Value, Value> block) =>
        new(ProbeFamily.Norm, name, variant, "batchnorm", shape, ProbeSizing.EqualShape, detail, block);
}
