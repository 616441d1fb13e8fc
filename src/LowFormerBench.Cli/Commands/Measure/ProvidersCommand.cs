using System.CommandLine;
using LowFormerBench.Cli.Rendering;
using LowFormerBench.Measurement.ExecutionProviders;
using Spectre.Console;

namespace LowFormerBench.Cli.Commands.Measure;

/// <summary>One provider in <c>lfb providers</c>.</summary>
/// <param name="BuiltIn">Whether the loaded native library was compiled with it.</param>
/// <param name="Usable">Whether a session can be created on it here (GPU providers: tried on a one-node graph).</param>
/// <param name="Reason">Why it is not usable, with what to do; empty when it is.</param>
public sealed record ProviderRecord(string Name, string Aliases, bool BuiltIn, bool Usable, string Reason);

/// <summary><c>lfb providers</c>: what this machine's ONNX Runtime has built in, and what of it runs here.</summary>
public static class ProvidersCommand
{
    public static Command Create()
    {
        var nativeLibrary = new Option<string>("--native-library") { Description = "The device's own libonnxruntime.so instead of the packaged one", HelpName = "path" };
        var format = OutputFormatOption.Create();
        var command = new Command("providers", "Execution providers of this machine's ONNX Runtime: built in, and usable here (or why not)") { nativeLibrary, format };
        command.SetAction((parse, _) => CommandAction.RunAsync(() =>
        {
            if (parse.GetValue(nativeLibrary) is { } library)
            {
                try
                {
                    OnnxRuntimeNativeLibrary.Use(library);
                }
                catch (NativeLibraryException e)
                {
                    throw new CliFailure(e.Message);
                }
            }

            var listed = OnnxRuntimeInfo.AvailableProviders;
            var (usable, refused) = ProviderSessionCheck.Verify(listed);
            var records = ProviderCatalog.Known.Select(p => new ProviderRecord(p.Name, string.Join("/", p.Aliases), listed.Contains(p.Name),
                    usable.Contains(p.Name), refused.FirstOrDefault(r => r.Name == p.Name)?.Reason ?? (listed.Contains(p.Name) ? "" : p.WhenMissing)))
                .ToList();
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                JsonOutput.Write(records);
                return Task.FromResult(CommandAction.Succeeded);
            }

            var table = new Table().Border(TableBorder.Simple)
                .Title(Markup.Escape($"ONNX Runtime {OnnxRuntimeInfo.Version} ({OnnxRuntimeNativeLibrary.LoadedPath})"))
                .AddColumns("provider", "aliases", "built in", "usable here", "why not");
            foreach (var r in records)
            {
                table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Aliases), r.BuiltIn ? "yes" : "no", r.Usable ? "[green]yes[/]" : "no", Markup.Escape(r.Reason));
            }

            AnsiConsole.Write(table);
            return Task.FromResult(CommandAction.Succeeded);
        }));
        return command;
    }
}
