using LowFormerBench.Core.Devices;

namespace LowFormerBench.Core.Jobs;

/// <summary>One model on one kind of device in one configuration: what a job measures.</summary>
/// <param name="ModelSha256">The ONNX file, by content.</param>
/// <param name="ModelDisplayName">Name shown in results; the same across campaigns so runs can be compared.</param>
/// <param name="Profile">Also take an operator profile (a separate pass; stored with the result).</param>
/// <param name="Reference">Paired run: the baseline's model, measured interleaved with this one in the same job; null for an ordinary job.</param>
public sealed record JobSpec(
    string ModelSha256,
    string ModelDisplayName,
    Scenario Scenario,
    int Batch,
    int Resolution,
    Precision Precision,
    string Provider,
    IReadOnlyDictionary<string, string> ProviderOptions,
    DeviceSelector Selector,
    MeasurementBudget Budget,
    bool Profile = false,
    PairedReference? Reference = null)
{
    /// <summary>The largest batch a job may ask for (a suite's batch_sizes, a batch sweep, lfb measure): one limit everywhere.</summary>
    public const int MaxBatch = 4096;
}

/// <summary>
/// The baseline side of a paired job (<c>lfb ci --paired</c>): the model the baseline campaign measured for the same row,
/// run by the agent in alternating blocks with the job's own model on the same device at the same time.
/// </summary>
/// <param name="ModelSha256">The baseline job's ONNX file, by content.</param>
/// <param name="BaselineJobId">The baseline job it was taken from.</param>
/// <param name="BaselineCampaignId">The baseline campaign.</param>
public sealed record PairedReference(string ModelSha256, long BaselineJobId, long BaselineCampaignId);
