using LowFormerBench.ModelZoo.Onnx;
using LowFormerBench.ModelZoo.Weights;

namespace LowFormerBench.ModelZoo.Probes.Families;

/// <summary>
/// The transformer MLP (expand, GELU, project) as a transformer writes it — Linear layers on tokens [N, H·W, C], which
/// torch.onnx exports as MatMul + Add (the reference) — against its convolutional equivalents: the same MLP as 1×1 convs
/// on NCHW (LowFormer's form; equal MACs and parameters by construction), and a 3×3 conv expand with a 1×1 project whose
/// hidden width is sized to the MLP's MACs (what the E-series puts where the MLP was).
/// </summary>
internal static class MlpProbes
{
    public static IEnumerable<ProbeComparison> Generate(ProbeParameters p, ParameterCheck check)
    {
        var expansions = check.InRange(ProbeParameters.Expansion, p.Expansions, [4], 1, 8);
        var channels = check.InRange(ProbeParameters.ChannelsKey, p.Channels, [128], 1, ParameterCheck.MaxChannels);
        var resolutions = check.InRange(ProbeParameters.Resolution, p.Resolutions, [14], 1, ParameterCheck.MaxResolution);
        if (check.Errors.Count > 0)
        {
            yield break;
        }

        foreach (var (c, r, e) in channels.SelectMany(c => resolutions.SelectMany(r => expansions.Select(e => (c, r, e)))))
        {
            var name = $"e{e}@{c}x{r}";
            var shape = new ProbeShape(c, r);
            var reference = Mlp(name, "linear", shape, ProbeSizing.EqualShape, $"Linear {c}->{c * e}->{c} on {r * r} tokens", (b, x) => LinearMlp(b, x, c * e));
            VariantPlan[] variants =
            [
                new FixedVariant(Mlp(name, "conv1x1", shape, ProbeSizing.EqualShape, $"1x1 conv {c}->{c * e}->{c}", (b, x) => ConvMlp(b, x, c * e, 1))),
                new SizedVariant("conv3x3", h => Mlp(name, "conv3x3", shape, ProbeSizing.EqualMacs, $"3x3 conv {c}->{h}, 1x1 conv {h}->{c}",
                    (b, x) => ConvMlp(b, x, h, 3)), c * e * 2, $"its hidden width would exceed {c * e * 2}"),
            ];
            if (ComparisonBuilder.Build(ProbeFamily.Mlp, name, shape, reference, variants, check) is { } comparison)
            {
                yield return comparison;
            }
        }
    }

    private static Value LinearMlp(GraphBuilder b, Value x, int hidden)
    {
        var (c, h, w) = (x.Channels, x.Height, x.Width);
        var tokens = b.Transpose(b.Reshape(x, c, h * w), 0, 2, 1);
        var y = b.Activate(Linear(b, tokens, hidden, "fc1"), Activation.Gelu);
        y = Linear(b, y, c, "fc2");
        return b.Reshape(b.Transpose(y, 0, 2, 1), c, h, w);
    }

    /// <summary>nn.Linear on [N, L, in] as torch.onnx exports it: MatMul by the transposed weight [in, out], then Add the bias.</summary>
    private static Value Linear(GraphBuilder b, Value x, int outFeatures, string name)
    {
        using var scope = b.Scope(name);
        var inFeatures = x.Shape[^1];
        var weight = new Value(b.Weight("weight", [inFeatures, outFeatures], WeightInit.HeUniform(inFeatures)), [inFeatures, outFeatures]);
        var product = b.MatMul(x, weight);
        return b.Node("Add", [product.Name, b.Weight("bias", [outFeatures], WeightInit.Bias)], product.Shape);
    }

    private static Value ConvMlp(GraphBuilder b, Value x, int hidden, int kernel)
    {
        var y = b.Activate(b.Conv2d(x, hidden, kernel, bias: true, name: "fc1"), Activation.Gelu);
        return b.Conv2d(y, x.Channels, 1, bias: true, name: "fc2");
    }

    private static Probe Mlp(string name, string variant, ProbeShape shape, ProbeSizing sizing, string detail, Func<GraphBuilder, Value, Value> block) =>
        new(ProbeFamily.Mlp, name, variant, "linear", shape, sizing, detail, block);
}
