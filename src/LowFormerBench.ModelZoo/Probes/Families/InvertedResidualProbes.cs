using LowFormerBench.ModelZoo.Onnx;

namespace LowFormerBench.ModelZoo.Probes.Families;

/// <summary>
/// MBConv (1×1 expand, depthwise 3×3, 1×1 project; the reference) against Fused-MBConv (3×3 expand, 1×1 project) at the
/// same input and output shape and expansion, and a Fused-MBConv whose hidden width is sized to MBConv's MACs. Both as
/// LowFormer and EfficientViT build them: BN after every conv, Hardswish after the first two, a residual add.
/// LowFormer uses the fused form wherever channels are below 256 (reference/lowformer.md §1.3).
/// </summary>
internal static class InvertedResidualProbes
{
    public static IEnumerable<ProbeComparison> Generate(ProbeParameters p, ParameterCheck check)
    {
        var expansions = check.InRange(ProbeParameters.Expansion, p.Expansions, [4, 6], 1, 8);
        var channels = check.InRange(ProbeParameters.ChannelsKey, p.Channels, [64], 1, ParameterCheck.MaxChannels);
        var resolutions = check.InRange(ProbeParameters.Resolution, p.Resolutions, [28], 1, ParameterCheck.MaxResolution);
        if (check.Errors.Count > 0)
        {
            yield break;
        }

        foreach (var (c, r, e) in channels.SelectMany(c => resolutions.SelectMany(r => expansions.Select(e => (c, r, e)))))
        {
            var name = $"e{e}@{c}x{r}";
            var shape = new ProbeShape(c, r);
            var reference = new Probe(ProbeFamily.InvertedResidual, name, "mbconv", "mbconv", shape, ProbeSizing.EqualShape,
                $"MBConv {c}->{c * e}->{c}", (b, x) => MbConv(b, x, c * e));
            VariantPlan[] variants =
            [
                new FixedVariant(Fused(name, "fused", shape, c * e, ProbeSizing.EqualShape)),
                new SizedVariant("fused-equal-macs", h => Fused(name, "fused-equal-macs", shape, h, ProbeSizing.EqualMacs), c * e * 4,
                    $"its hidden width would exceed {c * e * 4}"),
            ];
            if (ComparisonBuilder.Build(ProbeFamily.InvertedResidual, name, shape, reference, variants, check) is { } comparison)
            {
                yield return comparison;
            }
        }
    }

    internal static Value MbConv(GraphBuilder b, Value x, int hidden)
    {
        var y = b.ConvLayer(x, hidden, 1, act: Activation.HardSwish, name: "inverted_conv");
        y = b.ConvLayer(y, hidden, 3, groups: hidden, act: Activation.HardSwish, name: "depth_conv");
        return b.Add(x, b.ConvLayer(y, x.Channels, 1, name: "point_conv"));
    }

    internal static Value FusedMbConv(GraphBuilder b, Value x, int hidden)
    {
        var y = b.ConvLayer(x, hidden, 3, act: Activation.HardSwish, name: "spatial_conv");
        return b.Add(x, b.ConvLayer(y, x.Channels, 1, name: "point_conv"));
    }

    private static Probe Fused(string name, string variant, ProbeShape shape, int hidden, ProbeSizing sizing) =>
        new(ProbeFamily.InvertedResidual, name, variant, "mbconv", shape, sizing, $"Fused-MBConv {shape.Channels}->{hidden}->{shape.Channels}",
            (b, x) => FusedMbConv(b, x, hidden));
}
