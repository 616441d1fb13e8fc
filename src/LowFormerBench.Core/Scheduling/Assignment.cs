using LowFormerBench.Core.Jobs;

namespace LowFormerBench.Core.Scheduling;

/// <summary>A job leased to an agent: what the gateway tells the agent to run (it maps this to the wire message).</summary>
/// <param name="ReferenceModelSizeBytes">Size of a paired job's reference model; 0 for an ordinary job.</param>
public sealed record Assignment(long JobId, int Attempt, JobSpec Spec, long ModelSizeBytes, long ReferenceModelSizeBytes);

/// <summary>What the scheduler tells one connected agent.</summary>
public abstract record AgentInstruction;

/// <summary>Run this job.</summary>
public sealed record AssignJob(Assignment Assignment) : AgentInstruction;

/// <summary>Stop the job: its campaign was cancelled.</summary>
public sealed record CancelAssignment(long JobId) : AgentInstruction;
