using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Statistics;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Agent.Jobs;

/// <summary>A wire assignment as the measurement library's request.</summary>
internal static class AssignmentMapping
{
    public static MeasurementRequest ToRequest(this JobAssignment a, string modelPath) => new(
        modelPath,
        a.Scenario,
        a.Batch,
        a.Resolution,
        a.Precision,
        a.Provider,
        a.ProviderOptions.ToDictionary(o => o.Key, o => o.Value),
        // proto3 leaves an unset number at 0: that means "the library's default", never "no iterations".
        a.MinIterations > 0 ? a.MinIterations : StopRule.DefaultMinIterations,
        a.MaxIterations > 0 ? a.MaxIterations : StopRule.DefaultMaxIterations,
        a.TimeBudgetMs > 0 ? TimeSpan.FromMilliseconds(a.TimeBudgetMs) : null,
        a.WarmupBudgetMs > 0 ? TimeSpan.FromMilliseconds(a.WarmupBudgetMs) : null,
        Profile: a.Profile,
        Runtime: Runtime.FromWire(a.Runtime));
}
