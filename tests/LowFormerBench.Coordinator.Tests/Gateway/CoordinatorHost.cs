using System.Net;
using Grpc.Net.Client;
using LowFormerBench.ModelZoo;
using LowFormerBench.Protos.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace LowFormerBench.Coordinator.Tests.Gateway;

/// <summary>The real coordinator app on a loopback port (real Kestrel, real gRPC, real SQLite file), with short leases.</summary>
public sealed class CoordinatorHost : IAsyncDisposable
{
    public const string Token = "test-token";

    private readonly WebApplication _app;
    private readonly DirectoryInfo _directory;

    private CoordinatorHost(WebApplication app, DirectoryInfo directory, string url, HttpMessageHandler? handler)
    {
        _app = app;
        _directory = directory;
        Url = url;
        Channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        Control = new Control.ControlClient(Channel);
    }

    /// <summary>http://127.0.0.1:PORT, or https:// when started with Coordinator:Tls settings.</summary>
    public string Url { get; }

    public GrpcChannel Channel { get; }

    public Control.ControlClient Control { get; }

    public string DatabasePath => Path.Combine(_directory.FullName, "coordinator.db");

    /// <summary>The app's services, for in-process readers such as the dashboard's queries.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The host on a SQLite file or on a new database of the test PostgreSQL server (the case skips without one).</summary>
    public static async Task<CoordinatorHost> StartOnAsync(Coordinator.Storage.StorageEngine engine, Postgres.PostgresServer postgres, double leaseTtlSeconds = 2) =>
        await StartAsync(leaseTtlSeconds, settings: engine == Coordinator.Storage.StorageEngine.Postgres
            ? new Dictionary<string, string?> { ["Coordinator:DatabasePath"] = await postgres.CreateDatabaseAsync() }
            : null);

    /// <param name="settings">More coordinator settings (keys such as "Coordinator:AllowAnonymousRead"), applied last.</param>
    /// <param name="handler">The HTTP handler of <see cref="Channel"/> (TLS trust, client certificates).</param>
    public static async Task<CoordinatorHost> StartAsync(double leaseTtlSeconds = 2, int maxAttempts = 3, string controlToken = "",
        IReadOnlyDictionary<string, string?>? settings = null, HttpMessageHandler? handler = null)
    {
        var directory = Directory.CreateTempSubdirectory("lfb-coord");
        var port = CoordinatorServer.FreeLoopbackPort();
        var builder = CoordinatorServer.CreateBuilder(IPAddress.Loopback, port, new Dictionary<string, string?>
        {
            ["Coordinator:DatabasePath"] = Path.Combine(directory.FullName, "coordinator.db"),
            // Beside the database for a SQLite file already; said outright so a PostgreSQL run keeps them in the test's folder too.
            ["Coordinator:ModelStoreDirectory"] = Path.Combine(directory.FullName, "models"),
            ["Coordinator:DataProtectionKeysDirectory"] = Path.Combine(directory.FullName, "coordinator.db.dataprotection-keys"),
            ["Coordinator:AgentToken"] = Token,
            ["Coordinator:LeaseTtlSeconds"] = leaseTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Coordinator:HeartbeatIntervalSeconds"] = (leaseTtlSeconds / 4).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Coordinator:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Coordinator:ControlToken"] = controlToken,
        }.Concat(settings ?? new Dictionary<string, string?>()).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value), LogLevel.Warning);
        var app = builder.Build();
        app.MapCoordinator();
        await app.StartAsync();
        var scheme = settings?.ContainsKey("Coordinator:Tls:CertificatePath") == true ? "https" : "http";
        return new CoordinatorHost(app, directory, $"{scheme}://127.0.0.1:{port}", handler);
    }

    /// <summary>Uploads a one-convolution model and submits one latency job per batch size given.</summary>
    public Task<long> SubmitTinyAsync(params int[] batches) => SubmitTinyAsync(new Dictionary<string, string>(), batches);

    /// <summary>As <see cref="SubmitTinyAsync(int[])"/>, with campaign metadata (branch, tags).</summary>
    public Task<long> SubmitTinyAsync(IReadOnlyDictionary<string, string> metadata, params int[] batches) => SubmitTinyAsync(metadata, null, batches);

    /// <param name="configure">Sets further fields of the request (a paired run's).</param>
    public async Task<long> SubmitTinyAsync(IReadOnlyDictionary<string, string> metadata, Action<SubmitCampaignRequest>? configure, params int[] batches)
    {
        using var upload = Control.UploadModel();
        await upload.RequestStream.WriteAsync(new UploadModelChunk
        {
            DisplayName = "tiny", Data = Google.Protobuf.ByteString.CopyFrom(Google.Protobuf.MessageExtensions.ToByteArray(TinyModel.Build())),
        });
        await upload.RequestStream.CompleteAsync();
        var sha = (await upload).Sha256;
        var request = new SubmitCampaignRequest
        {
            SuiteYaml = $"{{name: t, models: [{{name: tiny, file: tiny.onnx}}], scenarios: [latency], batch_sizes: [{string.Join(",", batches)}]}}",
        };
        request.UploadedFiles["tiny.onnx"] = sha;
        request.Metadata.Add(new Dictionary<string, string>(metadata));
        configure?.Invoke(request);
        return (await Control.SubmitCampaignAsync(request)).Id;
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
