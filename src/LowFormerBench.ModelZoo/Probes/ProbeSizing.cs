namespace LowFormerBench.ModelZoo.Probes;

/// <summary>How a comparison's variants relate to its reference.</summary>
public enum ProbeSizing
{
    /// <summary>Each variant's channels are sized so that its MACs equal the reference's within <see cref="EqualMacSizer.Tolerance"/>.</summary>
    EqualMacs,

    /// <summary>Every variant takes the same input and gives the same output shape; MACs differ and the difference is reported.</summary>
    EqualShape,
}
