using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace LowFormerBench.FunctionalTests;

/// <summary>A coordinator process on a free loopback port, with a fresh database folder.</summary>
public sealed class CoordinatorProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _database;

    private CoordinatorProcess(string directory, int port, string token, LfbProcess process, IReadOnlyDictionary<string, string> environment, string database)
    {
        _database = database;
        Directory = directory;
        Port = port;
        Token = token;
        Process = process;
        _environment = environment;
    }

    public string Directory { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public string Token { get; }

    public LfbProcess Process { get; private set; }

    public string DatabasePath => Path.Combine(Directory, "farm.db");

    public static Task<CoordinatorProcess> StartAsync() => StartAsync(new Dictionary<string, string>());

    /// <param name="environment">Coordinator settings as environment variables, e.g. <c>Coordinator__LeaseTtlSeconds</c>.</param>
    /// <param name="database">The <c>--db</c> value: a SQLite file in the farm's folder, or a PostgreSQL connection string.</param>
    public static async Task<CoordinatorProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string database = "farm.db")
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("lfb-farm").FullName;
        var port = FreePort();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var process = await LaunchAsync(directory, port, token, environment, database);
        return new CoordinatorProcess(directory, port, token, process, environment, database);
    }

    /// <summary>SIGKILL the coordinator (no clean shutdown), then start it again on the same database, port and token.</summary>
    public async Task CrashAndRestartAsync()
    {
        Process.Kill();
        await Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var crashed = Process;
        Process = await LaunchAsync(Directory, Port, Token, _environment, _database);
        await crashed.DisposeAsync();
    }

    private static async Task<LfbProcess> LaunchAsync(string directory, int port, string token, IReadOnlyDictionary<string, string> environment,
        string database)
    {
        var process = LfbProcess.Start(directory, environment, "up", "--no-local-agent", "--port", port.ToString(), "--db", database, "--agent-token", token);
        await process.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(60));
        return process;
    }

    public LfbProcess StartAgent(string name, string? token = null) =>
        LfbProcess.Start(Directory, "agent", "--coordinator", Url, "--token", token ?? Token, "--name", name, "--cache", Path.Combine(Directory, $"cache-{name}"));

    public Task<(int ExitCode, string Output)> LfbAsync(TimeSpan timeout, params string[] args) =>
        LfbProcess.RunAsync(Directory, timeout, [.. args, "--coordinator", Url]);

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A straggling child may still hold a file; the OS temp cleaner gets it.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
