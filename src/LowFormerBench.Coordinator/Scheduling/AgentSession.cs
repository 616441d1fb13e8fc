using System.Threading.Channels;
using LowFormerBench.Core.Devices;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Coordinator.Scheduling;

/// <summary>
/// One connected agent. Messages to it go through <see cref="Outbox"/>, drained by the one writer loop of its
/// stream, so no two tasks ever write to the stream at once. Mutable state is guarded by the dispatcher's gate.
/// </summary>
public sealed class AgentSession(string agentId, string name, DeviceCapabilities capabilities, int consecutiveFailures, bool quarantined)
{
    private long _downloadedBytes;

    public string AgentId { get; } = agentId;

    public string Name { get; } = name;

    public DeviceCapabilities Capabilities { get; } = capabilities;

    public Channel<CoordinatorMessage> Outbox { get; } = Channel.CreateUnbounded<CoordinatorMessage>(new UnboundedChannelOptions { SingleReader = true });

    public long? CurrentJobId { get; set; }

    public bool Draining { get; set; }

    public bool Quarantined { get; set; } = quarantined;

    public string? QuarantineReason { get; set; }

    public int ConsecutiveFailures { get; set; } = consecutiveFailures;

    public DateTimeOffset LastSeen { get; set; }

    /// <summary>Jobs other than canaries finished since this device's last canary.</summary>
    public int JobsSinceCanary { get; set; }

    public DateTimeOffset? LastCanaryAt { get; set; }

    /// <summary>The last judged canary's verdict on the device; null before any.</summary>
    public Core.Canary.CanaryVerdict? Canary { get; set; }

    /// <summary>The device's temperature from its latest heartbeat; a reference, so readers never see half a write.</summary>
    public TemperatureReading? Temperature { get; set; }

    public long DownloadedBytes => Interlocked.Read(ref _downloadedBytes);

    public bool CanTakeWork => CurrentJobId is null && !Draining && !Quarantined;

    public AgentState State => Quarantined ? AgentState.Quarantined
        : Draining ? AgentState.Draining
        : CurrentJobId is null ? AgentState.Idle
        : AgentState.Busy;

    public void AddDownloadedBytes(long bytes) => Interlocked.Add(ref _downloadedBytes, bytes);

    public void Send(CoordinatorMessage message) => Outbox.Writer.TryWrite(message);
}

/// <summary>A device temperature (hottest thermal zone, °C) and when the coordinator heard it.</summary>
public sealed record TemperatureReading(double Celsius, DateTimeOffset At);
