using LowFormerBench.Coordinator.Models;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace LowFormerBench.Coordinator.Scheduling;

/// <summary>
/// The scheduler's shell: it holds the working set (unfinished jobs, connected agents) and one gate that serialises
/// every decision, so a job is never leased twice and an agent never gets two jobs; the decisions themselves are the
/// pure policies' (<see cref="LeasePolicy"/>, <see cref="HealthPolicy"/>, <see cref="CanarySchedule"/>,
/// <see cref="JobPicker"/>), and every change is written through to the stores.
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
    SchedulingPolicies policies,
    ILogger<Dispatcher> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly WorkingSet _jobs = new();
    private readonly AgentRegistry _agents = new();
    private readonly Dictionary<string, long> _modelSizes = [];

    private LeasePolicy Lease => policies.Lease;

    private HealthPolicy Health => policies.Health;

    private DateTimeOffset Now => policies.Time.GetUtcNow();

    /// <summary>A snapshot of the connected agents' sessions.</summary>
    public IReadOnlyList<AgentSession> Sessions => _agents.Sessions;

    /// <summary>Loads unfinished jobs after a start or a crash. Held jobs get a fresh lease: their agents may reconnect and report.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var job in await jobStore.LoadUnfinishedAsync(cancellationToken))
            {
                _jobs.Track(job);
                if (job.State != JobState.Queued)
                {
                    Lease.Renew(job);
                }
            }

            foreach (var campaignId in await campaignStore.RunningIdsAsync(CampaignKinds.Canary, cancellationToken))
            {
                _canaryCampaigns.Add(campaignId);
            }

            CoordinatorLog.JobsRecovered(logger, _jobs.Count);
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
                _jobs.Track(job);
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
            foreach (var job in _jobs.Unfinished.Where(j => j.CampaignId == campaignId).ToList())
            {
                if (_agents.Find(job.AgentId) is { } session && session.CurrentJobId == job.Id)
                {
                    session.Send(new CancelAssignment(job.Id));
                    session.Release();
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
            return JobPicker.Unschedulable(_jobs.Queued.Where(j => j.CampaignId == campaignId), _agents.Candidates);
        }
        finally
        {
            _gate.Release();
        }
    }

    // Gate held. Gives each idle agent the oldest queued job it can run.
    private async Task AssignIdleAgentsAsync(CancellationToken cancellationToken)
    {
        foreach (var session in _agents.Sessions.Where(s => s.CanTakeWork))
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
        if (JobPicker.Next(_jobs.Queued, session.Candidate, _agents.Candidates, IsCanary) is not { } job)
        {
            return;
        }

        Lease.Grant(job, session.AgentId);
        _jobs.Requeue(job);
        session.Hold(job.Id);
        session.Send(new AssignJob(new Assignment(job.Id, job.Attempts, job.Spec, ModelSize(job.Spec.ModelSha256),
            job.Spec.Reference is { } reference ? ModelSize(reference.ModelSha256) : 0)));
        CoordinatorLog.JobLeased(logger, job.Id, job.Attempts, session.Name);
        await ClaimAsync(job, cancellationToken);
        feed.Publish(job.CampaignId);
    }

    // The mechanics of a claim, apart from the lease rules: one coordinator, the lease decided in memory and
    // written through. A coordinator among replicas would claim in the database here instead.
    private Task ClaimAsync(Job job, CancellationToken cancellationToken) => jobStore.SaveLeaseAsync(job, cancellationToken);

    // Gate held. Persists a finished job (result-less ends) and drops it from the working set.
    private async Task FinishAsync(Job job, CancellationToken cancellationToken)
    {
        _jobs.Untrack(job);
        await jobStore.SaveAsync(job, cancellationToken);
    }

    // Gate held. Persists a job that went back to the queue or ended, and tells watchers.
    private async Task SettleAsync(Job job, CancellationToken cancellationToken)
    {
        if (job.State == JobState.Queued)
        {
            _jobs.Requeue(job);
            await jobStore.SaveAsync(job, cancellationToken);
        }
        else
        {
            await FinishAsync(job, cancellationToken);
            await RefreshIfSettledAsync(job.CampaignId, cancellationToken);
        }

        feed.Publish(job.CampaignId);
    }

    // Gate held. Stores the campaign's end once its last unfinished job ended; while jobs remain it stays running.
    private async Task RefreshIfSettledAsync(long campaignId, CancellationToken cancellationToken)
    {
        if (!_jobs.HasOpenJobs(campaignId))
        {
            await campaignStore.RefreshAsync(campaignId, cancellationToken);
        }
    }

    // Gate held. The one place a device's health changes: stored when it changed, the move into quarantine logged.
    private async Task ApplyHealthAsync(AgentSession session, AgentHealth next, CancellationToken cancellationToken)
    {
        var before = session.Health;
        if (next == before)
        {
            return;
        }

        session.SetHealth(next);
        if (HealthPolicy.NewlyQuarantined(before, next))
        {
            CoordinatorLog.AgentQuarantined(logger, session.Name, next.QuarantineReason ?? "");
        }

        await agentStore.UpdateHealthAsync(session.AgentId, session.State, next.ConsecutiveFailures, next.QuarantineReason, cancellationToken);
    }

    private long ModelSize(string sha256)
    {
        if (!_modelSizes.TryGetValue(sha256, out var size))
        {
            _modelSizes[sha256] = size = blobs.SizeOf(sha256);
        }

        return size;
    }
}
