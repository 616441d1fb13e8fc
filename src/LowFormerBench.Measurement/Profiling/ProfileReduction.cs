using LowFormerBench.Core.Results;
using System.Collections.Immutable;

namespace LowFormerBench.Measurement.Profiling;

/// <summary>
/// Joins ORT's kernel times with the zoo counter's MACs per node. The profile is taken at the job's own
/// optimisation level, so ORT has fused and renamed nodes; each kernel is attributed to a model node by,
/// in order: its exact name; the longest node name it starts with before a '/' (ORT's fusions name the new
/// node "&lt;node&gt;/&lt;Fusion&gt;/"); for layout-transformed kernels "&lt;output tensor&gt;_nchwc", the node producing
/// that tensor, walking back through the zero-MAC nodes folded into it (BatchNormalization, activations)
/// to the node of the kernel's own operator. A fused Conv+BN+Relu therefore carries the Conv's MACs and
/// the time of all three. Kernels ORT inserted (layout reorders, decomposed activations) keep their time,
/// carry no MACs and are grouped under ORT's operator name; model nodes with MACs that no kernel claims
/// are named in the notes and left out of the MAC total the shares divide by.
/// </summary>
public static class ProfileReduction
{
    private const string NchwcSuffix = "_nchwc";

    // How many folded nodes (BN, activation, residual add) may sit between a kernel's output tensor and its root node.
    private const int MaxFoldedSteps = 4;

    public static OperatorProfile Reduce(ProfiledKernels kernels, ModelNodes model, string optimizationLevel)
    {
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentNullException.ThrowIfNull(model);
        var claimed = new HashSet<ModelNode>();
        var rows = new List<(KernelTime Kernel, ModelNode? Node, long Macs)>();
        var unmatched = 0;
        foreach (var kernel in kernels.Kernels)
        {
            var node = Attribute(kernel, model);
            unmatched += node is null ? 1 : 0;

            // A node split into several kernels counts its MACs once, on the first.
            var macs = node is not null && claimed.Add(node) ? node.Macs : 0;
            rows.Add((kernel, node, macs));
        }

        var totalMs = rows.Sum(r => r.Kernel.Ms);
        var attributed = rows.Sum(r => r.Macs);
        var nodes = rows
            .Select(r => new NodeShare(r.Kernel.Node, r.Kernel.Op, r.Node?.Name, r.Node?.Category ?? r.Kernel.Op, r.Kernel.Provider,
                r.Kernel.Ms, Share(r.Kernel.Ms, totalMs), r.Macs, Share(r.Macs, attributed)))
            .OrderByDescending(n => n.TimeMs)
            .ToImmutableArray();
        var operators = nodes
            .GroupBy(n => n.OpType, StringComparer.Ordinal)
            .Select(g => new OperatorShare(g.Key, g.Count(), g.Sum(n => n.TimeMs), Share(g.Sum(n => n.TimeMs), totalMs), g.Sum(n => n.Macs),
                Share(g.Sum(n => n.Macs), attributed)))
            .OrderByDescending(o => o.TimeMs)
            .ToImmutableArray();

        var notes = new List<string>
        {
            $"profiled at graph optimisation level '{optimizationLevel}' over {kernels.Runs} run(s) after a cold one; " +
            "fused kernels carry the MACs of the node they were fused into and the time of all of them",
        };
        if (unmatched > 0)
        {
            notes.Add($"{unmatched} kernel(s) inserted by ONNX Runtime (layout reorders, decomposed activations) match no model node: their time counts, they carry no MACs");
        }

        var missed = model.All.Where(n => n.Macs > 0 && !claimed.Contains(n)).ToList();
        if (missed.Count > 0)
        {
            notes.Add($"{missed.Count} model node(s) with MACs matched no kernel ({missed.Sum(n => n.Macs):N0} MACs, e.g. '{missed[0].Name}'): left out of the MAC shares");
        }

        return new OperatorProfile(kernels.Runs, optimizationLevel, totalMs, model.Macs, attributed, operators, nodes, [.. notes]);
    }

    private static ModelNode? Attribute(KernelTime kernel, ModelNodes model)
    {
        if (model.Named(kernel.Node) is { } exact)
        {
            return exact;
        }

        if (model.Prefixing(kernel.Node) is { } fused)
        {
            return fused;
        }

        var tensor = kernel.Node.EndsWith(NchwcSuffix, StringComparison.Ordinal) ? kernel.Node[..^NchwcSuffix.Length] : null;
        var node = tensor is null ? null : model.Producing(tensor);
        for (var step = 0; node is not null && step <= MaxFoldedSteps; step++)
        {
            if (SameOperator(kernel.Op, node.OpType))
            {
                return node;
            }

            node = node.Inputs.Length > 0 ? model.Producing(node.Inputs[0]) : null;
        }

        return null;
    }

    private static bool SameOperator(string kernelOp, string modelOp) =>
        kernelOp == modelOp
        || (kernelOp == "FusedConv" && modelOp == "Conv")
        || (kernelOp is "FusedMatMul" or "FusedGemm" && modelOp is "MatMul" or "Gemm");

    private static double Share(double part, double whole) => whole > 0 ? part / whole : 0;
}
