namespace LowFormerBench.Core.Results;

/// <summary>Everything an agent reports for one attempt of one job.</summary>
public sealed record MeasurementReport(
    long JobId,
    int Attempt,
    ReportedSummary Summary,
    IReadOnlyList<double> SamplesMs,
    IReadOnlyList<EnvironmentRecord> Environment,
    string EnvironmentFingerprint,
    string InputShape,
    bool ModelFromCache,
    string? OperatorProfileJson,
    PairedReferenceSamples? Reference = null)
{
    public bool Throttled => Environment.Any(e => e.Throttled);
}

/// <summary>A paired job's reference side: the baseline's model and every sample of it, taken interleaved with the job's own.</summary>
public sealed record PairedReferenceSamples(string ModelSha256, IReadOnlyList<double> SamplesMs);
