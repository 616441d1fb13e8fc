using LowFormerBench.Agent;
using LowFormerBench.Bench.Farm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LowFormerBench.Bench.Regression;

/// <summary>
/// The real agent (AddAgent, as <c>lfb agent</c> builds it: gRPC connection, model cache, LoopJobMeasurer over ONNX
/// Runtime), hosted in this process against a <see cref="BenchFarm"/>.
/// </summary>
public sealed class InProcessAgent : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DirectoryInfo _cache;

    private InProcessAgent(IHost host, DirectoryInfo cache)
    {
        _host = host;
        _cache = cache;
    }

    public static async Task<InProcessAgent> StartAsync(BenchFarm farm, string name)
    {
        var cache = Directory.CreateTempSubdirectory("lfb-bench-agent");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agent:CoordinatorUrl"] = farm.Url,
            ["Agent:Token"] = BenchFarm.Token,
            ["Agent:Name"] = name,
            ["Agent:CacheDirectory"] = cache.FullName,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddAgent(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessAgent(host, cache);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _cache.Delete(recursive: true);
    }
}
