using Grpc.Core;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Coordinator.Tests.Gateway;

/// <summary>An agent at the wire level, driven step by step by a test.</summary>
public sealed class WireAgent : IAsyncDisposable
{
    private readonly AsyncDuplexStreamingCall<AgentMessage, CoordinatorMessage> _call;
    private readonly CancellationTokenSource _cancel = new(TimeSpan.FromSeconds(60));

    private WireAgent(AsyncDuplexStreamingCall<AgentMessage, CoordinatorMessage> call) => _call = call;

    public static Task<WireAgent> ConnectAsync(CoordinatorHost host, string name, string token = CoordinatorHost.Token, string provider = "CPUExecutionProvider",
        bool reconnect = false) =>
        ConnectAsync(host.Channel, name, token, provider, reconnect);

    /// <summary>As above, over a channel of the test's own (TLS client certificates).</summary>
    public static async Task<WireAgent> ConnectAsync(global::Grpc.Net.Client.GrpcChannel channel, string name, string token = CoordinatorHost.Token,
        string provider = "CPUExecutionProvider", bool reconnect = false)
    {
        var call = new AgentGateway.AgentGatewayClient(channel).Connect();
        var capabilities = new Capabilities { Arch = "x64", Os = "test", CpuModel = "test", CpuCores = 2, DeviceClass = "cpu", Hostname = name };
        capabilities.Providers.Add(provider);
        await call.RequestStream.WriteAsync(new AgentMessage { Hello = new Hello { Token = token, AgentName = name, Capabilities = capabilities, Reconnect = reconnect } });
        return new WireAgent(call);
    }

    /// <summary>The next message of the given kind, skipping others; throws on time-out or when the call fails.</summary>
    public async Task<CoordinatorMessage> NextAsync(CoordinatorMessage.KindOneofCase kind, TimeSpan? timeout = null)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
        wait.CancelAfter(timeout ?? TimeSpan.FromSeconds(20));
        while (await _call.ResponseStream.MoveNext(wait.Token))
        {
            if (_call.ResponseStream.Current.KindCase == kind)
            {
                return _call.ResponseStream.Current;
            }
        }

        throw new InvalidOperationException($"the stream ended before a {kind}");
    }

    public Task SendAsync(AgentMessage message) => _call.RequestStream.WriteAsync(message);

    public Task ReportAsync(JobAssignment assignment, double p50Ms = 1.0)
    {
        var result = new JobResult
        {
            JobId = assignment.JobId, Attempt = assignment.Attempt, InputShape = "1x3x32x32", EnvironmentFingerprint = "test",
            Summary = new MeasurementSummary { P50Ms = p50Ms, P90Ms = p50Ms, P99Ms = p50Ms, MeanMs = p50Ms, MinMs = p50Ms, MaxMs = p50Ms, Samples = 1 },
        };
        result.SamplesMs.Add(p50Ms);
        return SendAsync(new AgentMessage { Result = result });
    }

    /// <summary>Reports the given samples (ms) with a summary computed from them, as a real agent would.</summary>
    public Task ReportSamplesAsync(JobAssignment assignment, IReadOnlyList<double> samplesMs, string fingerprint = "test")
    {
        var sorted = samplesMs.Order().ToArray();
        double At(double q) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
        var result = new JobResult
        {
            JobId = assignment.JobId, Attempt = assignment.Attempt, InputShape = "1x3x32x32", EnvironmentFingerprint = fingerprint,
            Summary = new MeasurementSummary
            {
                P50Ms = At(0.5), P90Ms = At(0.9), P99Ms = At(0.99), MeanMs = sorted.Average(), MinMs = sorted[0], MaxMs = sorted[^1], Samples = sorted.Length,
            },
        };
        result.SamplesMs.AddRange(samplesMs);
        return SendAsync(new AgentMessage { Result = result });
    }

    /// <summary>Ends the call abruptly, as a killed process does.</summary>
    public void Vanish() => _call.Dispose();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or RpcException or ObjectDisposedException)
        {
        }

        _call.Dispose();
        _cancel.Dispose();
    }
}
