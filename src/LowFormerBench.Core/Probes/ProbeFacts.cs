namespace LowFormerBench.Core.Probes;

/// <summary>What makes a stored model a building-block probe: its comparison and that comparison's reference variant.</summary>
/// <param name="MacResidual">MACs / reference MACs − 1.</param>
public sealed record ProbeFacts(string Family, string Comparison, string Variant, string Reference, double MacResidual);
