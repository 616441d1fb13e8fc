using LowFormerBench.Core.Jobs;

namespace LowFormerBench.Core.Scheduling;

/// <summary>Which queued job an agent gets next, and why a queued job waits: pure functions of the queue and the connected agents.</summary>
public static class JobPicker
{
    /// <summary>The device's canary first, then the oldest queued job it can run that no other agent should take instead.</summary>
    /// <param name="queued">Queued jobs, oldest first.</param>
    /// <param name="connected">Every connected agent, <paramref name="agent"/> included.</param>
    public static Job? Next(IEnumerable<Job> queued, AgentCandidate agent, IReadOnlyCollection<AgentCandidate> connected, Func<Job, bool> isCanary)
    {
        var candidates = queued.Where(j => agent.CanRun(j.Spec));
        return candidates.FirstOrDefault(isCanary) ?? candidates.FirstOrDefault(j => !BetterElsewhere(j, agent, connected));
    }

    /// <summary>
    /// A job this agent lost goes to another capable agent when there is one: a silent or crashing device should not
    /// get the same job straight back (it would also burn the job's attempts on one device).
    /// </summary>
    public static bool BetterElsewhere(Job job, AgentCandidate agent, IEnumerable<AgentCandidate> connected) =>
        job.LostAgents.Contains(agent.Name)
        && connected.Any(other => other.AgentId != agent.AgentId && !other.Quarantined && !job.LostAgents.Contains(other.Name) && other.CanRun(job.Spec));

    /// <summary>Why each queued job no connected agent can run waits (one line per job, each agent's reason named).</summary>
    public static IReadOnlyList<string> Unschedulable(IEnumerable<Job> queued, IReadOnlyCollection<AgentCandidate> connected)
    {
        var reasons = new List<string>();
        foreach (var job in queued)
        {
            if (connected.Count == 0)
            {
                return ["no agent is connected"];
            }

            if (!connected.Any(a => !a.Quarantined && a.CanRun(job.Spec)))
            {
                var why = string.Join("; ", connected.Select(a => $"{a.Name}: {JobMatcher.Mismatch(job.Spec, a.Name, a.Capabilities) ?? "quarantined"}"));
                reasons.Add($"job {job.Id} ({job.Spec.ModelDisplayName}, {job.Spec.Selector}): {why}");
            }
        }

        return reasons;
    }
}
