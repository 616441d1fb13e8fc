using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Jobs;

namespace LowFormerBench.Coordinator.Scheduling;

public sealed partial class Dispatcher
{
    /// <summary>
    /// An agent said hello. A reconnecting agent keeps the job it holds (it may still be measuring it); a fresh
    /// process cannot be running anything, so a job it held is lost and queued again.
    /// </summary>
    public async Task ConnectAsync(AgentSession session, bool reconnect, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            session.Seen(Now);
            if (_agents.Add(session) is { } previous && !ReferenceEquals(previous, session))
            {
                previous.Close();
            }

            foreach (var job in _jobs.Unfinished.Where(j => j.State.IsHeld() && j.AgentId == session.AgentId).ToList())
            {
                if (reconnect && session.CurrentJobId is null)
                {
                    session.Hold(job.Id);
                    Lease.Renew(job);
                }
                else
                {
                    await LoseJobAsync(job, session, expired: false, cancellationToken);
                }
            }

            await AssignAsync(session, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The stream ended. The agent's job keeps its lease: a short network cut must not cost a measurement.</summary>
    public async Task DisconnectAsync(AgentSession session, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_agents.Remove(session))
            {
                return;
            }

            await agentStore.UpdateHealthAsync(session.AgentId, session.Quarantined ? AgentState.Quarantined : AgentState.Offline,
                session.Health.ConsecutiveFailures, session.QuarantineReason, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Renews the lease of the job the agent says it runs; a job it no longer mentions was lost.</summary>
    public async Task HeartbeatAsync(AgentSession session, long? reportedJobId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            session.Seen(Now);
            if (session.CurrentJobId is not { } held || _jobs.Find(held) is not { } job || !job.State.IsHeld())
            {
                return;
            }

            if (reportedJobId == held)
            {
                Lease.Renew(job);
            }
            else if (job.State == JobState.Running)
            {
                // Leased jobs may not have reached the agent's heartbeat yet; a running one it forgot was lost.
                await LoseJobAsync(job, session, expired: false, cancellationToken);
                await AssignAsync(session, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Requeues (or fails, past its attempts) every job whose lease lapsed. Called by the lease sweeper.</summary>
    public async Task<int> ExpireLeasesAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var lapsed = Lease.Lapsed(_jobs.Unfinished);
            foreach (var job in lapsed)
            {
                await LoseJobAsync(job, _agents.Find(job.AgentId), expired: true, cancellationToken);
            }

            if (lapsed.Count > 0)
            {
                await AssignIdleAgentsAsync(cancellationToken);
            }

            return lapsed.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Gate held. The job goes back to the queue or fails (the lease policy's call); its agent's health counts the loss.
    private async Task LoseJobAsync(Job job, AgentSession? session, bool expired, CancellationToken cancellationToken)
    {
        var agentName = _agents.Label(job.AgentId);
        _ = expired ? Lease.Expire(job, agentName) : Lease.Lose(job, agentName);
        CoordinatorLog.JobLost(logger, job.Id, agentName, job.State.ToWire());
        if (session is not null && session.CurrentJobId == job.Id)
        {
            session.Release();
            await ApplyHealthAsync(session, Health.AfterFailure(session.Health, $"lost job {job.Id}"), cancellationToken);
        }

        await SettleAsync(job, cancellationToken);
    }
}
