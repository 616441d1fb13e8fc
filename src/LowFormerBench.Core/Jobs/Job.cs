namespace LowFormerBench.Core.Jobs;

/// <summary>
/// A job owns its life cycle; every change goes through a method that refuses illegal moves, so the
/// scheduler, the stores and the gRPC layer cannot put a job into a state it cannot be in.
/// </summary>
public sealed class Job
{
    public const int DefaultMaxAttempts = 3;

    private readonly List<string> _lostAgents;

    public Job(long id, long campaignId, JobSpec spec, int maxAttempts = DefaultMaxAttempts)
        : this(id, campaignId, spec, JobState.Queued, 0, maxAttempts, null, null, null, null, [])
    {
    }

    /// <summary>Rehydrates a stored job.</summary>
    public Job(long id, long campaignId, JobSpec spec, JobState state, int attempts, int maxAttempts, string? agentId,
        DateTimeOffset? leaseExpiresAt, string? error, string? phase, IEnumerable<string> lostAgents)
    {
        Id = id;
        CampaignId = campaignId;
        Spec = spec;
        State = state;
        Attempts = attempts;
        MaxAttempts = maxAttempts;
        AgentId = agentId;
        LeaseExpiresAt = leaseExpiresAt;
        Error = error;
        Phase = phase;
        _lostAgents = [.. lostAgents];
    }

    public long Id { get; }

    public long CampaignId { get; }

    public JobSpec Spec { get; }

    public JobState State { get; private set; }

    /// <summary>Leases granted so far; the current attempt's number while held.</summary>
    public int Attempts { get; private set; }

    public int MaxAttempts { get; }

    /// <summary>The agent holding the job, or the one that finished it.</summary>
    public string? AgentId { get; private set; }

    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The agent's last reported phase (fetching, measuring, ...).</summary>
    public string? Phase { get; private set; }

    /// <summary>Agents that lost this job (went silent or crashed holding it), in order.</summary>
    public IReadOnlyList<string> LostAgents => _lostAgents;

    public void Lease(string agentId, DateTimeOffset now, TimeSpan ttl)
    {
        Require(JobState.Queued, "lease");
        State = JobState.Leased;
        Attempts++;
        AgentId = agentId;
        LeaseExpiresAt = now + ttl;
        Phase = null;
        Error = null;
    }

    /// <summary>The agent reported progress: the job runs, and its lease is renewed.</summary>
    public void ReportProgress(int attempt, string phase, DateTimeOffset now, TimeSpan ttl)
    {
        RequireHeldAttempt(attempt, "report progress");
        State = JobState.Running;
        Phase = phase;
        LeaseExpiresAt = now + ttl;
    }

    public void Renew(DateTimeOffset now, TimeSpan ttl)
    {
        if (!State.IsHeld())
        {
            throw new IllegalTransitionException(Id, State, "renew its lease");
        }

        LeaseExpiresAt = now + ttl;
    }

    public void Succeed(int attempt)
    {
        RequireHeldAttempt(attempt, "succeed");
        State = JobState.Succeeded;
        LeaseExpiresAt = null;
        Phase = null;
    }

    /// <summary>
    /// The agent could not measure. A permanent failure (bad model, missing provider) ends the job; a
    /// transient one queues it again while attempts remain.
    /// </summary>
    public void Fail(int attempt, string reason, bool permanent)
    {
        RequireHeldAttempt(attempt, "fail");
        LeaseExpiresAt = null;
        Error = reason;
        if (permanent || Scheduling.LeasePolicy.AttemptsUsed(Attempts, MaxAttempts))
        {
            State = JobState.Failed;
            Error = permanent ? reason : $"{reason} (gave up after {Attempts} attempts)";
        }
        else
        {
            State = JobState.Queued;
            AgentId = null;
        }
    }

    /// <summary>
    /// The lease lapsed: the agent went silent or crashed. Queued again while attempts remain; a job that
    /// keeps losing its agents is failed (crash-loop breaker) with the agents named.
    /// </summary>
    /// <param name="agentLabel">How to name the agent in the job's history (its name, not its id).</param>
    public void Expire(DateTimeOffset now, string? agentLabel = null)
    {
        if (!State.IsHeld())
        {
            throw new IllegalTransitionException(Id, State, "expire");
        }

        if (LeaseExpiresAt > now)
        {
            throw new InvalidOperationException($"job {Id}: lease runs until {LeaseExpiresAt:O}, not expired at {now:O}");
        }

        LoseAgent(agentLabel);
    }

    /// <summary>The agent lost the job: a fresh process that cannot be running it, or one that forgot it.</summary>
    public void AgentLost(string? agentLabel = null) => LoseAgent(agentLabel);

    /// <summary>A draining agent gives the job back unmeasured; this does not count as an attempt.</summary>
    public void HandBack(int attempt)
    {
        RequireHeldAttempt(attempt, "hand back");
        State = JobState.Queued;
        Attempts--;
        AgentId = null;
        LeaseExpiresAt = null;
        Phase = null;
    }

    public void Cancel()
    {
        if (State.IsFinished())
        {
            throw new IllegalTransitionException(Id, State, "cancel");
        }

        State = JobState.Cancelled;
        LeaseExpiresAt = null;
        Phase = null;
    }

    private void LoseAgent(string? agentLabel)
    {
        if (!State.IsHeld())
        {
            throw new IllegalTransitionException(Id, State, "lose its agent");
        }

        _lostAgents.Add(agentLabel ?? AgentId ?? "?");
        LeaseExpiresAt = null;
        Phase = null;
        if (Scheduling.LeasePolicy.AfterLoss(Attempts, MaxAttempts) == Scheduling.LeaseLapse.Failed)
        {
            State = JobState.Failed;
            Error = $"crash-loop breaker: the job lost its agent {Attempts} times ({string.Join(", ", _lostAgents)}); " +
                    "it is not retried. Check the model on one device with 'lfb measure'.";
        }
        else
        {
            State = JobState.Queued;
            AgentId = null;
        }
    }

    private void Require(JobState expected, string action)
    {
        if (State != expected)
        {
            throw new IllegalTransitionException(Id, State, action);
        }
    }

    private void RequireHeldAttempt(int attempt, string action)
    {
        if (!State.IsHeld() || attempt != Attempts)
        {
            throw new IllegalTransitionException(Id, State, $"{action} for attempt {attempt} (current attempt {Attempts})");
        }
    }
}
