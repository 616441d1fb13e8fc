using LowFormerBench.ModelZoo.Onnx;

namespace LowFormerBench.ModelZoo.Probes;

/// <summary>
/// One building block at one input shape: a small ONNX graph [N, C, R, R] in, the block's output out, built by the
/// zoo's <see cref="GraphBuilder"/> so that its MACs and parameters come from the same count as the models'.
/// </summary>
/// <param name="Family">Which comparison family it belongs to.</param>
/// <param name="Comparison">The comparison within the family, naming its configuration, e.g. <c>k3-s1@64x28</c>.</param>
/// <param name="Variant">This block's design, e.g. <c>depthwise</c>.</param>
/// <param name="Reference">The variant of the comparison that the others are held against (standard conv, MBConv, ...).</param>
/// <param name="Input">Input feature map per batch item.</param>
/// <param name="Sizing">Equal MACs (channels sized) or equal shape.</param>
/// <param name="Detail">What the block is, with its sized channels, for tables.</param>
/// <param name="Block">Adds the block's nodes to a builder; returns its output.</param>
public sealed record Probe(
    ProbeFamily Family,
    string Comparison,
    string Variant,
    string Reference,
    ProbeShape Input,
    ProbeSizing Sizing,
    string Detail,
    Func<GraphBuilder, Value, Value> Block)
{
    /// <summary>family/comparison/variant: the name in results, unique for a configuration.</summary>
    public string Name => $"{Family.Name()}/{Comparison}/{Variant}";

    public bool IsReference => Variant == Reference;
}
