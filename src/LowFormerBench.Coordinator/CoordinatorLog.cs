using Microsoft.Extensions.Logging;

namespace LowFormerBench.Coordinator;

/// <summary>Coordinator log messages with stable event ids and named fields.</summary>
internal static partial class CoordinatorLog
{
    [LoggerMessage(1, LogLevel.Information, "Agent {AgentName} ({AgentId}) connected: {Arch} {DeviceClass}, providers {Providers}")]
    public static partial void AgentConnected(ILogger logger, string agentName, string agentId, string arch, string deviceClass, string providers);

    [LoggerMessage(2, LogLevel.Information, "Agent {AgentName} disconnected")]
    public static partial void AgentDisconnected(ILogger logger, string agentName);

    [LoggerMessage(3, LogLevel.Warning, "Agent rejected: {Reason}")]
    public static partial void AgentRejected(ILogger logger, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Job {JobId} attempt {Attempt} leased to {AgentName}")]
    public static partial void JobLeased(ILogger logger, long jobId, int attempt, string agentName);

    [LoggerMessage(5, LogLevel.Information, "Job {JobId} succeeded on {AgentName}: p50 {P50Ms:F3} ms over {Samples} samples")]
    public static partial void JobSucceeded(ILogger logger, long jobId, string agentName, double p50Ms, int samples);

    [LoggerMessage(6, LogLevel.Warning, "Job {JobId} attempt {Attempt} failed on {AgentName}: {Reason}")]
    public static partial void JobFailed(ILogger logger, long jobId, int attempt, string agentName, string reason);

    [LoggerMessage(7, LogLevel.Warning, "Job {JobId} lost its agent {AgentName}; now {State}")]
    public static partial void JobLost(ILogger logger, long jobId, string agentName, string state);

    [LoggerMessage(8, LogLevel.Warning, "Agent {AgentName} quarantined: {Reason}")]
    public static partial void AgentQuarantined(ILogger logger, string agentName, string reason);

    [LoggerMessage(9, LogLevel.Warning, "Report for job {JobId} attempt {Attempt} from {AgentName} not accepted: {Reason}")]
    public static partial void ReportNotAccepted(ILogger logger, long jobId, int attempt, string agentName, string reason);

    [LoggerMessage(10, LogLevel.Information, "Campaign {CampaignId} '{Name}' submitted: {Jobs} jobs")]
    public static partial void CampaignSubmitted(ILogger logger, long campaignId, string name, int jobs);

    [LoggerMessage(11, LogLevel.Information, "Model {ModelSha256} stored ({DisplayName}, {SizeBytes} bytes)")]
    public static partial void ModelStored(ILogger logger, string modelSha256, string displayName, long sizeBytes);

    [LoggerMessage(12, LogLevel.Information, "Recovered {Jobs} unfinished jobs from the database")]
    public static partial void JobsRecovered(ILogger logger, int jobs);

    [LoggerMessage(13, LogLevel.Information, "Canary job {JobId} for {Agent} ({Reason})")]
    public static partial void CanaryQueued(ILogger logger, long jobId, string agent, string reason);

    [LoggerMessage(14, LogLevel.Warning, "Agent {Agent}: {Note}")]
    public static partial void CanaryDrifted(ILogger logger, string agent, string note);
}
