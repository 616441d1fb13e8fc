using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Scheduling;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Coordinator.Grpc.Mapping;

/// <summary>The scheduler's instructions as the agent receives them.</summary>
internal static class AssignmentMapping
{
    public static CoordinatorMessage ToProto(this AgentInstruction instruction) => instruction switch
    {
        AssignJob assign => new CoordinatorMessage { Assignment = assign.Assignment.ToProto() },
        CancelAssignment cancel => new CoordinatorMessage { Cancel = new CancelJob { JobId = ReportMapping.FormatJobId(cancel.JobId) } },
        _ => throw new ArgumentOutOfRangeException(nameof(instruction), instruction, "no wire message for this instruction"),
    };

    public static JobAssignment ToProto(this Assignment a)
    {
        var spec = a.Spec;
        var assignment = new JobAssignment
        {
            JobId = ReportMapping.FormatJobId(a.JobId),
            Attempt = a.Attempt,
            ModelSha256 = spec.ModelSha256,
            ModelSizeBytes = a.ModelSizeBytes,
            ModelDisplayName = spec.ModelDisplayName,
            Scenario = spec.Scenario.ToWire(),
            Batch = spec.Batch,
            Resolution = spec.Resolution,
            Precision = spec.Precision.ToWire(),
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
            assignment.ReferenceModelSizeBytes = a.ReferenceModelSizeBytes;
        }

        foreach (var (key, value) in spec.ProviderOptions)
        {
            assignment.ProviderOptions[key] = value;
        }

        return assignment;
    }
}
