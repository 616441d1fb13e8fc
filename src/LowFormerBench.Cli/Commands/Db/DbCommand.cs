using System.CommandLine;
using System.Globalization;
using LowFormerBench.Cli.Commands.Up;
using LowFormerBench.Coordinator.Storage;

namespace LowFormerBench.Cli.Commands.Db;

/// <summary><c>lfb db</c>: care of the coordinator's SQLite database.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var command = new Command("db", "The coordinator's SQLite database: online backup");
        command.Subcommands.Add(Backup());
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
            var report = await DatabaseBackup.RunAsync(parse.GetValue(db)!, parse.GetValue(file)!, parse.GetValue(force), cancellationToken);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backed up {Path.GetFullPath(parse.GetValue(db)!)} to {report.Path}: {report.Bytes} bytes, {report.Campaigns} campaigns, "
                + $"{report.Jobs} jobs, {report.Results} results; integrity_check ok ({report.Elapsed.TotalSeconds:F2} s)"));
            return CommandAction.Succeeded;
        }));
        return command;
    }
}
