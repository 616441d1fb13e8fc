using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Canary;
using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Scheduling;

namespace LowFormerBench.Coordinator.Scheduling;

/// <summary>
/// One connected agent. What the scheduler tells it goes through its <see cref="IAgentLink"/> (the gateway's one
/// writer loop per stream). Its state changes only through the dispatcher, under the dispatcher's gate; readers
/// (the Control API, the dashboard) see each property as a whole value.
/// </summary>
public sealed class AgentSession(string agentId, string name, DeviceCapabilities capabilities, AgentHealth health, CanaryCounters canaryCounters,
    CanaryVerdict? canary, IAgentLink link)
{
    private long _downloadedBytes;

    public string AgentId { get; } = agentId;

    public string Name { get; } = name;

    public DeviceCapabilities Capabilities { get; } = capabilities;

    public long? CurrentJobId { get; private set; }

    public bool Draining { get; private set; }

    public AgentHealth Health { get; private set; } = health;

    public bool Quarantined => Health.Quarantined;

    public string? QuarantineReason => Health.QuarantineReason;

    public DateTimeOffset LastSeen { get; private set; }

    public CanaryCounters CanaryCounters { get; private set; } = canaryCounters;

    /// <summary>The last judged canary's verdict on the device; null before any.</summary>
    public CanaryVerdict? Canary { get; private set; } = canary;

    /// <summary>The device's temperature from its latest heartbeat; a reference, so readers never see half a write.</summary>
    public TemperatureReading? Temperature { get; private set; }

    public long DownloadedBytes => Interlocked.Read(ref _downloadedBytes);

    public bool CanTakeWork => CurrentJobId is null && !Draining && !Quarantined;

    public AgentState State => Quarantined ? AgentState.Quarantined
        : Draining ? AgentState.Draining
        : CurrentJobId is null ? AgentState.Idle
        : AgentState.Busy;

    /// <summary>The agent as job matching sees it.</summary>
    public AgentCandidate Candidate => new(AgentId, Name, Capabilities, Quarantined);

    /// <summary>A session for a registered agent, with the health and canary state stored for it.</summary>
    public static AgentSession Restore(AgentStore.AgentRecord record, DeviceCapabilities capabilities, IAgentLink link) => new(
        record.Id, record.Name, capabilities,
        new AgentHealth((int)record.ConsecutiveFailures, record.Health == AgentState.Quarantined, record.QuarantineReason),
        new CanaryCounters((int)record.JobsSinceCanary, record.LastCanaryMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null),
        record.CanaryNote is { } note ? new CanaryVerdict(record.CanaryDrifted, record.CanaryDrift, null, note) : null,
        link);

    public void AddDownloadedBytes(long bytes) => Interlocked.Add(ref _downloadedBytes, bytes);

    public void ReportTemperature(TemperatureReading? reading) => Temperature = reading;

    internal void Send(AgentInstruction instruction) => link.Send(instruction);

    /// <summary>Ends the agent's stream (another session of the same agent took over).</summary>
    internal void Close() => link.Close();

    internal void Seen(DateTimeOffset at) => LastSeen = at;

    internal void Hold(long jobId) => CurrentJobId = jobId;

    internal void Release() => CurrentJobId = null;

    internal void StartDraining() => Draining = true;

    internal void SetHealth(AgentHealth health) => Health = health;

    internal void SetCanaryCounters(CanaryCounters counters) => CanaryCounters = counters;

    internal void SetCanaryVerdict(CanaryVerdict verdict) => Canary = verdict;
}

/// <summary>A device temperature (hottest thermal zone, °C) and when the coordinator heard it.</summary>
public sealed record TemperatureReading(double Celsius, DateTimeOffset At);
