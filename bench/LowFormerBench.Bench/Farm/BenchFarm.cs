using System.Net;
using Grpc.Net.Client;
using LowFormerBench.Coordinator;
using LowFormerBench.ModelZoo;
using LowFormerBench.Protos.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace LowFormerBench.Bench.Farm;

/// <summary>A real coordinator on a free loopback port with a throwaway database, and a tiny uploaded model.</summary>
public sealed class BenchFarm : IAsyncDisposable
{
    public const string Token = "bench-token";

    private readonly WebApplication _app;
    private readonly DirectoryInfo _directory;

    private BenchFarm(WebApplication app, DirectoryInfo directory, string url)
    {
        _app = app;
        _directory = directory;
        Url = url;
        Channel = GrpcChannel.ForAddress(url);
        Control = new Control.ControlClient(Channel);
    }

    public string Url { get; }

    public GrpcChannel Channel { get; }

    public Control.ControlClient Control { get; }

    public string DatabasePath => Path.Combine(_directory.FullName, "bench.db");

    /// <summary>The coordinator's services, for reading what the Control API does not send (a paired job's reference samples).</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<BenchFarm> StartAsync(double leaseTtlSeconds = 30)
    {
        var directory = Directory.CreateTempSubdirectory("lfb-bench-farm");
        var port = CoordinatorServer.FreeLoopbackPort();
        var builder = CoordinatorServer.CreateBuilder(IPAddress.Loopback, port, new Dictionary<string, string?>
        {
            ["Coordinator:DatabasePath"] = Path.Combine(directory.FullName, "bench.db"),
            ["Coordinator:AgentToken"] = Token,
            ["Coordinator:LeaseTtlSeconds"] = leaseTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, LogLevel.Warning);
        var app = builder.Build();
        app.MapCoordinator();
        await app.StartAsync();
        return new BenchFarm(app, directory, $"http://127.0.0.1:{port}");
    }

    /// <summary>
    /// Uploads a one-convolution model and submits <paramref name="jobs"/> latency jobs on it: one per (batch size,
    /// resolution) pair, since a suite allows at most 4,096 batch sizes (the wire-level agents run nothing, so the
    /// sizes only make the jobs distinct).
    /// </summary>
    public async Task<long> SubmitTinyJobsAsync(int jobs)
    {
        var model = await UploadTinyAsync();
        var resolutions = (jobs + 999) / 1000;
        var batches = jobs / resolutions;
        if (batches * resolutions != jobs)
        {
            throw new ArgumentException($"{jobs} jobs: use a count under 1,000 or a multiple of {resolutions} (batch sizes x resolutions)", nameof(jobs));
        }

        var suite = $$"""
            name: bench
            models: [{name: tiny, file: tiny.onnx}]
            scenarios: [latency]
            batch_sizes: [{{string.Join(", ", Enumerable.Range(1, batches))}}]
            resolutions: [{{string.Join(", ", Enumerable.Range(32, resolutions))}}]
            budget: {min_iterations: 1, max_iterations: 1, time_budget_s: 1, warmup_s: 0.001}
            """;
        var request = new SubmitCampaignRequest { SuiteYaml = suite, SuitePath = "bench.yaml" };
        request.UploadedFiles["tiny.onnx"] = model.Sha256;
        return (await Control.SubmitCampaignAsync(request)).Id;
    }

    /// <summary>The one-convolution model as ONNX bytes.</summary>
    public static byte[] TinyModelBytes() => Google.Protobuf.MessageExtensions.ToByteArray(LowFormerBench.ModelZoo.TinyModel.Build());

    public async Task<ModelInfo> UploadTinyAsync()
    {
        using var upload = Control.UploadModel();
        await upload.RequestStream.WriteAsync(new UploadModelChunk { DisplayName = "tiny", Data = Google.Protobuf.ByteString.CopyFrom(TinyModelBytes()) });
        await upload.RequestStream.CompleteAsync();
        return await upload;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
