using LowFormerBench.Coordinator.Grpc.Mapping;
using LowFormerBench.Coordinator.Models;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator.Scheduling;

/// <summary>
/// The scheduler's working set: unfinished jobs and connected agents, in memory, written through to SQLite.
/// One gate serialises every decision, so a job is never leased twice and an agent never gets two jobs.
/// Partial files: agents (connect, heartbeats, leases), reports (progress, results, failures), canary (per-device reference runs).
/// </summary>
public sealed partial class Dispatcher(
    JobStore jobStore,
    ResultStore resultStore,
    CampaignStore campaignStore,
    AgentStore agentStore,
    ModelBlobStore blobs,
    CampaignFeed feed,
    Canary.CanaryPlan canary,
    CanaryQueries canaryQueries,
    IOptions<CoordinatorOptions> options,
    TimeProvider time,
    ILogger<Dispatcher> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<long, Job> _unfinished = [];
    private readonly SortedSet<long> _queued = [];
    private readonly Dictionary<string, AgentSession> _sessions = [];
    private readonly Dictionary<string, long> _modelSizes = [];
    private readonly Dictionary<string, string> _agentNames = [];

    // Unfinished jobs per campaign: a campaign's stored state can only change when its count reaches zero, so the
    // campaign row (a scan of all its jobs) is refreshed then, not after every job (quadratic at 20,000 jobs).
    private readonly Dictionary<long, int> _openPerCampaign = [];

    private CoordinatorOptions Options => options.Value;

    /// <summary>Loads unfinished jobs after a start or a crash. Held jobs get a fresh lease: their agents may reconnect and report.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            foreach (var job in await jobStore.LoadUnfinishedAsync(cancellationToken))
            {
                Track(job);
                if (job.State == JobState.Queued)
                {
                    _queued.Add(job.Id);
                }
                else
                {
                    job.Renew(now, Options.LeaseTtl);
                }
            }

            foreach (var campaignId in await campaignStore.RunningIdsAsync(CampaignKinds.Canary, cancellationToken))
            {
                _canaryCampaigns.Add(campaignId);
            }

            CoordinatorLog.JobsRecovered(logger, _unfinished.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task AddJobsAsync(IReadOnlyList<Job> jobs, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var job in jobs)
            {
                Track(job);
                _queued.Add(job.Id);
            }

            await AssignIdleAgentsAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task CancelCampaignAsync(long campaignId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var job in _unfinished.Values.Where(j => j.CampaignId == campaignId).ToList())
            {
                if (job.AgentId is { } agentId && _sessions.TryGetValue(agentId, out var session) && session.CurrentJobId == job.Id)
                {
                    session.Send(new Protos.V1.CoordinatorMessage { Cancel = new Protos.V1.CancelJob { JobId = job.Id.ToString() } });
                    session.CurrentJobId = null;
                }

                job.Cancel();
                await FinishAsync(job, cancellationToken);
            }

            await campaignStore.RefreshAsync(campaignId, cancellationToken);
            feed.Publish(campaignId);
            await AssignIdleAgentsAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Queued jobs of a campaign that no connected agent can run, with the reasons.</summary>
    public async Task<IReadOnlyList<string>> UnschedulableAsync(long campaignId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var reasons = new List<string>();
            foreach (var job in _queued.Select(id => _unfinished[id]).Where(j => j.CampaignId == campaignId))
            {
                if (_sessions.Count == 0)
                {
                    return ["no agent is connected"];
                }

                if (!_sessions.Values.Any(s => !s.Quarantined && JobMatcher.Matches(job.Spec, s.Name, s.Capabilities)))
                {
                    var why = string.Join("; ", _sessions.Values.Select(s => $"{s.Name}: {JobMatcher.Mismatch(job.Spec, s.Name, s.Capabilities) ?? "quarantined"}"));
                    reasons.Add($"job {job.Id} ({job.Spec.ModelDisplayName}, {job.Spec.Selector}): {why}");
                }
            }

            return reasons;
        }
        finally
        {
            _gate.Release();
        }
    }

    public IReadOnlyList<AgentSession> Sessions
    {
        get
        {
            lock (_sessions)
            {
                return [.. _sessions.Values];
            }
        }
    }

    // Gate held. Gives each idle agent the oldest queued job it can run.
    private async Task AssignIdleAgentsAsync(CancellationToken cancellationToken)
    {
        foreach (var session in _sessions.Values.Where(s => s.CanTakeWork).ToList())
        {
            await AssignAsync(session, cancellationToken);
        }
    }

    // Gate held. Sends the assignment before the lease is persisted: the agent starts at once, and a crash in
    // between only re-queues the job (its late result is then not accepted), never loses or duplicates one.
    private async Task AssignAsync(AgentSession session, CancellationToken cancellationToken)
    {
        if (!session.CanTakeWork)
        {
            return;
        }

        await QueueCanaryIfDueAsync(session, cancellationToken);
        var job = NextJobFor(session);
        if (job is null)
        {
            return;
        }

        job.Lease(session.AgentId, time.GetUtcNow(), Options.LeaseTtl);
        _queued.Remove(job.Id);
        session.CurrentJobId = job.Id;
        session.Send(job.ToAssignment(ModelSize(job.Spec.ModelSha256), job.Spec.Reference is { } reference ? ModelSize(reference.ModelSha256) : 0));
        CoordinatorLog.JobLeased(logger, job.Id, job.Attempts, session.Name);
        await jobStore.SaveLeaseAsync(job, cancellationToken);
        feed.Publish(job.CampaignId);
    }

    // Gate held. Persists a finished job (result-less ends) and drops it from the working set.
    private async Task FinishAsync(Job job, CancellationToken cancellationToken)
    {
        Untrack(job);
        _queued.Remove(job.Id);
        await jobStore.SaveAsync(job, cancellationToken);
    }

    // Gate held. Persists a job that went back to the queue or ended, and tells watchers.
    private async Task SettleAsync(Job job, CancellationToken cancellationToken)
    {
        if (job.State == JobState.Queued)
        {
            _queued.Add(job.Id);
            await jobStore.SaveAsync(job, cancellationToken);
        }
        else
        {
            await FinishAsync(job, cancellationToken);
            await RefreshIfSettledAsync(job.CampaignId, cancellationToken);
        }

        feed.Publish(job.CampaignId);
    }

    private void Track(Job job)
    {
        if (_unfinished.TryAdd(job.Id, job))
        {
            _openPerCampaign[job.CampaignId] = _openPerCampaign.GetValueOrDefault(job.CampaignId) + 1;
        }
    }

    private void Untrack(Job job)
    {
        if (_unfinished.Remove(job.Id) && _openPerCampaign.TryGetValue(job.CampaignId, out var open))
        {
            if (open <= 1)
            {
                _openPerCampaign.Remove(job.CampaignId);
            }
            else
            {
                _openPerCampaign[job.CampaignId] = open - 1;
            }
        }
    }

    // Gate held. Stores the campaign's end once its last unfinished job ended; while jobs remain it stays running.
    private async Task RefreshIfSettledAsync(long campaignId, CancellationToken cancellationToken)
    {
        if (!_openPerCampaign.ContainsKey(campaignId))
        {
            await campaignStore.RefreshAsync(campaignId, cancellationToken);
        }
    }

    // A job this agent lost goes to another capable agent when there is one: a silent or crashing device should
    // not get the same job straight back (it would also burn the job's attempts on one device).
    private bool BetterElsewhere(Job job, AgentSession session) =>
        job.LostAgents.Contains(session.Name)
        && _sessions.Values.Any(other => other != session && !other.Quarantined && !job.LostAgents.Contains(other.Name)
                                         && JobMatcher.Matches(job.Spec, other.Name, other.Capabilities));

    private long ModelSize(string sha256)
    {
        if (!_modelSizes.TryGetValue(sha256, out var size))
        {
            _modelSizes[sha256] = size = blobs.SizeOf(Core.Models.ModelDigest.Parse(sha256));
        }

        return size;
    }
}
