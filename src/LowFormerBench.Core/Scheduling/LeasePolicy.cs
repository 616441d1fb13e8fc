using LowFormerBench.Core.Jobs;

namespace LowFormerBench.Core.Scheduling;

/// <summary>What happened to a job whose agent lost it.</summary>
public enum LeaseLapse
{
    /// <summary>Attempts remain: the job waits in the queue for another agent.</summary>
    Requeued,

    /// <summary>The job used its attempts (crash-loop breaker): it is failed.</summary>
    Failed,
}

/// <summary>
/// The rules of a lease, apart from the mechanics of claiming one (today the dispatcher's in-memory working set
/// written through to <c>JobStore.SaveLeaseAsync</c>; a database claim by several replicas can replace that part
/// without touching these rules): how long a lease lasts, when it has lapsed, what a lapse does, and how attempts count.
/// </summary>
public sealed class LeasePolicy
{
    public LeasePolicy(TimeSpan ttl, int maxAttempts, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        Ttl = ttl;
        MaxAttempts = maxAttempts;
        Time = time;
    }

    public TimeSpan Ttl { get; }

    /// <summary>Leases a job may be granted before a loss or a transient failure fails it.</summary>
    public int MaxAttempts { get; }

    public TimeProvider Time { get; }

    /// <summary>True once a job has been leased as often as it may be: a further loss or transient failure ends it.</summary>
    public static bool AttemptsUsed(int attempts, int maxAttempts) => attempts >= maxAttempts;

    /// <summary>What losing its agent does to a job with these attempts.</summary>
    public static LeaseLapse AfterLoss(int attempts, int maxAttempts) => AttemptsUsed(attempts, maxAttempts) ? LeaseLapse.Failed : LeaseLapse.Requeued;

    /// <summary>Grants the next attempt of a queued job to an agent, until now + TTL.</summary>
    public void Grant(Job job, string agentId) => job.Lease(agentId, Time.GetUtcNow(), Ttl);

    /// <summary>The agent showed it still holds the job (a heartbeat naming it, a reconnect, a coordinator restart).</summary>
    public void Renew(Job job) => job.Renew(Time.GetUtcNow(), Ttl);

    /// <summary>The agent reported a phase: the job runs, and its lease is renewed.</summary>
    public void Progress(Job job, int attempt, string phase) => job.ReportProgress(attempt, phase, Time.GetUtcNow(), Ttl);

    public bool HasLapsed(Job job) => job.State.IsHeld() && job.LeaseExpiresAt <= Time.GetUtcNow();

    /// <summary>The held jobs whose leases lapsed by now, in the order given.</summary>
    public IReadOnlyList<Job> Lapsed(IEnumerable<Job> jobs)
    {
        var now = Time.GetUtcNow();
        return [.. jobs.Where(j => j.State.IsHeld() && j.LeaseExpiresAt <= now)];
    }

    /// <summary>A lapsed lease: the job is queued again or, past its attempts, failed.</summary>
    /// <param name="agentLabel">How the job's history names the agent (its name, not its id).</param>
    public LeaseLapse Expire(Job job, string agentLabel)
    {
        job.Expire(Time.GetUtcNow(), agentLabel);
        return job.State == JobState.Queued ? LeaseLapse.Requeued : LeaseLapse.Failed;
    }

    /// <summary>The agent cannot be running the job (a fresh process, or it stopped naming the job): as a lapse, at once.</summary>
    public LeaseLapse Lose(Job job, string agentLabel)
    {
        job.AgentLost(agentLabel);
        return job.State == JobState.Queued ? LeaseLapse.Requeued : LeaseLapse.Failed;
    }
}
