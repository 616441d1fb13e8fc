using System.Globalization;
using LowFormerBench.Core.Results;
using Spectre.Console;

namespace LowFormerBench.Cli.Rendering;

/// <summary>An operator profile as two tables: per operator type, then the slowest kernels.</summary>
public static class OperatorProfileTable
{
    private const int TopKernels = 15;

    public static void Write(OperatorProfile profile, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var operators = new Table().Border(TableBorder.Simple)
            .Title($"operator profile: {profile.KernelMs:0.000} ms of kernels per inference, {profile.ProfiledRuns} runs, optimisation '{Markup.Escape(profile.OptimizationLevel)}'")
            .AddColumns("operator", "kernels", "ms", "time share", "MAC share", "time / MAC share");
        foreach (var o in profile.Operators)
        {
            operators.AddRow(Markup.Escape(o.OpType), o.Kernels.ToString(CultureInfo.InvariantCulture), o.TimeMs.ToString("0.000", CultureInfo.InvariantCulture),
                Percent(o.TimeShare), Percent(o.MacShare), Ratio(o.TimeShare, o.MacShare));
        }

        console.Write(operators);
        var nodes = new Table().Border(TableBorder.Simple).Title($"slowest {TopKernels} kernels")
            .AddColumns("kernel", "ORT op", "model node", "ms", "time share", "MAC share");
        foreach (var n in profile.Nodes.Take(TopKernels))
        {
            nodes.AddRow(Markup.Escape(n.Kernel), Markup.Escape(n.KernelOp), Markup.Escape(n.ModelNode ?? "(inserted by ORT)"),
                n.TimeMs.ToString("0.000", CultureInfo.InvariantCulture), Percent(n.TimeShare), Percent(n.MacShare));
        }

        console.Write(nodes);
        foreach (var note in profile.Notes)
        {
            console.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        }
    }

    private static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    // How many times more time than MACs an operator takes; "-" where it does no MACs.
    private static string Ratio(double timeShare, double macShare) =>
        macShare > 0 ? (timeShare / macShare).ToString("0.00x", CultureInfo.InvariantCulture) : "-";
}
