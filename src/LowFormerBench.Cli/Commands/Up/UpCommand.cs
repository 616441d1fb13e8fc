using System.CommandLine;
using System.Security.Cryptography;
using LowFormerBench.Cli.Commands.Farm;
using LowFormerBench.Cli.Rendering;
using Spectre.Console;

namespace LowFormerBench.Cli.Commands.Up;

/// <summary><c>lfb up</c>: the single-machine farm.</summary>
public static class UpCommand
{
    public const string DefaultDatabase = "lowformerbench.db";

    public const string DatabaseHelp =
        "SQLite database file, or a PostgreSQL database that several coordinators share: postgres://USER:PASSWORD@HOST:5432/NAME or Host=HOST;Database=NAME";

    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "Port for gRPC and the dashboard", DefaultValueFactory = _ => 5180 };
        var db = new Option<string>("--db") { Description = DatabaseHelp, DefaultValueFactory = _ => DefaultDatabase };
        var noAgent = new Option<bool>("--no-local-agent") { Description = "Do not start an agent in this process" };
        var suite = new Option<FileInfo?>("--suite") { Description = "Run this suite once the farm is up, and show its progress" };
        var token = new Option<string?>("--agent-token") { Description = "The farm token agents must present (default: a new random one, printed)" };
        var bind = new Option<string>("--bind") { Description = "Address to listen on (0.0.0.0 for agents on other machines)", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("up", "Start a coordinator and a local CPU agent in one process, with an embedded SQLite database")
        {
            port, db, noAgent, suite, token, bind,
        };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var agentToken = parse.GetValue(token) ?? NewToken();
            await using var farm = await LocalFarm.StartAsync(new LocalFarmOptions(parse.GetValue(port), parse.GetValue(db)!, agentToken,
                !parse.GetValue(noAgent), parse.GetValue(bind)!, Quiet: false), cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"LowFormerBench coordinator listening on [bold]{farm.Url}[/] (database {DatabaseName(parse.GetValue(db)!)})");
            Console.Out.WriteLine($"agents join with: lfb agent --coordinator http://<this-host>:{parse.GetValue(port)} --token {agentToken}");
            await WarnWhenOpenAsync(parse.GetValue(bind)!, parse.GetValue(db)!, cancellationToken);
            if (parse.GetValue(suite) is { } suiteFile)
            {
                using var client = new CoordinatorClient(farm.Url);
                var info = await SuiteSubmission.SubmitAsync(client, suiteFile.FullName, new Dictionary<string, string>(), cancellationToken);
                var final = await CampaignWatcher.WatchAsync(client, info.Id, cancellationToken);
                AnsiConsole.Write(ComparisonTable.Build(await ResultsCommand.FetchAsync(client, info.Id, cancellationToken), null));
                await CampaignWatcher.ShowBestBatchesAsync(client, final, cancellationToken);
            }

            Console.Out.WriteLine("press Ctrl+C to stop");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return CommandAction.Succeeded;
        }));
        return command;
    }

    // Open (no key) is right on a laptop and wrong on a network: say so when the port is reachable from elsewhere.
    private static async Task WarnWhenOpenAsync(string bind, string db, CancellationToken cancellationToken)
    {
        var loopback = System.Net.IPAddress.TryParse(bind, out var address) && System.Net.IPAddress.IsLoopback(address);
        var keys = new Coordinator.Storage.ApiKeyStore(Coordinator.Storage.DbConnectionFactory.For(db), TimeProvider.System);
        if (!loopback && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Coordinator__ControlToken")) && !await keys.AnyUserKeyAsync(cancellationToken))
        {
            Console.Error.WriteLine($"lfb: warning: no API key exists, so anyone who can reach {bind} may submit and cancel. " +
                $"Create one: lfb keys create --db {db} --role admin --name YOU");
        }
    }

    /// <summary>The database as a message names it: the SQLite file's full path, or PostgreSQL's host:port/name (no password).</summary>
    public static string DatabaseName(string db) => Coordinator.Storage.DbConnectionFactory.For(db).Location;

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
