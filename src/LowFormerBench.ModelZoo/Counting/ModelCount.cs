using System.Collections.Immutable;

namespace LowFormerBench.ModelZoo.Counting;

/// <summary>Parameters and MACs of an ONNX model at one batch size and resolution, computed once.</summary>
/// <param name="InitializerElements">Elements of every initializer, whatever its type or use.</param>
/// <param name="Parameters">
/// Trainable parameters in the PyTorch convention: floating-point weight tensors, without BatchNormalization's
/// running mean and variance, integer tensors, or operands that configure an operator (Resize scales, Clip
/// bounds, Pad values). Weights stored in Constant nodes count too (paddle2onnx stores them so), except
/// one-element constants, which exporters write for literals such as GELU's √2.
/// </param>
/// <param name="Macs">Multiply-accumulates of the whole batch: Conv, ConvTranspose, Gemm and MatMul (ptflops/fvcore convention).</param>
/// <param name="MacsByOperator">Operator type → MACs and node count; every operator in the graph appears.</param>
/// <param name="Nodes">Every node in graph order, for operator profiles.</param>
/// <param name="Warnings">What could not be counted, and why; empty when the count is complete.</param>
/// <param name="FoldedBatchNorm">
/// Set when BatchNormalization looks folded into the convolutions (an export optimisation): <paramref name="Parameters"/> is
/// then the file's tensors, below PyTorch's count of the unfolded model.
/// </param>
public sealed record ModelCount(
    CountOptions Options,
    long InitializerElements,
    long Parameters,
    long Macs,
    ImmutableSortedDictionary<string, OperatorMacs> MacsByOperator,
    ImmutableArray<NodeMacs> Nodes,
    ImmutableArray<TensorSignature> Inputs,
    ImmutableArray<TensorSignature> Outputs,
    ImmutableArray<string> Warnings,
    FoldedBatchNorm? FoldedBatchNorm = null);

/// <summary>
/// BatchNorm folded into convolutions: the file has no BatchNormalization node, and <paramref name="BiasedConvolutions"/> of
/// its <paramref name="Convolutions"/> carry a bias of <paramref name="BiasElements"/> elements in all. Unfolded, each such
/// channel had a BN's γ and β (2) and no bias (0): PyTorch's convention counts up to <paramref name="BiasElements"/> more.
/// </summary>
public sealed record FoldedBatchNorm(int Convolutions, int BiasedConvolutions, long BiasElements)
{
    public string Describe(long parameters) =>
        $"parameters are counted from the file's tensors: it has no BatchNormalization and {BiasedConvolutions} of its {Convolutions} " +
        $"convolutions carry a bias, so BatchNorm was most likely folded into them at export. PyTorch's convention counts each folded " +
        $"BatchNorm's γ and β instead of the bias: up to {BiasElements:N0} more ({parameters + BiasElements:N0}, " +
        $"+{(parameters > 0 ? (double)BiasElements / parameters : 0):0.00%}) for the unfolded model";
}

/// <summary>MACs and node count of one operator type.</summary>
public sealed record OperatorMacs(long Macs, int Nodes);

/// <summary>One node's MACs.</summary>
/// <param name="Index">Position in the graph's node list.</param>
/// <param name="Name">The node's name (may be empty: ONNX does not require names).</param>
/// <param name="OpType">Operator type, prefixed by its domain outside ai.onnx.</param>
/// <param name="OutputShape">Shape of the first output, or null when it could not be inferred.</param>
public sealed record NodeMacs(int Index, string Name, string OpType, long Macs, IReadOnlyList<long>? OutputShape);

/// <summary>A graph input or output.</summary>
/// <param name="ElementType">numpy-style name, e.g. <c>float32</c>.</param>
/// <param name="DeclaredDims">Dimensions as the file declares them: numbers, symbols, or "?" for neither; null when no shape is declared.</param>
/// <param name="ResolvedDims">The concrete shape counted with, or null when it stayed unknown (see the warnings).</param>
public sealed record TensorSignature(string Name, string ElementType, IReadOnlyList<string>? DeclaredDims, IReadOnlyList<long>? ResolvedDims)
{
    public bool IsResolved => ResolvedDims is not null;
}
