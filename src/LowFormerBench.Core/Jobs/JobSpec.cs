using LowFormerBench.Core.Devices;

namespace LowFormerBench.Core.Jobs;

/// <summary>One model on one kind of device in one configuration: what a job measures.</summary>
/// <param name="ModelSha256">The ONNX file, by content.</param>
/// <param name="ModelDisplayName">Name shown in results; the same across campaigns so runs can be compared.</param>
/// <param name="Profile">Also take an operator profile (a separate pass; stored with the result).</param>
public sealed record JobSpec(
    string ModelSha256,
    string ModelDisplayName,
    Scenario Scenario,
    int Batch,
    int Resolution,
    string Precision,
    string Provider,
    IReadOnlyDictionary<string, string> ProviderOptions,
    DeviceSelector Selector,
    MeasurementBudget Budget,
    bool Profile = false);
