using System.CommandLine;
using LowFormerBench.Cli.Rendering;
using LowFormerBench.Protos.V1;
using Spectre.Console;

namespace LowFormerBench.Cli.Commands.Farm;

/// <summary><c>lfb agents</c>.</summary>
public static class AgentsCommand
{
    public static Command Create()
    {
        var coordinator = CoordinatorOption.Create();
        var format = OutputFormatOption.Create();
        var command = new Command("agents", "The farm's agents: state, device, providers, canary drift") { coordinator, format };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            using var client = new CoordinatorClient(parse.GetValue(coordinator)!);
            var response = await client.CallAsync(async c => await c.ListAgentsAsync(new ListAgentsRequest(), cancellationToken: cancellationToken));
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                JsonOutput.Write(response.Agents.Select(a => new
                {
                    a.Name, a.Id, a.State, a.Capabilities.Arch, a.Capabilities.DeviceClass, a.Capabilities.CpuModel, a.Capabilities.CpuCores,
                    Providers = a.Capabilities.Providers.ToList(), a.Capabilities.OnnxruntimeVersion, a.CurrentJobId, a.LastSeenMs,
                    a.QuarantineReason, a.DownloadedBytes, a.CanaryNote, CanaryDrift = a.HasCanaryDrift ? a.CanaryDrift : (double?)null, a.CanaryDrifted,
                    a.Capabilities.GpuName, a.Capabilities.GpuDriver, a.Capabilities.GpuMemoryBytes, a.Capabilities.GpuCudaVersion,
                    a.Capabilities.GpuComputeCapability,
                }));
                return CommandAction.Succeeded;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("name", "state", "arch", "class", "cpu", "providers", "job", "downloaded", "canary");
            foreach (var a in response.Agents)
            {
                table.AddRow(Markup.Escape(a.Name), a.State + (a.QuarantineReason.Length > 0 ? $" ({Markup.Escape(a.QuarantineReason)})" : ""),
                    a.Capabilities.Arch, a.Capabilities.DeviceClass, Markup.Escape($"{a.Capabilities.CpuModel} x{a.Capabilities.CpuCores}"),
                    string.Join(", ", a.Capabilities.Providers), a.CurrentJobId, Units.Bytes(a.DownloadedBytes),
                    a.CanaryDrifted ? $"[red]{Markup.Escape(a.CanaryNote)}[/]" : Markup.Escape(a.CanaryNote));
            }

            AnsiConsole.Write(table);
            return CommandAction.Succeeded;
        }));
        return command;
    }
}
