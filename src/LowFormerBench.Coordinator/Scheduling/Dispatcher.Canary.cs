using LowFormerBench.Core.Canary;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Queries;

namespace LowFormerBench.Coordinator.Scheduling;

public sealed partial class Dispatcher
{
    // Campaigns that are canaries; unfinished ones are reloaded at start-up, so a canary result after a restart is still judged.
    private readonly HashSet<long> _canaryCampaigns = [];

    /// <summary>Gives idle devices whose canary is due by time their canary. Called by the lease sweeper.</summary>
    public async Task CanaryTickAsync(CancellationToken cancellationToken)
    {
        if (!canary.Schedule.DueByTime)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var session in _agents.Sessions.Where(s => s.CanTakeWork && canary.Schedule.DueReason(s.CanaryCounters) is not null))
            {
                await AssignAsync(session, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsCanary(Job job) => _canaryCampaigns.Contains(job.CampaignId);

    // Gate held. Queues a canary pinned to this device when one is due and none is waiting for it already.
    private async Task QueueCanaryIfDueAsync(AgentSession session, CancellationToken cancellationToken)
    {
        if (canary.Schedule.DueReason(session.CanaryCounters) is not { } reason || canary.For(session.Name, session.Capabilities) is not { } spec
            || _jobs.Unfinished.Any(j => IsCanary(j) && j.Spec.Selector.AgentName == session.Name))
        {
            return;
        }

        var metadata = new Dictionary<string, string> { ["agent"] = session.Name, ["reason"] = reason };
        var (campaignId, jobs) = await campaignStore.CreateAsync(Canary.CanaryPlan.CampaignName, $"# canary of {session.Name}: {spec.ModelDisplayName}",
            metadata, [spec], Lease.MaxAttempts, cancellationToken, CampaignKinds.Canary);
        _canaryCampaigns.Add(campaignId);
        foreach (var job in jobs)
        {
            _jobs.Track(job);
            CoordinatorLog.CanaryQueued(logger, job.Id, session.Name, reason);
        }

        var started = canary.Schedule.Started();
        session.SetCanaryCounters(started);
        await agentStore.CanaryStartedAsync(session.AgentId, started.LastCanaryAt!.Value, cancellationToken);
    }

    // Gate held. The count towards the next canary survives a restart (0 right after a canary was queued: already stored).
    private async Task PersistCanaryCountAsync(AgentSession session, CancellationToken cancellationToken)
    {
        if (canary.Schedule.Enabled && session.CanaryCounters.JobsSinceCanary > 0)
        {
            await agentStore.CountJobSinceCanaryAsync(session.AgentId, session.CanaryCounters.JobsSinceCanary, cancellationToken);
        }
    }

    // Gate held, the canary's result stored. Judges it against the device's earlier canaries; flags or quarantines a drift.
    private async Task JudgeCanaryAsync(AgentSession session, Job job, CancellationToken cancellationToken)
    {
        var runs = await canaryQueries.RunsAsync(session.AgentId, job.Spec, CanaryCheck.ReferenceRuns + 1, cancellationToken);
        if (runs.LastOrDefault(r => r.JobId == job.Id) is not { } latest)
        {
            return;
        }

        var verdict = CanaryCheck.Judge([.. runs.Where(r => r.JobId != job.Id)], latest, canary.Verdicts);
        session.SetCanaryVerdict(verdict);
        await agentStore.UpdateCanaryVerdictAsync(session.AgentId, verdict.Drift, verdict.Drifted, verdict.Note, cancellationToken);
        if (verdict.Drifted)
        {
            CoordinatorLog.CanaryDrifted(logger, session.Name, verdict.Note);
            await ApplyHealthAsync(session, Health.AfterCanary(session.Health, verdict), cancellationToken);
        }
    }
}
