using System.Collections.Immutable;
using LowFormerBench.ModelZoo.Counting.Shapes;
using LowFormerBench.ModelZoo.Onnx.Ir;

namespace LowFormerBench.ModelZoo.Counting;

/// <summary>
/// Counts parameters and MACs of any ONNX model, built-in or third-party: resolves the inputs' symbolic
/// dimensions, infers every value's shape node by node (with constant propagation for the small integer
/// tensors exporters compute shapes with), then applies the MAC convention of <see cref="MacRules"/>.
/// Whatever cannot be counted is named in <see cref="ModelCount.Warnings"/>, never silently counted as zero.
/// </summary>
public static class OnnxModelCounter
{
    public static ModelCount Count(ModelProto model, CountOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new CountOptions();
        options.Validate();
        var graph = model.Graph ?? throw new ArgumentException("the model has no graph", nameof(model));
        List<string> warnings = [];
        var opset = DefaultOpset(model, warnings);

        var inputs = new InputResolver(options);
        inputs.Resolve(graph);
        warnings.AddRange(inputs.Warnings);

        var (initializerElements, parameters, external) = ParameterTally.Count(graph);
        if (external > 0)
        {
            warnings.Add($"{external} initializer(s) keep their data in external files, which were not read; " +
                "parameters are counted from their declared dims");
        }

        var known = new Dictionary<string, TensorFact>(inputs.Facts, StringComparer.Ordinal);
        foreach (var initializer in graph.Initializer)
        {
            known.TryAdd(initializer.Name, TensorData.ToFact(initializer));
        }

        var shapes = ShapeInference.Run(graph, opset, known, inputs.Unresolved, new DeclaredShapes(graph, inputs.Symbols));
        warnings.AddRange(shapes.Warnings);
        var nodes = CountNodes(graph, shapes, warnings);
        var outputs = graph.Output.Select(o => new TensorSignature(
            o.Name,
            ElementTypes.Name(shapes[o.Name]?.ElementType ?? o.Type?.TensorType?.ElemType ?? ElementTypes.Undefined),
            InputResolver.Declared(o),
            shapes[o.Name]?.Shape.ToImmutableArray()));

        return new ModelCount(
            options,
            initializerElements,
            parameters,
            nodes.Sum(n => n.Macs),
            nodes.GroupBy(n => n.OpType).ToImmutableSortedDictionary(g => g.Key, g => new OperatorMacs(g.Sum(n => n.Macs), g.Count()), StringComparer.Ordinal),
            [.. nodes],
            [.. inputs.Signatures],
            [.. outputs],
            [.. warnings],
            FoldedBatchNorm(graph));
    }

    // A PyTorch export folds BatchNorm into the preceding convolution (eval mode, constant folding): the BN node vanishes and
    // the convolution gains a bias. With no BN left and biased convolutions present, say so rather than count silently low.
    private static FoldedBatchNorm? FoldedBatchNorm(GraphProto graph)
    {
        if (graph.Node.Any(n => n.OpType == "BatchNormalization"))
        {
            return null;
        }

        var convolutions = graph.Node.Where(n => n.OpType == "Conv").ToList();
        var initializers = graph.Initializer.ToDictionary(i => i.Name, i => i.Dims.Aggregate(1L, (a, d) => a * d), StringComparer.Ordinal);
        var biases = convolutions.Where(n => n.Input.Count >= 3 && n.Input[2].Length > 0 && initializers.ContainsKey(n.Input[2]))
            .Select(n => initializers[n.Input[2]]).ToList();
        return biases.Count == 0 ? null : new FoldedBatchNorm(convolutions.Count, biases.Count, biases.Sum());
    }

    private static List<NodeMacs> CountNodes(GraphProto graph, GraphShapes shapes, List<string> warnings)
    {
        var nodes = new List<NodeMacs>(graph.Node.Count);
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            long macs = 0;
            // Nodes left unknown are already in the warning of the node or input that caused it.
            if (shapes.Nodes[i] != ShapeSource.Unknown)
            {
                var computed = MacRules.Compute(node, name => shapes[name]);
                if (computed is null)
                {
                    warnings.Add($"MACs of {ShapeInference.Describe(node, i)} are not counted: the shape of its input is unknown");
                }

                macs = computed ?? 0;
            }

            var output = node.Output.Count > 0 ? shapes[node.Output[0]] : null;
            nodes.Add(new NodeMacs(i, node.Name, ShapeInference.OpName(node), macs, output?.Shape.ToImmutableArray()));
        }

        return nodes;
    }

    // The ai.onnx opset decides how some operators read their inputs (Resize's scales moved in opset 11).
    private static long DefaultOpset(ModelProto model, List<string> warnings)
    {
        var import = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx");
        if (import is null)
        {
            warnings.Add("the model imports no ai.onnx opset; operators are read by their newest form");
            return 0;
        }

        return import.Version;
    }
}
