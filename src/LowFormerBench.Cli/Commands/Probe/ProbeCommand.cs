using System.CommandLine;
using System.Globalization;
using LowFormerBench.Cli.Commands.Measure;
using LowFormerBench.Cli.Rendering;
using LowFormerBench.Core.Probes;
using LowFormerBench.Measurement;
using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Measurement.Runners;
using LowFormerBench.ModelZoo.Probes;
using Spectre.Console;

namespace LowFormerBench.Cli.Commands.Probe;

/// <summary>
/// <c>lfb probe --set paper-blocks | --family conv --kernel 3,5 ...</c>: builds building-block probes, checks every
/// request before anything runs, then measures each on this machine with the loop <c>lfb measure</c> and the agents use.
/// </summary>
public static class ProbeCommand
{
    public static Command Create()
    {
        var set = new Option<string?>("--set") { Description = $"A shipped probe set: {string.Join(", ", ProbeCatalog.SetNames)}" };
        var family = new Option<string?>("--family") { Description = $"One family: {string.Join(", ", ProbeFamilies.AllNames)}" };
        var parameters = ProbeParameters.Keys.ToDictionary(k => k, k => new Option<string[]>($"--{k}")
        {
            Description = $"The family's {k} values, e.g. 3,5 (see the README for each family's parameters)",
            AllowMultipleArgumentsPerToken = true,
        });
        var batch = new Option<int>("--batch", "-b") { Description = "Batch size", DefaultValueFactory = _ => 1 };
        var provider = new Option<string>("--provider", "-p") { Description = "Execution provider (cpu, cuda, tensorrt, xnnpack)", DefaultValueFactory = _ => "cpu" };
        var options = new Option<string[]>("--option", "-o") { Description = "A provider or session option as key=value; repeat for more", HelpName = "key=value" };
        var budget = new Option<double>("--time-budget") { Description = "Seconds of timed iterations per probe at most", DefaultValueFactory = _ => 1.0 };
        var warmup = new Option<double>("--warmup") { Description = "Seconds of warm-up per probe at most", DefaultValueFactory = _ => 0.5 };
        var format = new Option<string>("--format") { Description = "table, json or csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var command = new Command("probe", "Time building blocks (convs, MBConv vs fused, attention, MLP, activations, norms, macro shapes) at equal MACs")
        {
            set, family, batch, provider, options, budget, warmup, format,
        };
        foreach (var option in parameters.Values)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var given = parameters.Where(p => parse.GetValue(p.Value) is { Length: > 0 })
                .ToDictionary(p => p.Key, p => (IReadOnlyList<string>)parse.GetValue(p.Value)!);
            var comparisons = Expand(parse.GetValue(set), parse.GetValue(family), given);
            var settings = new ProbeSettings(parse.GetValue(batch), parse.GetValue(provider)!, ProviderOptions(parse.GetValue(options) ?? []),
                TimeSpan.FromSeconds(parse.GetValue(budget)), TimeSpan.FromSeconds(parse.GetValue(warmup)));
            settings.Validate();
            var asTable = parse.GetValue(format) == "table";
            var reports = await MeasureAllAsync(comparisons, settings, asTable, cancellationToken);
            switch (parse.GetValue(format))
            {
                case "json":
                    JsonOutput.Write(reports);
                    break;
                case "csv":
                    CsvOutput.Write(reports);
                    break;
                default:
                    ProbeTable.Write(reports);
                    break;
            }

            return CommandAction.Succeeded;
        }));
        return command;
    }

    /// <summary>Every request checked and sized before anything is measured; a bad one fails naming probe, parameter and allowed values.</summary>
    private static IReadOnlyList<ProbeComparison> Expand(string? set, string? family, IReadOnlyDictionary<string, IReadOnlyList<string>> given)
    {
        try
        {
            if (set is not null && family is not null)
            {
                throw new CliFailure("give --set or --family, not both");
            }

            if (set is not null)
            {
                return given.Count > 0
                    ? throw new CliFailure($"--set {set} has its own parameters; --{given.Keys.First()} goes with --family")
                    : ProbeCatalog.Expand(ProbeCatalog.Set(set));
            }

            return family is null
                ? throw new CliFailure($"give --set ({string.Join(", ", ProbeCatalog.SetNames)}) or --family ({string.Join(", ", ProbeFamilies.AllNames)})")
                : ProbeCatalog.Expand(ProbeParameters.Parse(family, given, "--family " + family));
        }
        catch (ProbeRequestException e)
        {
            throw new CliFailure(e.Message);
        }
    }

    private static Dictionary<string, string> ProviderOptions(IEnumerable<string> texts)
    {
        var result = new Dictionary<string, string>();
        foreach (var text in texts)
        {
            var (key, value) = MeasureCommand.ParseOption(text) ?? throw new CliFailure($"--option expects key=value, e.g. intra_op_num_threads=2, not '{text}'");
            if (!result.TryAdd(key, value) && result[key] != value)
            {
                throw new CliFailure($"--option {key} is given twice ({result[key]}, {value}); give it once");
            }
        }

        return result;
    }

    private static async Task<IReadOnlyList<ProbeReport>> MeasureAllAsync(IReadOnlyList<ProbeComparison> comparisons, ProbeSettings settings,
        bool progress, CancellationToken cancellationToken)
    {
        var loop = new MeasurementLoop(new OnnxRuntimeRunnerFactory(), new EnvironmentProbe());
        var probes = comparisons.SelectMany(c => c.Probes).ToList();
        var measured = new List<(SizedProbe Probe, MeasurementOutcome Outcome)>();
        var directory = Directory.CreateTempSubdirectory("lfb-probe-");
        try
        {
            for (var i = 0; i < probes.Count; i++)
            {
                var probe = probes[i];
                if (progress)
                {
                    Console.Error.WriteLine($"[{i + 1}/{probes.Count}] {probe.Probe.Name}");
                }

                var path = Path.Combine(directory.FullName, $"probe-{i}.onnx");
                ProbeBuilder.Build(probe.Probe).WriteTo(path);
                try
                {
                    measured.Add((probe, await loop.MeasureAsync(settings.RequestFor(path), null, cancellationToken)));
                }
                catch (MeasurementSetupException e)
                {
                    throw new CliFailure($"{probe.Probe.Name}: {e.Message}");
                }
                finally
                {
                    File.Delete(path);
                }
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        var rows = ProbeRatios.Compute(measured.Select(m => Timing(m.Probe, settings.Batch, m.Outcome.Summary.MedianMs)));
        return [.. measured.Zip(rows, (m, row) => Report(m.Probe, m.Outcome, row, settings.Batch))];
    }

    private static ProbeTiming Timing(SizedProbe p, int batch, double medianMs) =>
        new(p.Probe.Family.Name(), p.Probe.Comparison, p.Probe.Variant, p.Probe.Reference, p.Macs, p.Parameters, batch, medianMs);

    private static ProbeReport Report(SizedProbe p, MeasurementOutcome o, ProbeRow row, int batch) =>
        new(p.Probe.Name, p.Probe.Family.Name(), p.Probe.Comparison, p.Probe.Variant, p.Probe.Reference, p.Probe.IsReference, p.Probe.Detail,
            p.Probe.Input.ToString(), batch, p.Probe.Sizing, p.Macs, p.Parameters, p.MacResidual, o.Summary.MedianMs, o.Summary.MedianCi.LowerMs,
            o.Summary.MedianCi.UpperMs, o.Summary.Count, o.StopRuleMet, row.MsPerGmac, row.RatioToReference, row.Basis, o.Provider.Provider.Name);

    private sealed record ProbeSettings(int Batch, string Provider, IReadOnlyDictionary<string, string> Options, TimeSpan Budget, TimeSpan Warmup)
    {
        public void Validate()
        {
            if (Batch is < 1 or > 256)
            {
                throw new CliFailure($"--batch {Batch.ToString(CultureInfo.InvariantCulture)} is out of range; give 1 to 256");
            }

            if (Budget <= TimeSpan.Zero || Warmup <= TimeSpan.Zero)
            {
                throw new CliFailure("--time-budget and --warmup must be positive seconds");
            }
        }

        // Resolution 0: a probe fixes its own spatial size.
        public MeasurementRequest RequestFor(string path) =>
            new(path, MeasurementRequest.Latency, Batch, Resolution: 0, Provider: Provider, ProviderOptions: Options,
                MinIterations: 10, TimeBudget: Budget, WarmupBudget: Warmup);
    }
}
