using LowFormerBench.Core.Canary;
using LowFormerBench.Core.Scheduling;
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
        if (canary.Template is null || canary.Interval is null)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var session in _sessions.Values.Where(s => s.CanTakeWork && CanaryDue(s) is not null).ToList())
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

    // Gate held. Why this device's canary is due now, or null.
    private string? CanaryDue(AgentSession session)
    {
        if (canary.Template is null)
        {
            return null;
        }

        if (canary.EveryJobs > 0 && session.JobsSinceCanary >= canary.EveryJobs)
        {
            return $"{session.JobsSinceCanary} jobs since the last canary";
        }

        if (canary.Interval is { } interval)
        {
            if (session.LastCanaryAt is not { } last)
            {
                return "first canary of this device";
            }

            if (time.GetUtcNow() - last >= interval)
            {
                return $"last canary {(time.GetUtcNow() - last).TotalHours:0.#} h ago";
            }
        }

        return null;
    }

    // Gate held. Queues a canary pinned to this device when one is due and none is waiting for it already.
    private async Task QueueCanaryIfDueAsync(AgentSession session, CancellationToken cancellationToken)
    {
        if (CanaryDue(session) is not { } reason || canary.For(session) is not { } spec
            || _unfinished.Values.Any(j => IsCanary(j) && j.Spec.Selector.AgentName == session.Name))
        {
            return;
        }

        var metadata = new Dictionary<string, string> { ["agent"] = session.Name, ["reason"] = reason };
        var (campaignId, jobs) = await campaignStore.CreateAsync(CanaryPlanName, $"# canary of {session.Name}: {spec.ModelDisplayName}", metadata,
            [spec], Options.MaxAttempts, cancellationToken, CampaignKinds.Canary);
        _canaryCampaigns.Add(campaignId);
        foreach (var job in jobs)
        {
            Track(job);
            _queued.Add(job.Id);
            CoordinatorLog.CanaryQueued(logger, job.Id, session.Name, reason);
        }

        session.JobsSinceCanary = 0;
        session.LastCanaryAt = time.GetUtcNow();
        await agentStore.CanaryStartedAsync(session.AgentId, session.LastCanaryAt.Value, cancellationToken);
    }

    // Gate held. The device's canary first, then the oldest queued job it can run.
    private Job? NextJobFor(AgentSession session)
    {
        var candidates = _queued.Select(id => _unfinished[id]).Where(j => JobMatcher.Matches(j.Spec, session.Name, session.Capabilities));
        return _canaryCampaigns.Count > 0 && candidates.FirstOrDefault(IsCanary) is { } canaryJob
            ? canaryJob
            : candidates.FirstOrDefault(j => !BetterElsewhere(j, session));
    }

    // Gate held. The count towards the next canary survives a restart (0 right after a canary was queued: already stored).
    private async Task PersistCanaryCountAsync(AgentSession session, CancellationToken cancellationToken)
    {
        if (canary.Template is not null && session.JobsSinceCanary > 0)
        {
            await agentStore.CountJobSinceCanaryAsync(session.AgentId, session.JobsSinceCanary, cancellationToken);
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
        session.Canary = verdict;
        await agentStore.UpdateCanaryVerdictAsync(session.AgentId, verdict.Drift, verdict.Drifted, verdict.Note, cancellationToken);
        if (!verdict.Drifted)
        {
            return;
        }

        CoordinatorLog.CanaryDrifted(logger, session.Name, verdict.Note);
        if (canary.QuarantineOnDrift && !session.Quarantined)
        {
            session.Quarantined = true;
            session.QuarantineReason = verdict.Note;
            CoordinatorLog.AgentQuarantined(logger, session.Name, verdict.Note);
            await agentStore.UpdateHealthAsync(session.AgentId, session.State, session.ConsecutiveFailures, session.QuarantineReason, cancellationToken);
        }
    }

    /// <summary>The device's canary state as stored, for a session that (re)connects.</summary>
    internal static void RestoreCanary(AgentSession session, Storage.AgentStore.AgentRecord record)
    {
        session.JobsSinceCanary = (int)record.JobsSinceCanary;
        session.LastCanaryAt = record.LastCanaryMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        session.Canary = record.CanaryNote is { } note ? new CanaryVerdict(record.CanaryDrifted, record.CanaryDrift, null, note) : null;
    }

    private const string CanaryPlanName = Canary.CanaryPlan.CampaignName;
}
