namespace LowFormerBench.Core.Results;

/// <summary>
/// What the coordinator did with a result report. A result is keyed by (job, attempt): only the attempt that holds
/// the job's lease is accepted, once; everything else is acknowledged (so the agent stops re-sending) but stored,
/// at most, as evidence.
/// </summary>
public enum ReportOutcome
{
    /// <summary>Stored now as the job's result.</summary>
    Accepted,

    /// <summary>The same (job, attempt) was accepted before: a re-sent report, stored nothing.</summary>
    Duplicate,

    /// <summary>From an attempt that no longer holds the job (lease lost, job already succeeded or ended): kept as a late result.</summary>
    Late,

    /// <summary>Failed the coordinator's checks (a number not finite or out of range, too many samples, an unreadable profile): nothing stored, the attempt failed with the reasons.</summary>
    Refused,
}
