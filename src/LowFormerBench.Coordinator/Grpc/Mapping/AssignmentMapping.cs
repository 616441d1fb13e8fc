using LowFormerBench.Core.Jobs;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Coordinator.Grpc.Mapping;

/// <summary>A leased job as the agent receives it.</summary>
internal static class AssignmentMapping
{
    /// <param name="referenceSizeBytes">Size of a paired job's reference model (ignored for an ordinary job).</param>
    public static CoordinatorMessage ToAssignment(this Job job, long modelSizeBytes, long referenceSizeBytes = 0)
    {
        var spec = job.Spec;
        var assignment = new JobAssignment
        {
            JobId = job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Attempt = job.Attempts,
            ModelSha256 = spec.ModelSha256,
            ModelSizeBytes = modelSizeBytes,
            ModelDisplayName = spec.ModelDisplayName,
            Scenario = spec.Scenario.ToWire(),
            Batch = spec.Batch,
            Resolution = spec.Resolution,
            Precision = spec.Precision,
            Provider = spec.Provider,
            MinIterations = spec.Budget.MinIterations,
            MaxIterations = spec.Budget.MaxIterations,
            TimeBudgetMs = spec.Budget.TimeBudgetMs,
            WarmupBudgetMs = spec.Budget.WarmupBudgetMs,
            Profile = spec.Profile,
        };
        if (spec.Reference is { } reference)
        {
            assignment.ReferenceModelSha256 = reference.ModelSha256;
            assignment.ReferenceModelSizeBytes = referenceSizeBytes;
        }

        foreach (var (key, value) in spec.ProviderOptions)
        {
            assignment.ProviderOptions[key] = value;
        }

        return new CoordinatorMessage { Assignment = assignment };
    }
}
