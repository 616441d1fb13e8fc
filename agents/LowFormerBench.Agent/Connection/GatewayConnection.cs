using Grpc.Core;
using LowFormerBench.Agent.Jobs;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Agent.Connection;

/// <summary>
/// The agent's life line: dials the coordinator (devices behind NAT work), says hello, heartbeats, takes one job at a
/// time and reports; redials with capped, jittered back-off when the stream drops (Aspire's WatchWithRecoveryAsync);
/// drains on shutdown. A refused token stops the host with <see cref="AgentExitCodes.TokenRefused"/>.
/// This file is the life cycle; <c>GatewayConnection.Session.cs</c> is one stream.
/// </summary>
public sealed partial class GatewayConnection(
    CoordinatorChannel channel,
    JobSlot jobs,
    AgentOutbox outbox,
    IJobMeasurer measurer,
    ReconnectBackoff backoff,
    DeviceTemperature temperature,
    IOptions<AgentOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<GatewayConnection> logger) : BackgroundService
{
    // After draining, how long the coordinator gets to acknowledge the last report, and then to end the call.
    private static readonly TimeSpan FinalAckTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private volatile bool _welcomedBefore;

    /// <summary>The longest a drained stop can take; the host's shutdown timeout must allow it.</summary>
    public static TimeSpan ShutdownAllowance(TimeSpan drainGrace) => drainGrace + FinalAckTimeout + CloseTimeout + TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Probing the device (nvidia-smi, ONNX Runtime's providers) must not hold up the host's start.
        await Task.Yield();
        // Two stops: closing ends redialling (and a back-off wait) but lets an open session finish its last
        // exchange gracefully; calls cuts everything off.
        using var closing = new CancellationTokenSource();
        using var calls = new CancellationTokenSource();
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = stoppingToken.Register(() => stopRequested.TrySetResult());
        var connection = ConnectLoopAsync(closing.Token, calls.Token);
        if (await Task.WhenAny(connection, stopRequested.Task) == connection)
        {
            // The loop ended by itself: the token was refused (or the device probe threw, rethrown here so the host
            // logs it and stops). Nothing can be reported any more.
            await jobs.StopAsync(handBackReason: null);
            await connection;
            return;
        }

        await DrainAsync();
        await closing.CancelAsync();
        outbox.CloseSession();
        try
        {
            await connection.WaitAsync(CloseTimeout, time);
        }
        catch (TimeoutException)
        {
            await calls.CancelAsync();
            await connection;
        }
    }

    // SIGTERM or Ctrl+C: the current job may finish within the grace and its report is delivered; past the grace it
    // is handed back, so the coordinator queues it again at once instead of waiting for its lease to lapse.
    private async Task DrainAsync()
    {
        var grace = options.Value.DrainGrace;
        AgentLog.Draining(logger, $"the host is stopping; the current job gets {grace.TotalSeconds:F0} s to finish");
        jobs.StopTakingWork();
        if (!await jobs.WaitIdleAsync(grace, time))
        {
            await jobs.StopAsync($"agent {options.Value.Name} is shutting down and the job did not finish within its drain grace of " +
                                 $"{grace.TotalSeconds:F0} s (Agent:DrainGraceSeconds)");
        }

        if (!await outbox.WaitAllAcknowledgedAsync(FinalAckTimeout, time))
        {
            AgentLog.ReportsUnacknowledged(logger, outbox.UnacknowledgedCount);
        }
    }

    private async Task ConnectLoopAsync(CancellationToken closing, CancellationToken cancellationToken)
    {
        var capabilities = measurer.Capabilities.ToProto(options.Value);
        while (!closing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            string reason;
            try
            {
                await RunSessionAsync(capabilities, cancellationToken);
                reason = "the coordinator ended the stream";
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                AgentLog.TokenRefused(logger, channel.Address.ToString(), e.Status.Detail);
                Environment.ExitCode = AgentExitCodes.TokenRefused;
                lifetime.StopApplication();
                return;
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                reason = e is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : $"{e.GetType().Name}: {e.Message}";
            }

            if (closing.IsCancellationRequested)
            {
                return;
            }

            var delay = backoff.NextDelay();
            AgentLog.ConnectionLost(logger, channel.Address.ToString(), reason, delay.TotalSeconds);
            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(closing, cancellationToken);
                await Task.Delay(delay, time, wait.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
