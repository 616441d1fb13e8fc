using LowFormerBench.Core.Devices;

namespace LowFormerBench.Core.Queries;

/// <summary>An agent as the farm sees it; <see cref="TemperatureC"/> is its latest heartbeat's, null when offline or not reported.</summary>
public sealed record AgentView(
    string Id,
    string Name,
    AgentState State,
    DeviceCapabilities Capabilities,
    long? CurrentJobId,
    DateTimeOffset LastSeen,
    string? QuarantineReason,
    long DownloadedBytes,
    double? TemperatureC = null);
