namespace LowFormerBench.Core.Queries;

/// <summary>A stored model: a built-in zoo model at one resolution and precision, or an upload.</summary>
public sealed record ModelView(
    string Sha256,
    string DisplayName,
    string Source,
    string? ZooName,
    string? Family,
    int Resolution,
    string Precision,
    long SizeBytes,
    long Params,
    long Macs,
    double? Top1)
{
    /// <summary>Set when the model is a building-block probe.</summary>
    public Probes.ProbeFacts? Probe { get; init; }
}
