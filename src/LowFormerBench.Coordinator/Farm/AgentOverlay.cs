using LowFormerBench.Coordinator.Scheduling;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Queries;

namespace LowFormerBench.Coordinator.Farm;

/// <summary>
/// The one place stored agents meet live sessions, for every reader (the Control API and the dashboard): a connected
/// agent's state, job, health and canary are its session's (newer than the row); a stored agent with no session is
/// offline, unless it was quarantined (that outlives the connection).
/// </summary>
internal static class AgentOverlay
{
    public static IReadOnlyList<AgentView> Overlay(IEnumerable<AgentStore.AgentRecord> records, IEnumerable<AgentSession> sessions)
    {
        var live = sessions.ToDictionary(s => s.AgentId);
        return [.. records.Select(r => ToView(r, live.GetValueOrDefault(r.Id)))];
    }

    public static AgentView ToView(AgentStore.AgentRecord record, AgentSession? session) => new(
        record.Id,
        record.Name,
        session?.State ?? (record.Health == AgentState.Quarantined ? AgentState.Quarantined : AgentState.Offline),
        session?.Capabilities ?? record.Capabilities,
        session?.CurrentJobId,
        session?.LastSeen ?? DateTimeOffset.FromUnixTimeMilliseconds(record.LastSeenMs),
        session?.QuarantineReason ?? record.QuarantineReason,
        session?.DownloadedBytes ?? 0,
        session is null ? record.CanaryNote : session.Canary?.Note,
        session is null ? record.CanaryDrift : session.Canary?.Drift,
        session is null ? record.CanaryDrifted : session.Canary?.Drifted ?? false,
        session?.Temperature?.Celsius);
}
