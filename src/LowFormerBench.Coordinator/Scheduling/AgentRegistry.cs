using LowFormerBench.Core.Scheduling;

namespace LowFormerBench.Coordinator.Scheduling;

/// <summary>
/// The connected agents, one session per agent id, and the names of every agent seen since start-up (a lost job's
/// history names its agent after the agent went away). Written under the dispatcher's gate; <see cref="Sessions"/>
/// may be read from anywhere.
/// </summary>
public sealed class AgentRegistry
{
    private readonly Dictionary<string, AgentSession> _sessions = [];
    private readonly Dictionary<string, string> _names = [];

    /// <summary>A snapshot of the connected sessions.</summary>
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

    public int Count
    {
        get
        {
            lock (_sessions)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>The job matching view of every connected agent.</summary>
    public IReadOnlyList<AgentCandidate> Candidates => [.. Sessions.Select(s => s.Candidate)];

    /// <summary>Adds the session; one that held the same agent id before is returned (its stream is to be closed).</summary>
    public AgentSession? Add(AgentSession session)
    {
        lock (_sessions)
        {
            _names[session.AgentId] = session.Name;
            _sessions.Remove(session.AgentId, out var previous);
            _sessions[session.AgentId] = session;
            return previous;
        }
    }

    /// <summary>Removes the session unless another session of its agent replaced it; true when removed.</summary>
    public bool Remove(AgentSession session)
    {
        lock (_sessions)
        {
            if (!_sessions.TryGetValue(session.AgentId, out var current) || !ReferenceEquals(current, session))
            {
                return false;
            }

            _sessions.Remove(session.AgentId);
            return true;
        }
    }

    public AgentSession? Find(string? agentId)
    {
        lock (_sessions)
        {
            return agentId is not null && _sessions.TryGetValue(agentId, out var session) ? session : null;
        }
    }

    /// <summary>How a job's history names an agent: its name when known, else its id.</summary>
    public string Label(string? agentId)
    {
        lock (_sessions)
        {
            return agentId is not null && _names.TryGetValue(agentId, out var name) ? name : agentId ?? "?";
        }
    }
}
