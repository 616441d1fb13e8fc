using System.Collections.Immutable;
using LowFormerBench.ModelZoo.Counting;
using LowFormerBench.ModelZoo.Onnx.Ir;

namespace LowFormerBench.Measurement.Profiling;

/// <summary>The model's nodes as the zoo counter sees them, indexed for matching ORT's kernel names.</summary>
public sealed class ModelNodes
{
    private readonly Dictionary<string, ModelNode> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModelNode> byOutput = new(StringComparer.Ordinal);

    public ModelNodes(ModelProto model, ModelCount count)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(count);
        var graph = model.Graph;
        var weights = graph.Initializer.ToDictionary(i => i.Name, i => i.Dims, StringComparer.Ordinal);
        foreach (var counted in count.Nodes)
        {
            var proto = graph.Node[counted.Index];
            var node = new ModelNode(counted.Name, counted.OpType, Category(proto, counted.OpType, weights), counted.Macs,
                [.. proto.Input], [.. proto.Output]);
            All.Add(node);
            if (!string.IsNullOrEmpty(node.Name))
            {
                byName.TryAdd(node.Name, node);
            }

            foreach (var output in node.Outputs)
            {
                byOutput.TryAdd(output, node);
            }
        }

        Macs = count.Macs;
    }

    public List<ModelNode> All { get; } = [];

    public long Macs { get; }

    public ModelNode? Named(string name) => byName.GetValueOrDefault(name);

    public ModelNode? Producing(string tensor) => byOutput.GetValueOrDefault(tensor);

    /// <summary>The longest node name that <paramref name="kernel"/> starts with, followed by '/' (ORT names fusions "&lt;node&gt;/&lt;Fusion&gt;/").</summary>
    public ModelNode? Prefixing(string kernel)
    {
        ModelNode? best = null;
        for (var slash = kernel.IndexOf('/', 1); slash > 0; slash = kernel.IndexOf('/', slash + 1))
        {
            if (byName.TryGetValue(kernel[..slash], out var node))
            {
                best = node;
            }
        }

        return best;
    }

    /// <summary>
    /// Convolutions split by kind, since a depthwise one does little arithmetic per byte it moves and so
    /// takes more time than its MACs say (the LowFormer paper's argument).
    /// </summary>
    private static string Category(NodeProto node, string opType, Dictionary<string, Google.Protobuf.Collections.RepeatedField<long>> weights)
    {
        if (opType != "Conv")
        {
            return opType;
        }

        var group = node.Attribute.FirstOrDefault(a => a.Name == "group")?.I ?? 1;
        if (group <= 1)
        {
            return opType;
        }

        // Weight [Cout, Cin/group, kh, kw]: one input channel per group is depthwise.
        var depthwise = node.Input.Count > 1 && weights.TryGetValue(node.Input[1], out var dims) && dims.Count > 1 && dims[1] == 1;
        return depthwise ? "Conv (depthwise)" : "Conv (grouped)";
    }
}

/// <summary>One model node: name, operator, grouping category, MACs, tensors.</summary>
public sealed record ModelNode(string Name, string OpType, string Category, long Macs, ImmutableArray<string> Inputs, ImmutableArray<string> Outputs);
