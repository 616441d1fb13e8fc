using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace LowFormerBench.Coordinator.Tests.Postgres;

/// <summary>
/// A real PostgreSQL server for the tests of one assembly: a throwaway cluster (initdb) in a temp folder, listening on
/// 127.0.0.1 at a free port and on a socket in that folder, stopped and deleted at the end. fsync is off: the tests
/// check SQL and concurrency, not the server's durability. As root (CI) the server runs as the <c>postgres</c> user,
/// since initdb and postgres refuse root. <c>LFB_TEST_POSTGRES</c> (a connection string) uses an existing server instead.
/// Without PostgreSQL's programs, <see cref="SkipReason"/> says so and the PostgreSQL cases skip.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string User = "lfb";

    private DirectoryInfo? _directory;
    private string? _binaries;
    private bool _asPostgresUser;
    private string _admin = "";
    private int _databases;

    /// <summary>Why PostgreSQL cases cannot run here, or null when they can.</summary>
    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("LFB_TEST_POSTGRES") is { Length: > 0 } existing)
        {
            _admin = existing;
            return;
        }

        _binaries = FindBinaries();
        if (_binaries is null)
        {
            SkipReason = "PostgreSQL's programs are not installed (apt-get install postgresql; .ci/run does it), and LFB_TEST_POSTGRES is not set";
            return;
        }

        _asPostgresUser = Environment.UserName == "root";
        _directory = Directory.CreateTempSubdirectory("lfb-pg");
        var data = Path.Combine(_directory.FullName, "data");
        if (_asPostgresUser)
        {
            await RunAsync("chown", ["postgres:postgres", _directory.FullName]);
        }

        await RunServerToolAsync("initdb", ["-D", data, "-U", User, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                // A port picked free may be taken before the server binds it: try another.
                await RunServerToolAsync("pg_ctl", ["-D", data, "-l", Path.Combine(_directory.FullName, "server.log"), "-w", "-t", "60",
                    "-o", $"-F -p {port} -h 127.0.0.1 -k {_directory.FullName} -c max_connections=300 -c shared_buffers=64MB", "start"]);
                _admin = $"Host=127.0.0.1;Port={port};Username={User};Database=postgres;Pooling=false";
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>A new, empty database for one test; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }

        var name = $"lfb_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..6]}";
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_admin) { Database = name, Pooling = true }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_directory is null)
        {
            return;
        }

        try
        {
            await RunServerToolAsync("pg_ctl", ["-D", Path.Combine(_directory.FullName, "data"), "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
        }

        _directory.Delete(recursive: true);
    }

    private static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("LFB_POSTGRES_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.GetDirectories(debian).Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
    }

    private Task RunServerToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var program = Path.Combine(_binaries!, tool);
        return _asPostgresUser ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
