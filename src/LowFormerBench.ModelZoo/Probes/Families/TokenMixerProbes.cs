using LowFormerBench.ModelZoo.Architectures.Baselines;
using LowFormerBench.ModelZoo.Architectures.LowFormer;
using LowFormerBench.ModelZoo.Onnx;

namespace LowFormerBench.ModelZoo.Probes.Families;

/// <summary>
/// Token mixers over the same feature map: multi-head self-attention (the reference; heads of 32 channels, 1×1 q/k/v and
/// output projections), LowFormer's Lowtention exactly as the zoo's LowFormer builds it (downsampled q/k/v, attention at
/// the lower resolution, a transposed conv that projects and upsamples), and EfficientViT's LiteMLA (ReLU linear
/// attention, dim 16 as in EfficientViT-B1). Equal shape: their MACs differ, and that difference is the point.
/// </summary>
internal static class TokenMixerProbes
{
    public const int HeadDim = 32;
    public const int LiteMlaDim = 16;

    public static IEnumerable<ProbeComparison> Generate(ProbeParameters p, ParameterCheck check)
    {
        var channels = check.InRange(ProbeParameters.ChannelsKey, p.Channels, [128], HeadDim, ParameterCheck.MaxChannels);
        var resolutions = check.InRange(ProbeParameters.Resolution, p.Resolutions, [14], 1, 64);
        foreach (var c in channels.Where(c => c % HeadDim != 0))
        {
            check.Fail($"channels {c} are not a multiple of {HeadDim} (the attention head width); give 64, 128, 256, ...");
        }

        if (check.Errors.Count > 0)
        {
            yield break;
        }

        foreach (var (c, r) in channels.SelectMany(c => resolutions.Select(r => (c, r))))
        {
            var name = $"@{c}x{r}";
            var shape = new ProbeShape(c, r);
            // LowFormer halves the map before attention at 1/16 (14×14 at 224) and not at 1/32 (7×7).
            var stride = r >= 14 && r % 2 == 0 ? 2 : 1;
            var reference = Mixer(name, "mhsa", shape, $"MHSA, {c / HeadDim} heads over {r * r} tokens", Mhsa);
            VariantPlan[] variants =
            [
                new FixedVariant(Mixer(name, "lowtention", shape, $"Lowtention, attention at {r / stride}x{r / stride}",
                    (b, x) => LowFormerBuilder.Lowtention(b, x, stride))),
                new FixedVariant(Mixer(name, "litemla", shape, $"LiteMLA, ReLU linear attention, dim {LiteMlaDim}",
                    (b, x) => LiteMla.Build(b, x, LiteMlaDim))),
            ];
            if (ComparisonBuilder.Build(ProbeFamily.TokenMixer, name, shape, reference, variants, check) is { } comparison)
            {
                yield return comparison;
            }
        }
    }

    /// <summary>Standard multi-head self-attention on NCHW: 1×1 to q/k/v, softmax(q·kᵀ/√d)·v per head, 1×1 output projection.</summary>
    internal static Value Mhsa(GraphBuilder b, Value x)
    {
        var c = x.Channels;
        var heads = c / HeadDim;
        var (h, w) = (x.Height, x.Width);
        var qkv = b.Conv2d(x, 3 * c, 1, bias: true, name: "qkv");
        var tokens = b.Transpose(b.Reshape(qkv, heads, 3 * HeadDim, h * w), 0, 1, 3, 2);
        var parts = b.SplitLast(tokens, 3);
        var logits = b.DivByScalar(b.MatMul(parts[0], b.Transpose(parts[1], 0, 1, 3, 2)), MathF.Sqrt(HeadDim));
        var values = b.MatMul(b.Softmax(logits), parts[2]);
        var merged = b.Reshape(b.Transpose(values, 0, 1, 3, 2), c, h, w);
        return b.Conv2d(merged, c, 1, bias: true, name: "proj");
    }

    private static Probe Mixer(string name, string variant, ProbeShape shape, string detail, Func<GraphBuilder, Value, Value> block) =>
        new(ProbeFamily.TokenMixer, name, variant, "mhsa", shape, ProbeSizing.EqualShape, detail, block);
}
