namespace LowFormerBench.Core.Regression;

/// <summary>What makes two results comparable: the same model name measured the same way on the same agent.</summary>
public sealed record RowKey(string Model, string Agent, string Scenario, int Batch, int Resolution, string Precision, string Provider)
{
    public override string ToString() => $"{Model} on {Agent}: {Scenario} b{Batch} {Resolution}px {Precision} {Provider}";
}

/// <summary>One side of a comparison: a result's key, environment fingerprint and every raw sample (ms).</summary>
/// <param name="ReferenceSamplesMs">
/// A paired job's samples of the baseline's model, taken interleaved with <paramref name="SamplesMs"/> on the same device
/// in the same job; null for an ordinary result.
/// </param>
public sealed record MeasuredRow(RowKey Key, string EnvironmentFingerprint, IReadOnlyList<double> SamplesMs, IReadOnlyList<double>? ReferenceSamplesMs = null);
