using LowFormerBench.Core.Devices;

namespace LowFormerBench.Core.Queries;

/// <summary>An agent as the farm sees it; <see cref="TemperatureC"/> is its latest heartbeat's, null when offline or not reported.</summary>
/// <param name="CanaryNote">What its last judged canary said ("canary drift: +20.0% ...", "canary steady ..."); null before any.</param>
/// <param name="CanaryDrift">That canary's change against the device's own history (0.2 = 20% slower).</param>
/// <param name="CanaryDrifted">The change is significant and beyond the canary threshold: the device, not the code, moved.</param>
public sealed record AgentView(
    string Id,
    string Name,
    AgentState State,
    DeviceCapabilities Capabilities,
    long? CurrentJobId,
    DateTimeOffset LastSeen,
    string? QuarantineReason,
    long DownloadedBytes,
    string? CanaryNote = null,
    double? CanaryDrift = null,
    bool CanaryDrifted = false,
    double? TemperatureC = null);
