using LowFormerBench.ModelZoo.Onnx;

namespace LowFormerBench.ModelZoo.Probes.Families;

/// <summary>
/// Activations alone on the same tensor, as torch.onnx exports them at opset 17: ReLU (the reference), ReLU6 (Clip),
/// Hardswish, GELU (exact, the erf form) and SiLU (Sigmoid · x). They have no MACs by the paper's convention, so they are
/// compared by time.
/// </summary>
internal static class ActivationProbes
{
    public static readonly string[] Known = ["relu", "relu6", "hardswish", "gelu", "silu"];

    public static IEnumerable<ProbeComparison> Generate(ProbeParameters p, ParameterCheck check)
    {
        var activations = check.Names(ProbeParameters.Activation, p.Activations, Known, Known);
        var channels = check.InRange(ProbeParameters.ChannelsKey, p.Channels, [32], 1, ParameterCheck.MaxChannels);
        var resolutions = check.InRange(ProbeParameters.Resolution, p.Resolutions, [56], 1, ParameterCheck.MaxResolution);
        if (check.Errors.Count > 0)
        {
            yield break;
        }

        foreach (var (c, r) in channels.SelectMany(c => resolutions.Select(r => (c, r))))
        {
            var name = $"@{c}x{r}";
            var shape = new ProbeShape(c, r);
            var variants = activations.Where(a => a != "relu").Select(a => (VariantPlan)new FixedVariant(Activation(name, a, shape)));
            if (ComparisonBuilder.Build(ProbeFamily.Activation, name, shape, Activation(name, "relu", shape), variants, check) is { } comparison)
            {
                yield return comparison;
            }
        }
    }

    private static Probe Activation(string name, string activation, ProbeShape shape) =>
        new(ProbeFamily.Activation, name, activation, "relu", shape, ProbeSizing.EqualShape, $"{activation} on {shape}", activation switch
        {
            "relu" => (b, x) => b.Activate(x, Onnx.Activation.Relu),
            "relu6" => (b, x) => b.Activate(x, Onnx.Activation.Relu6),
            "hardswish" => (b, x) => b.Activate(x, Onnx.Activation.HardSwish),
            "gelu" => (b, x) => b.Activate(x, Onnx.Activation.Gelu),
            // nn.SiLU exports as Sigmoid then Mul below opset 20 (no Swish op in the standard domain).
            _ => (b, x) => b.Mul(x, b.Activate(x, Onnx.Activation.Sigmoid)),
        });
}
