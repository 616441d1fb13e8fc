using System.CommandLine;
using System.Globalization;
using LowFormerBench.Cli.Rendering;
using LowFormerBench.ModelZoo;
using LowFormerBench.ModelZoo.Counting;
using LowFormerBench.ModelZoo.Onnx;
using Spectre.Console;

namespace LowFormerBench.Cli.Commands.Models;

/// <summary><c>lfb models inspect FILE|NAME</c>: params, MACs by operator type, inputs and outputs of any ONNX file.</summary>
public static class ModelsInspectCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "An .onnx file, or a built-in model name" };
        var resolution = new Option<int>("--resolution", "-r") { Description = "Value for symbolic height and width of image inputs", DefaultValueFactory = _ => 224 };
        var batch = new Option<int>("--batch", "-b") { Description = "Value for symbolic batch dimensions", DefaultValueFactory = _ => 1 };
        var inputs = new Option<string[]>("--input") { Description = "Full shape of a named input, e.g. x=1x3x48x320 (repeatable)", AllowMultipleArgumentsPerToken = true };
        var format = OutputFormatOption.Create();
        var command = new Command("inspect", "Count params and MACs of an ONNX file, with inputs, outputs and MACs by operator type")
        {
            model, resolution, batch, inputs, format,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var options = new CountOptions(Positive(parse.GetValue(batch), "--batch"), Positive(parse.GetValue(resolution), "--resolution"),
                ParseShapes(parse.GetValue(inputs) ?? []));
            var count = Count(parse.GetValue(model)!, options);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                JsonOutput.Write(count);
            }
            else
            {
                Show(count);
            }

            return CommandAction.Succeeded;
        }));
        return command;
    }

    private static ModelCount Count(string model, CountOptions options)
    {
        var proto = File.Exists(model) || model.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
            ? OnnxModelFile.Load(model)
            : Zoo.Build(model, ModelBuildOptions.StructureOnly(options.Resolution)).Model;
        try
        {
            return OnnxModelCounter.Count(proto, options);
        }
        catch (ArgumentException e)
        {
            throw new CliFailure(e.Message);
        }
    }

    private static void Show(ModelCount count)
    {
        AnsiConsole.MarkupLineInterpolated($"params [bold]{Units.Millions(count.Parameters)} M[/] ({count.Parameters:N0}; initializer elements {count.InitializerElements:N0})");
        if (count.FoldedBatchNorm is { } folded)
        {
            AnsiConsole.MarkupLineInterpolated($"       [yellow]note:[/] {folded.Describe(count.Parameters)}");
        }

        AnsiConsole.MarkupLineInterpolated($"MACs   [bold]{Units.Millions(count.Macs)} M[/] at batch {count.Options.Batch}, resolution {count.Options.Resolution}");
        var io = new Table().Border(TableBorder.Simple).AddColumns("", "name", "type", "declared", "resolved");
        foreach (var (kind, signature) in count.Inputs.Select(i => ("input", i)).Concat(count.Outputs.Select(o => ("output", o))))
        {
            io.AddRow(kind, Markup.Escape(signature.Name), signature.ElementType, Markup.Escape(Dims(signature.DeclaredDims)),
                signature.ResolvedDims is null ? "[red]unresolved[/]" : string.Join("x", signature.ResolvedDims));
        }

        AnsiConsole.Write(io);
        var ops = new Table().Border(TableBorder.Simple).AddColumns("operator", "nodes", "MACs (M)", "share");
        foreach (var (op, macs) in count.MacsByOperator.OrderByDescending(o => o.Value.Macs).ThenBy(o => o.Key))
        {
            var share = count.Macs == 0 ? 0 : (double)macs.Macs / count.Macs;
            ops.AddRow(Markup.Escape(op), macs.Nodes.ToString(CultureInfo.InvariantCulture), Units.Millions(macs.Macs), share.ToString("P1", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(ops);
        AnsiConsole.WriteLine(Units.MacsConvention);
        foreach (var warning in count.Warnings)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
        }
    }

    private static string Dims(IReadOnlyList<string>? dims) => dims is null ? "?" : "[" + string.Join(", ", dims) + "]";

    private static int Positive(int value, string option) => value >= 1 ? value : throw new CliFailure($"{option} must be at least 1");

    private static Dictionary<string, IReadOnlyList<long>> ParseShapes(IEnumerable<string> specs)
    {
        var shapes = new Dictionary<string, IReadOnlyList<long>>();
        foreach (var spec in specs)
        {
            var parts = spec.Split('=', 2);
            var dims = parts.Length == 2 ? parts[1].Split('x', ',') : [];
            if (parts.Length != 2 || dims.Length == 0 || !dims.All(d => long.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                throw new CliFailure($"--input must look like NAME=1x3x224x224, not '{spec}'");
            }

            shapes[parts[0]] = [.. dims.Select(d => long.Parse(d, CultureInfo.InvariantCulture))];
        }

        return shapes;
    }
}
