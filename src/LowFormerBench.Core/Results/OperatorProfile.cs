using LowFormerBench.Core.Results;
using System.Collections.Immutable;

namespace LowFormerBench.Core.Results;

/// <summary>
/// Where the time of one inference goes, per operator type and per node, next to where the MACs are:
/// the paper's point made visible (depthwise convolutions and attention cost more time than their MACs say).
/// Taken in a separate pass with ONNX Runtime's profiler on, never from the timed window (profiling perturbs timing).
/// </summary>
/// <param name="ProfiledRuns">Inferences averaged (the first, cold one is dropped).</param>
/// <param name="OptimizationLevel">Graph optimisation level of the profiled session: the job's own, so the kernels are the ones measured.</param>
/// <param name="KernelMs">Sum of kernel times of one inference, milliseconds (excludes the executor's own overhead).</param>
/// <param name="ModelMacs">MACs of the whole model as the zoo counter counts them.</param>
/// <param name="AttributedMacs">MACs of model nodes that a profiled kernel was attributed to; the MAC shares are over this.</param>
/// <param name="Operators">Per operator type, largest time share first.</param>
/// <param name="Nodes">Per kernel ONNX Runtime ran, largest time share first.</param>
/// <param name="Notes">How the kernels were attributed and what could not be.</param>
public sealed record OperatorProfile(
    int ProfiledRuns,
    string OptimizationLevel,
    double KernelMs,
    long ModelMacs,
    long AttributedMacs,
    ImmutableArray<OperatorShare> Operators,
    ImmutableArray<NodeShare> Nodes,
    ImmutableArray<string> Notes);

/// <summary>One operator type's share of time and of MACs.</summary>
/// <param name="OpType">The model's operator type; convolutions split into "Conv (depthwise)" and "Conv (grouped)"; kernels ORT inserted keep ORT's name.</param>
/// <param name="Kernels">Profiled kernels of this type.</param>
/// <param name="TimeMs">Kernel time per inference, milliseconds.</param>
/// <param name="TimeShare">Fraction of <see cref="OperatorProfile.KernelMs"/>.</param>
/// <param name="Macs">MACs attributed to these kernels.</param>
/// <param name="MacShare">Fraction of <see cref="OperatorProfile.AttributedMacs"/>.</param>
public sealed record OperatorShare(string OpType, int Kernels, double TimeMs, double TimeShare, long Macs, double MacShare);

/// <summary>One kernel ONNX Runtime ran, and the model node it stands for.</summary>
/// <param name="Kernel">Node name as ORT's profiler reports it (may be a fused or generated name).</param>
/// <param name="KernelOp">ORT's operator, e.g. "FusedConv".</param>
/// <param name="ModelNode">The model node it was attributed to, or null for nodes ORT inserted (layout reorders, decompositions).</param>
/// <param name="OpType">Operator type used for grouping (see <see cref="OperatorShare.OpType"/>).</param>
/// <param name="Provider">Execution provider that ran it.</param>
/// <param name="TimeMs">Time per inference, milliseconds.</param>
/// <param name="TimeShare">Fraction of the kernel time.</param>
/// <param name="Macs">MACs attributed to it.</param>
/// <param name="MacShare">Fraction of the attributed MACs.</param>
public sealed record NodeShare(
    string Kernel, string KernelOp, string? ModelNode, string OpType, string Provider, double TimeMs, double TimeShare, long Macs, double MacShare);
