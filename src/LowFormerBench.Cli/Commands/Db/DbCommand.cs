using System.CommandLine;
using System.Globalization;
using LowFormerBench.Cli.Commands.Up;
using LowFormerBench.Coordinator.Storage;

namespace LowFormerBench.Cli.Commands.Db;

/// <summary><c>lfb db</c>: care of the coordinator's database: online backup of a SQLite file, a move into PostgreSQL.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var command = new Command("db", "The coordinator's database: online backup (SQLite), move a SQLite farm into PostgreSQL");
        command.Subcommands.Add(Backup());
        command.Subcommands.Add(Migrate());
        return command;
    }

    private static Command Backup()
    {
        var file = new Argument<string>("FILE") { Description = "Where to write the backup (a new file; see --force)" };
        var db = new Option<string>("--db") { Description = "The coordinator's database file", DefaultValueFactory = _ => UpCommand.DefaultDatabase };
        var force = new Option<bool>("--force") { Description = "Overwrite FILE when it exists" };
        var command = new Command("backup",
            "Copy the database while the coordinator runs (SQLite online backup: one consistent snapshot), then check the copy's integrity")
        {
            file, db, force,
        };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            if (PostgresAddress.IsPostgres(parse.GetValue(db)!))
            {
                throw new CliFailure("lfb db backup copies a SQLite file; back a PostgreSQL database up with its own tools (pg_dump -Fc NAME > FILE)");
            }

            var report = await DatabaseBackup.RunAsync(parse.GetValue(db)!, parse.GetValue(file)!, parse.GetValue(force), cancellationToken);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backed up {Path.GetFullPath(parse.GetValue(db)!)} to {report.Path}: {report.Bytes} bytes, {report.Campaigns} campaigns, "
                + $"{report.Jobs} jobs, {report.Results} results; integrity_check ok ({report.Elapsed.TotalSeconds:F2} s)"));
            return CommandAction.Succeeded;
        }));
        return command;
    }

    private static Command Migrate()
    {
        var from = new Option<string>("--from") { Description = "The farm's SQLite file", DefaultValueFactory = _ => UpCommand.DefaultDatabase };
        var to = new Option<string>("--to")
        {
            Description = "An empty PostgreSQL database: postgres://USER:PASSWORD@HOST:5432/NAME or Host=HOST;Database=NAME;Username=USER",
            Required = true,
        };
        var command = new Command("migrate",
            "Move a farm from its SQLite file into an empty PostgreSQL database: every row of every table, ids kept, row counts checked " +
            "on both sides before one commit (stop the coordinator first, then start it with --db pointing at PostgreSQL)")
        {
            from, to,
        };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            DatabaseCopyReport report;
            try
            {
                report = await DatabaseCopy.SqliteToPostgresAsync(parse.GetValue(from)!, parse.GetValue(to)!, cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FileNotFoundException or Npgsql.NpgsqlException)
            {
                throw new CliFailure($"lfb db migrate: {e.Message} (the PostgreSQL database was left as it was)");
            }

            foreach (var (table, rows) in report.Tables)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table,-24} {rows,10} rows"));
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"moved {Path.GetFullPath(parse.GetValue(from)!)} into PostgreSQL: {report.Tables.Sum(t => t.Rows)} rows in {report.Tables.Count} tables, " +
                $"counts equal on both sides ({report.Elapsed.TotalSeconds:F2} s)"));
            return CommandAction.Succeeded;
        }));
        return command;
    }
}
