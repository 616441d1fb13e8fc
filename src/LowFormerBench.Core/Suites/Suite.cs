using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Jobs;

namespace LowFormerBench.Core.Suites;

/// <summary>
/// A validated suite: models × device selectors × scenarios × batch sizes × resolutions × precisions ×
/// providers. Everything but the name, the models and the scenarios has a default. <paramref name="Profile"/>
/// asks every job for an operator profile, taken in a separate pass after its timed window.
/// </summary>
public sealed record Suite(
    string Name,
    IReadOnlyList<SuiteModel> Models,
    IReadOnlyList<Scenario> Scenarios,
    IReadOnlyDictionary<Scenario, IReadOnlyList<int>> BatchSizes,
    IReadOnlyList<int> Resolutions,
    IReadOnlyList<string> Precisions,
    IReadOnlyList<string> Providers,
    IReadOnlyDictionary<string, string> ProviderOptions,
    IReadOnlyList<DeviceSelector> Devices,
    MeasurementBudget Budget,
    bool Profile = false)
{
    public const int DefaultResolution = 224;
    public const string DefaultPrecision = "fp32";
    public const string DefaultProvider = "CPUExecutionProvider";
    public const int DefaultThroughputBatch = 16;

    /// <summary>Batch sizes of a scenario: the suite's own, else 1 for latency and 16 for throughput.</summary>
    public IReadOnlyList<int> BatchSizesFor(Scenario scenario) =>
        BatchSizes.TryGetValue(scenario, out var sizes) ? sizes : scenario == Scenario.Latency ? [1] : [DefaultThroughputBatch];
}
