using System.Net;
using System.Net.Sockets;
using LowFormerBench.Agent;
using LowFormerBench.Agent.Connection;
using LowFormerBench.Coordinator;
using LowFormerBench.Measurement.Environment;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LowFormerBench.Dashboard.Tests.Browser;

/// <summary>
/// An empty coordinator in-process and a real agent beside it (as <c>lfb up</c> runs them): the agent dials in over
/// gRPC, fetches models and measures them with ONNX Runtime. Its thermal zone is a sysfs-shaped folder with a
/// fixed reading (this machine has none), read through the real probe, so the Agents page has a temperature to show.
/// </summary>
public sealed class FarmWithAgent : IAsyncDisposable
{
    public const string AgentName = "local-agent";
    public const string ThermalMillidegrees = "47500";

    private readonly WebApplication _app;
    private readonly IHost _agent;
    private readonly DirectoryInfo _directory;

    private FarmWithAgent(WebApplication app, IHost agent, DirectoryInfo directory, string url, ErrorLogRecorder errors)
    {
        _app = app;
        _agent = agent;
        _directory = directory;
        Url = url;
        ErrorLogs = errors;
    }

    public string Url { get; }

    public ErrorLogRecorder ErrorLogs { get; }

    public static async Task<FarmWithAgent> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("lfb-dashboard-farm");
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}/";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Coordinator:DatabasePath"] = Path.Combine(directory.FullName, "farm.db"),
            ["Coordinator:AgentToken"] = "farm-test",
            ["Coordinator:HeartbeatIntervalSeconds"] = "1",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var errors = new ErrorLogRecorder();
        builder.Logging.AddProvider(errors);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseHttp1AndCleartextHttp2()));
        builder.AddCoordinator();
        var app = builder.Build();
        app.MapCoordinator();
        await app.StartAsync();

        var thermal = Directory.CreateDirectory(Path.Combine(directory.FullName, "device", "sys", "class", "thermal", "thermal_zone0"));
        await File.WriteAllTextAsync(Path.Combine(thermal.FullName, "type"), "cpu-thermal\n");
        await File.WriteAllTextAsync(Path.Combine(thermal.FullName, "temp"), ThermalMillidegrees + "\n");
        var agentBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        agentBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agent:CoordinatorUrl"] = url.TrimEnd('/'),
            ["Agent:Token"] = "farm-test",
            ["Agent:Name"] = AgentName,
            ["Agent:CacheDirectory"] = Path.Combine(directory.FullName, "agent-cache"),
        });
        agentBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
        agentBuilder.Logging.AddProvider(errors);
        agentBuilder.Services.AddSingleton(new DeviceTemperature(new DeviceFiles(Path.Combine(directory.FullName, "device"))));
        agentBuilder.Services.AddAgent(agentBuilder.Configuration);
        var agent = agentBuilder.Build();
        await agent.StartAsync();
        return new FarmWithAgent(app, agent, directory, url, errors);
    }

    public async ValueTask DisposeAsync()
    {
        await _agent.StopAsync();
        _agent.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
