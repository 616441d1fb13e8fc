namespace LowFormerBench.ModelZoo.Probes;

/// <summary>A probe request that cannot be built: every problem, each naming the probe, the parameter and what it accepts.</summary>
public sealed class ProbeRequestException(IReadOnlyList<string> errors)
    : ArgumentException(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
