using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Jobs;

namespace LowFormerBench.Core.Suites;

/// <summary>
/// A validated suite: models × device selectors × scenarios × batch sizes × resolutions × precisions ×
/// providers. Everything but the name, the models and the scenarios has a default. <paramref name="Profile"/>
/// asks every job for an operator profile, taken in a separate pass after its timed window. <paramref name="BatchSweep"/>,
/// when set, gives the throughput scenario's batches (one job each), so that the best-throughput batch can be picked
/// per configuration afterwards (<see cref="Results.BestBatch"/>).
/// </summary>
public sealed record Suite(
    string Name,
    IReadOnlyList<SuiteModel> Models,
    IReadOnlyList<Scenario> Scenarios,
    IReadOnlyDictionary<Scenario, IReadOnlyList<int>> BatchSizes,
    IReadOnlyList<int> Resolutions,
    IReadOnlyList<Precision> Precisions,
    IReadOnlyList<string> Providers,
    IReadOnlyDictionary<string, string> ProviderOptions,
    IReadOnlyList<DeviceSelector> Devices,
    MeasurementBudget Budget,
    bool Profile = false,
    IReadOnlyList<int>? BatchSweep = null)
{
    public const int DefaultResolution = 224;
    public const Precision DefaultPrecision = Precision.Fp32;
    public const string DefaultProvider = "CPUExecutionProvider";
    public const int DefaultThroughputBatch = 16;

    /// <summary>Batch sizes of a scenario: the sweep's for throughput, else the suite's own, else 1 for latency and 16 for throughput.</summary>
    public IReadOnlyList<int> BatchSizesFor(Scenario scenario) =>
        scenario == Scenario.Throughput && BatchSweep is { Count: > 0 } sweep ? sweep
        : BatchSizes.TryGetValue(scenario, out var sizes) ? sizes
        : scenario == Scenario.Latency ? [1] : [DefaultThroughputBatch];
}
