using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Results;

namespace LowFormerBench.Coordinator.Scheduling;

public sealed partial class Dispatcher
{
    public async Task ProgressAsync(AgentSession session, long jobId, int attempt, string phase, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            session.LastSeen = time.GetUtcNow();
            if (_unfinished.TryGetValue(jobId, out var job) && job.State.IsHeld() && job.AgentId == session.AgentId && job.Attempts == attempt)
            {
                // In memory only: a phase is for watchers; recovery treats leased and running alike.
                job.ReportProgress(attempt, phase, session.LastSeen, Options.LeaseTtl);
                feed.Publish(job.CampaignId);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Accepts a result when it comes from the agent holding the job's current attempt. Anything else (a re-sent
    /// report already stored, a late one from an agent that lost its lease) is acknowledged but not stored again.
    /// </summary>
    /// <returns>True when this report was stored.</returns>
    public async Task<bool> ResultAsync(AgentSession session, MeasurementReport report, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            session.LastSeen = time.GetUtcNow();
            if (!_unfinished.TryGetValue(report.JobId, out var job) || !job.State.IsHeld() || job.AgentId != session.AgentId
                || job.Attempts != report.Attempt)
            {
                CoordinatorLog.ReportNotAccepted(logger, report.JobId, report.Attempt, session.Name, "not the current attempt of a job this agent holds");
                if (session.CurrentJobId == report.JobId)
                {
                    session.CurrentJobId = null;
                    await AssignAsync(session, cancellationToken);
                }

                return false;
            }

            job.Succeed(report.Attempt);
            session.CurrentJobId = null;
            bool stored;
            if (IsCanary(job))
            {
                // A canary is judged before the device gets more work: a drifted device may be quarantined.
                stored = await resultStore.AcceptAsync(job, session.AgentId, report, cancellationToken);
                await JudgeCanaryAsync(session, job, cancellationToken);
                await AssignAsync(session, cancellationToken);
            }
            else
            {
                // Next job first, so the device idles only for as long as the result takes to commit.
                session.JobsSinceCanary += canary.Template is null ? 0 : 1;
                var resultTask = resultStore.AcceptAsync(job, session.AgentId, report, cancellationToken);
                await AssignAsync(session, cancellationToken);
                stored = await resultTask;
                await PersistCanaryCountAsync(session, cancellationToken);
            }

            _unfinished.Remove(job.Id);
            if (session.ConsecutiveFailures > 0)
            {
                session.ConsecutiveFailures = 0;
                await agentStore.UpdateHealthAsync(session.AgentId, session.State, 0, session.QuarantineReason, cancellationToken);
            }

            CoordinatorLog.JobSucceeded(logger, job.Id, session.Name, report.Summary.P50Ms, report.Summary.Samples);
            await campaignStore.RefreshAsync(job.CampaignId, cancellationToken);
            feed.Publish(job.CampaignId);
            return stored;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task FailureAsync(AgentSession session, long jobId, int attempt, string reason, bool permanent, bool handedBack,
        CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            session.LastSeen = time.GetUtcNow();
            if (!_unfinished.TryGetValue(jobId, out var job) || !job.State.IsHeld() || job.AgentId != session.AgentId || job.Attempts != attempt)
            {
                CoordinatorLog.ReportNotAccepted(logger, jobId, attempt, session.Name, "failure for a job this agent does not hold");
                return;
            }

            session.CurrentJobId = null;
            if (handedBack)
            {
                // Only a draining agent hands a job back (SIGTERM, host stopping): it gets no more work.
                job.HandBack(attempt);
                session.Draining = true;
            }
            else
            {
                CoordinatorLog.JobFailed(logger, jobId, attempt, session.Name, reason);
                job.Fail(attempt, $"{reason} (agent {session.Name})", permanent);
                if (!permanent)
                {
                    await CountFailureAsync(session, reason, cancellationToken);
                }
            }

            await SettleAsync(job, cancellationToken);
            await AssignIdleAgentsAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
