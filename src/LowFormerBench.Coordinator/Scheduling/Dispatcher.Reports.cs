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
            session.Seen(Now);
            if (HeldBy(session, jobId, attempt) is { } job)
            {
                // In memory only: a phase is for watchers; recovery treats leased and running alike.
                Lease.Progress(job, attempt, phase);
                feed.Publish(job.CampaignId);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Accepts a result when it comes from the agent holding the job's current attempt. A result is keyed by (job,
    /// attempt): a re-sent report of the accepted attempt is a duplicate, stored nothing; a report from an attempt that
    /// lost its lease (or of a job that already has its result or ended) is kept as a late result, never counted.
    /// </summary>
    public async Task<ReportOutcome> ResultAsync(AgentSession session, MeasurementReport report, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            session.Seen(Now);
            if (HeldBy(session, report.JobId, report.Attempt) is not { } job)
            {
                var outcome = await SettleUnacceptedAsync(session, report, _jobs.Find(report.JobId), cancellationToken);
                if (session.CurrentJobId == report.JobId)
                {
                    session.Release();
                    await AssignAsync(session, cancellationToken);
                }

                return outcome;
            }

            job.Succeed(report.Attempt);
            session.Release();
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
                // Next job first, so the device idles only for as long as the result takes to commit. The job counts
                // towards the next canary before that assignment, so a canary due now is what the device gets.
                session.SetCanaryCounters(canary.Schedule.AfterJob(session.CanaryCounters));
                var resultTask = resultStore.AcceptAsync(job, session.AgentId, report, cancellationToken);
                await AssignAsync(session, cancellationToken);
                stored = await resultTask;
                await PersistCanaryCountAsync(session, cancellationToken);
            }

            _jobs.Untrack(job);
            await ApplyHealthAsync(session, Health.AfterSuccess(session.Health), cancellationToken);
            CoordinatorLog.JobSucceeded(logger, job.Id, session.Name, report.Summary.P50Ms, report.Summary.Samples);
            await RefreshIfSettledAsync(job.CampaignId, cancellationToken);
            feed.Publish(job.CampaignId);
            return stored ? ReportOutcome.Accepted : ReportOutcome.Duplicate;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Gate held. Tells a re-sent report from a late one, and keeps the late one as evidence.
    private async Task<ReportOutcome> SettleUnacceptedAsync(AgentSession session, MeasurementReport report, Job? job, CancellationToken cancellationToken)
    {
        var accepted = await resultStore.AcceptedAttemptAsync(report.JobId, cancellationToken);
        if (accepted is { } same && same.Attempt == report.Attempt && same.AgentId == session.AgentId)
        {
            CoordinatorLog.ReportNotAccepted(logger, report.JobId, report.Attempt, session.Name, "re-sent; this attempt's result is already stored");
            return ReportOutcome.Duplicate;
        }

        var reason = (accepted, job) switch
        {
            ({ } other, _) => $"the job already has the accepted result of attempt {other.Attempt}",
            (null, null) => "the job is no longer running (it ended, was cancelled or is unknown)",
            (null, { } current) when current.State.IsHeld() => $"attempt {report.Attempt} lost its lease; attempt {current.Attempts} holds the job",
            (null, { } current) => $"attempt {report.Attempt} lost its lease; the job is {current.State.ToString().ToLowerInvariant()} again",
        };
        await resultStore.RecordLateAsync(session.AgentId, session.Name, report, reason, cancellationToken);
        CoordinatorLog.ReportNotAccepted(logger, report.JobId, report.Attempt, session.Name, $"late, kept as evidence: {reason}");
        return ReportOutcome.Late;
    }

    public async Task FailureAsync(AgentSession session, long jobId, int attempt, string reason, bool permanent, bool handedBack,
        CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            session.Seen(Now);
            if (HeldBy(session, jobId, attempt) is not { } job)
            {
                CoordinatorLog.ReportNotAccepted(logger, jobId, attempt, session.Name, "failure for a job this agent does not hold");
                return;
            }

            session.Release();
            if (handedBack)
            {
                // Only a draining agent hands a job back (SIGTERM, host stopping): it gets no more work.
                job.HandBack(attempt);
                session.StartDraining();
            }
            else
            {
                CoordinatorLog.JobFailed(logger, jobId, attempt, session.Name, reason);
                job.Fail(attempt, $"{reason} (agent {session.Name})", permanent);
                if (!permanent)
                {
                    await ApplyHealthAsync(session, Health.AfterFailure(session.Health, reason), cancellationToken);
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

    // Gate held. The job when this agent holds this attempt of it, else null.
    private Job? HeldBy(AgentSession session, long jobId, int attempt) =>
        _jobs.Find(jobId) is { } job && job.State.IsHeld() && job.AgentId == session.AgentId && job.Attempts == attempt ? job : null;
}
