using System.CommandLine;
using LowFormerBench.Cli.Commands.Up;
using LowFormerBench.Cli.Rendering;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Security;
using Spectre.Console;

namespace LowFormerBench.Cli.Commands.Keys;

/// <summary>
/// <c>lfb keys create|list|revoke --db FILE</c>: API keys and per-agent tokens, managed on the coordinator's own database
/// file. Needing the file (not a key) is what lets the first admin key be made; a running coordinator sees the change at
/// once (keys are looked up on every call).
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "API keys (viewer, submitter, admin) and per-agent tokens (agent), on the coordinator's database file");
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(RevokeCommand());
        return command;
    }

    private static Option<string> DatabaseOption() => new("--db")
    {
        Description = "The coordinator's database: its SQLite file (run on the coordinator's host), or its PostgreSQL URL or connection string", DefaultValueFactory = _ => UpCommand.DefaultDatabase,
    };

    private static Command CreateCommand()
    {
        var db = DatabaseOption();
        var role = new Option<string>("--role") { Description = "viewer, submitter, admin, or agent (a per-agent token)", Required = true };
        var name = new Option<string>("--name") { Description = "Whose key this is (a person, a CI job, an agent's name)", Required = true };
        var command = new Command("create", "Create a key; it is printed once and only its hash is stored") { db, role, name };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            ApiRole parsed;
            try
            {
                parsed = ApiRoles.Parse(parse.GetValue(role)!);
            }
            catch (FormatException e)
            {
                throw new CliFailure($"--role: {e.Message}");
            }

            var store = await OpenAsync(parse.GetValue(db)!, mustExist: false, cancellationToken);
            var (record, key) = await store.CreateAsync(parse.GetValue(name)!, parsed, cancellationToken);
            // The key alone on standard output, so a script can capture it; the advice goes to standard error.
            Console.Out.WriteLine(key);
            Console.Error.WriteLine(parsed == ApiRole.Agent
                ? $"created agent token '{record.Name}' (id {record.Id}). Shown once: start the agent with --token {key}"
                : $"created {record.Role} key '{record.Name}' (id {record.Id}). Shown once: set LFB_TOKEN=KEY for lfb (lfb ci: --token KEY), " +
                  "or paste it into the dashboard's sign-in page. From now on the coordinator asks every caller for a key.");
            return CommandAction.Succeeded;
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var db = DatabaseOption();
        var format = OutputFormatOption.Create();
        var command = new Command("list", "Keys and agent tokens (never the keys themselves)") { db, format };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var store = await OpenAsync(parse.GetValue(db)!, mustExist: true, cancellationToken);
            var keys = await store.ListAsync(cancellationToken);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                JsonOutput.Write(keys.Select(k => new { k.Id, k.Name, k.Role, k.CreatedAtMs, k.RevokedAtMs, Revoked = k.RevokedAtMs is not null }));
                return CommandAction.Succeeded;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("id", "name", "role", "created", "revoked");
            foreach (var k in keys)
            {
                table.AddRow(k.Id, Markup.Escape(k.Name), k.Role, Time(k.CreatedAtMs), k.RevokedAtMs is { } at ? Time(at) : "");
            }

            AnsiConsole.Write(table);
            return CommandAction.Succeeded;
        }));
        return command;
    }

    private static Command RevokeCommand()
    {
        var db = DatabaseOption();
        var id = new Argument<string>("id") { Description = "The key's id, as 'lfb keys list' shows it" };
        var command = new Command("revoke", "Revoke a key at once; an agent holding a revoked token is disconnected") { db, id };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var store = await OpenAsync(parse.GetValue(db)!, mustExist: true, cancellationToken);
            if (!await store.RevokeAsync(parse.GetValue(id)!, cancellationToken))
            {
                throw new CliFailure($"no active key with id '{parse.GetValue(id)}' in {Path.GetFullPath(parse.GetValue(db)!)}: see 'lfb keys list'");
            }

            Console.Out.WriteLine($"revoked {parse.GetValue(id)}");
            return CommandAction.Succeeded;
        }));
        return command;
    }

    private static async Task<ApiKeyStore> OpenAsync(string path, bool mustExist, CancellationToken cancellationToken)
    {
        if (mustExist && !PostgresAddress.IsPostgres(path) && !File.Exists(path))
        {
            throw new CliFailure($"no database at {Path.GetFullPath(path)}: pass the coordinator's file with --db");
        }

        var connections = DbConnectionFactory.For(path);
        // A key made before the coordinator ever started needs the schema; applying it is what the coordinator does at start.
        await new Migrator(connections).MigrateAsync(cancellationToken);
        return new ApiKeyStore(connections, TimeProvider.System);
    }

    private static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
