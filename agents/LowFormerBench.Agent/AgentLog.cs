using Microsoft.Extensions.Logging;

namespace LowFormerBench.Agent;

/// <summary>Agent log messages with stable event ids and named fields.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(1, LogLevel.Information, "Agent {AgentName} connected to {CoordinatorUrl} as {AgentId} (heartbeat every {HeartbeatMs} ms, reconnect {Reconnect})")]
    public static partial void Connected(ILogger logger, string agentName, string coordinatorUrl, string agentId, int heartbeatMs, bool reconnect);

    [LoggerMessage(2, LogLevel.Warning, "Connection to the coordinator at {CoordinatorUrl} lost or refused: {Reason}; retrying in {RetrySeconds:F1} s")]
    public static partial void ConnectionLost(ILogger logger, string coordinatorUrl, string reason, double retrySeconds);

    [LoggerMessage(3, LogLevel.Critical, "The coordinator at {CoordinatorUrl} refused this agent's token: {Detail}. Check --token / Agent:Token.")]
    public static partial void TokenRefused(ILogger logger, string coordinatorUrl, string detail);

    [LoggerMessage(4, LogLevel.Information, "Re-sending {Reports} unacknowledged reports after reconnecting")]
    public static partial void ReportsResent(ILogger logger, int reports);

    [LoggerMessage(5, LogLevel.Information, "Draining: {Reason}")]
    public static partial void Draining(ILogger logger, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Closing with {Reports} reports the coordinator has not acknowledged; their leases will lapse and the jobs run again")]
    public static partial void ReportsUnacknowledged(ILogger logger, int reports);

    [LoggerMessage(7, LogLevel.Debug, "Ignoring coordinator message {Kind}")]
    public static partial void UnexpectedMessage(ILogger logger, string kind);

    [LoggerMessage(10, LogLevel.Information, "Job {JobId} attempt {Attempt}: {ModelDisplayName} ({ModelSha256}), {Scenario} batch {Batch} on {Provider}")]
    public static partial void JobStarted(ILogger logger, string jobId, int attempt, string modelDisplayName, string modelSha256, string scenario,
        int batch, string provider);

    [LoggerMessage(11, LogLevel.Debug, "Job {JobId}: {Phase}")]
    public static partial void JobPhase(ILogger logger, string jobId, string phase);

    [LoggerMessage(12, LogLevel.Information, "Job {JobId} measured: p50 {P50Ms:F3} ms over {Samples} samples")]
    public static partial void JobMeasured(ILogger logger, string jobId, double p50Ms, int samples);

    [LoggerMessage(13, LogLevel.Warning, "Job {JobId} attempt {Attempt} failed ({Kind}): {Reason}")]
    public static partial void JobFailed(ILogger logger, string jobId, int attempt, string kind, string reason);

    [LoggerMessage(14, LogLevel.Information, "Job {JobId} cancelled by the coordinator")]
    public static partial void JobCancelled(ILogger logger, string jobId);

    [LoggerMessage(15, LogLevel.Warning, "Job {JobId} handed back unmeasured: {Reason}")]
    public static partial void JobHandedBack(ILogger logger, string jobId, string reason);

    [LoggerMessage(17, LogLevel.Information, "ONNX Runtime {Version} from {NativeLibrary}, providers {Providers}; device {DeviceClass}, {Arch}, {CpuModel}")]
    public static partial void DeviceProbed(ILogger logger, string version, string nativeLibrary, string providers, string deviceClass, string arch, string cpuModel);

    [LoggerMessage(20, LogLevel.Debug, "Model {ModelSha256} found in the cache")]
    public static partial void ModelCacheHit(ILogger logger, string modelSha256);

    [LoggerMessage(21, LogLevel.Information, "Model {ModelSha256} downloaded: {Bytes} bytes from offset {Offset}")]
    public static partial void ModelDownloaded(ILogger logger, string modelSha256, long bytes, long offset);

    [LoggerMessage(22, LogLevel.Warning, "Cached model {ModelSha256} does not match its hash; deleted, downloading it again")]
    public static partial void ModelCacheCorrupt(ILogger logger, string modelSha256);

    [LoggerMessage(23, LogLevel.Warning, "Not advertising {Provider}: the native library has it, but no session could be created on it here. {Reason}")]
    public static partial void ProviderRefused(ILogger logger, string provider, string reason);
}
