using System.CommandLine;
using LowFormerBench.Cli.Commands.Farm;
using LowFormerBench.Cli.Commands.Agent;
using LowFormerBench.Cli.Commands.Measure;
using LowFormerBench.Cli.Commands.Models;
using LowFormerBench.Cli.Commands.Up;

namespace LowFormerBench.Cli;

/// <summary>The <c>lfb</c> command tree. Built in one place so tests run the same parser as the executable.</summary>
public static class LfbCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("LowFormerBench: measured speed of vision backbones, not MAC counts.");
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(SubmitCommand.Create());
        root.Subcommands.Add(WatchCommand.Create());
        root.Subcommands.Add(ResultsCommand.Create());
        root.Subcommands.Add(AgentsCommand.Create());
        root.Subcommands.Add(MeasureCommand.Create());
        root.Subcommands.Add(ProvidersCommand.Create());
        root.Subcommands.Add(Commands.Ci.CiCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(AgentCommand.Create());
        root.Subcommands.Add(Commands.Keys.KeysCommand.Create());
        root.Subcommands.Add(Commands.Db.DbCommand.Create());
        return root;
    }
}
