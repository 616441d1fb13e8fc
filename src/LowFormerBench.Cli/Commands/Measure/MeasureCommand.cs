using System.CommandLine;
using System.Globalization;
using LowFormerBench.Cli.Rendering;
using LowFormerBench.Measurement;
using LowFormerBench.Measurement.Energy;
using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Measurement.Profiling;
using LowFormerBench.Measurement.Runners;
using LowFormerBench.ModelZoo;
using LowFormerBench.ModelZoo.Onnx;
using Spectre.Console;

namespace LowFormerBench.Cli.Commands.Measure;

/// <summary>
/// <c>lfb measure FILE|NAME</c>: one measurement on this machine with no coordinator, through the same loop the
/// agents run (as <c>onnxruntime_perf_test</c> or <c>trtexec</c> do for their runtimes).
/// </summary>
public static class MeasureCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "An .onnx file, or a built-in model name" };
        var scenario = new Option<string>("--scenario") { Description = "latency or throughput", DefaultValueFactory = _ => MeasurementRequest.Latency };
        scenario.AcceptOnlyFromAmong(MeasurementRequest.Latency, MeasurementRequest.Throughput);
        var batch = new Option<int>("--batch", "-b") { Description = "Batch size", DefaultValueFactory = _ => 1 };
        var resolution = new Option<int>("--resolution", "-r") { Description = "Input resolution", DefaultValueFactory = _ => 224 };
        var provider = new Option<string>("--provider", "-p") { Description = "Execution provider (cpu, cuda, tensorrt, xnnpack or its full name)", DefaultValueFactory = _ => "cpu" };
        var precision = new Option<string>("--precision")
        {
            Description = "fp32, or fp16: a built-in model is then built with float16 weights, input and output (as 'lfb models export --fp16'); " +
                          "a file must already be fp16",
            DefaultValueFactory = _ => MeasurementRequest.Fp32,
        };
        precision.AcceptOnlyFromAmong(MeasurementRequest.Fp32, MeasurementRequest.Fp16);
        var threads = new Option<int?>("--threads", "-t") { Description = "Intra-op threads (default: ONNX Runtime's choice)" };
        var providerOptions = new Option<string[]>("--option", "-o")
        {
            Description = "A provider or session option as key=value, as suites' provider_options take them (io_binding=host, " +
                          "enable_cuda_graph=1, cudnn_conv_algo_search=HEURISTIC, ...); repeat for more",
            HelpName = "key=value",
        };
        providerOptions.Validators.Add(result =>
        {
            foreach (var text in result.Tokens.Select(t => t.Value).Where(t => ParseOption(t) is null))
            {
                result.AddError($"--option expects key=value, e.g. io_binding=host, not '{text}'");
            }
        });
        var budget = new Option<double>("--time-budget") { Description = "Seconds of timed iterations at most", DefaultValueFactory = _ => 10 };
        var nativeLibrary = new Option<string>("--native-library")
        {
            Description = "The device's own libonnxruntime.so (JetPack's GPU build on a Jetson) instead of the packaged CPU build", HelpName = "path",
        };
        var profile = new Option<bool>("--profile") { Description = "Also take an operator profile in a separate pass: time share vs MAC share per operator type and node" };
        var profileRuns = new Option<int>("--profile-runs") { Description = "Inferences the profile averages", DefaultValueFactory = _ => MeasurementRequest.DefaultProfileRuns };
        var sweep = new Option<string?>("--batch-sweep")
        {
            Description = "Throughput at several batch sizes, each a full measurement, and the best one: a list (1,2,4,8) or a maximum (32 = 1,2,4,...,32)",
        };
        var format = OutputFormatOption.Create();
        var command = new Command("measure", "Measure one model on this machine, no coordinator: the agents' own loop")
        {
            model, scenario, batch, resolution, provider, precision, threads, providerOptions, budget, nativeLibrary, profile, profileRuns, sweep, format,
        };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
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

            using var file = ModelFile.Resolve(parse.GetValue(model)!, parse.GetValue(resolution), parse.GetValue(precision) == MeasurementRequest.Fp16);
            var options = new Dictionary<string, string>();
            foreach (var (key, value) in (parse.GetValue(providerOptions) ?? []).Select(o => ParseOption(o)!.Value))
            {
                if (!options.TryAdd(key, value) && options[key] != value)
                {
                    throw new CliFailure($"--option {key} is given twice ({options[key]}, {value}); give it once");
                }
            }

            if (parse.GetValue(threads) is { } t)
            {
                var asked = t.ToString(CultureInfo.InvariantCulture);
                if (options.TryGetValue(SessionSettings.IntraOpThreads, out var other) && other.Trim() != asked)
                {
                    throw new CliFailure($"--threads {asked} and --option {SessionSettings.IntraOpThreads}={other} disagree; give one of them");
                }

                options[SessionSettings.IntraOpThreads] = asked;
            }

            var request = new MeasurementRequest(file.Path, parse.GetValue(scenario)!, parse.GetValue(batch), parse.GetValue(resolution),
                Precision: parse.GetValue(precision)!, Provider: parse.GetValue(provider)!, ProviderOptions: options, TimeBudget: TimeSpan.FromSeconds(parse.GetValue(budget)),
                Profile: parse.GetValue(profile), ProfileRuns: parse.GetValue(profileRuns));
            // The device's monitor (nvidia-smi, tegrastats, RAPL) watches the timed window: GPU clock, power and energy.
            var device = new CapabilityProbe().Probe();
            var loop = new MeasurementLoop(new OnnxRuntimeRunnerFactory(), new EnvironmentProbe(), profiler: new OrtOperatorProfiler(),
                monitors: r => WindowMonitor.For(device, ProviderCatalog.RunsOnGpu(r.Provider), GpuIndex(r)));
            if (parse.GetValue(sweep) is { } batches)
            {
                return await SweepAsync(loop, request, batches, parse.GetValue(model)!, parse.GetValue(format), cancellationToken);
            }

            MeasurementOutcome outcome;
            try
            {
                outcome = await loop.MeasureAsync(request, null, cancellationToken);
            }
            catch (MeasurementSetupException e)
            {
                throw new CliFailure(e.Message);
            }

            var report = MeasureReport.From(parse.GetValue(model)!, outcome);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                JsonOutput.Write(report);
            }
            else
            {
                Show(report);
            }

            return CommandAction.Succeeded;
        }));
        return command;
    }

    private static int GpuIndex(MeasurementRequest request) =>
        int.TryParse(request.ProviderOptions?.GetValueOrDefault("device_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    /// <summary>"key=value" split at the first '=', both sides trimmed and non-empty; null otherwise.</summary>
    private static (string Key, string Value)? ParseOption(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return null;
        }

        var (key, value) = (text[..equals].Trim(), text[(equals + 1)..].Trim());
        return key.Length == 0 || value.Length == 0 ? null : (key, value);
    }

    private static async Task<int> SweepAsync(
        MeasurementLoop loop, MeasurementRequest request, string batches, string model, OutputFormat format, CancellationToken cancellationToken)
    {
        BatchSweepOutcome outcome;
        try
        {
            var sizes = BatchSweep.Parse(batches);
            outcome = await Task.Factory.StartNew(() => BatchSweep.Run(loop, request, sizes, null, cancellationToken), cancellationToken,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (MeasurementSetupException e)
        {
            throw new CliFailure(e.Message);
        }

        var report = BatchSweepReport.From(model, outcome);
        if (format == OutputFormat.Json)
        {
            JsonOutput.Write(report);
            return CommandAction.Succeeded;
        }

        var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape($"{model}: throughput per batch"))
            .AddColumns("batch", "p50 ms", "95% CI ms", "throughput img/s", "samples", "stop rule", "");
        foreach (var p in report.Batches)
        {
            table.AddRow(p.Batch.ToString(CultureInfo.InvariantCulture), $"{p.P50Ms:0.000}", $"{p.MedianCiLowMs:0.000} – {p.MedianCiHighMs:0.000}",
                $"{p.ThroughputIps:N1}", p.Samples.ToString(CultureInfo.InvariantCulture), p.StopRuleMet ? "met" : "budget ran out",
                p.Batch == report.BestBatch ? "[green]best[/]" : "");
        }

        AnsiConsole.Write(table);
        return CommandAction.Succeeded;
    }

    private static void Show(MeasureReport r)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("", "value");
        table.AddRow("model", Markup.Escape(r.Model));
        table.AddRow("input", r.InputShape);
        table.AddRow("provider", Markup.Escape($"{r.Provider} (ONNX Runtime {r.OnnxruntimeVersion})"));
        table.AddRow("options", Markup.Escape(string.Join(", ", r.ProviderOptions.Select(o => $"{o.Key}={o.Value}"))));
        table.AddRow("native library", Markup.Escape(r.NativeLibrary));
        table.AddRow("p50 / p90 / p99 ms", $"{r.P50Ms:0.000} / {r.P90Ms:0.000} / {r.P99Ms:0.000}" +
            (r.P99Supported ? string.Empty : $" (p99 rests on {r.P99TailSamples} tail sample(s): indicative only)"));
        table.AddRow("mean ± sd ms", $"{r.MeanMs:0.000} ± {r.StddevMs:0.000}");
        table.AddRow("min / max ms", $"{r.MinMs:0.000} / {r.MaxMs:0.000}");
        table.AddRow("95% CI of the median", $"{r.MedianCiLowMs:0.000} – {r.MedianCiHighMs:0.000} ms");
        table.AddRow("samples", $"{r.Samples} (stop rule {(r.StopRuleMet ? "met" : "not met: budget ran out")}, {r.Outliers} outliers flagged)");
        table.AddRow("throughput", $"{r.ThroughputIps:N1} images/s");
        table.AddRow("energy", r.MeanPowerW is { } watts && r.EnergyPerImageJ is { } joules
            ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{watts:0.0} W mean, {joules:0.0000##} J/image ({1 / joules:N1} images/J), from {r.Energy}"))
            : Markup.Escape(r.Energy));
        table.AddRow("cold start", $"session {r.SessionCreateMs:0.0} ms, first inference {r.FirstInferenceMs:0.0} ms");
        AnsiConsole.Write(table);
        if (r.OperatorProfile is { } profile)
        {
            OperatorProfileTable.Write(profile);
        }
    }

    /// <summary>The model as a file: given, or a built-in one exported to a temporary file for the run.</summary>
    private sealed class ModelFile(string path, bool temporary) : IDisposable
    {
        public string Path { get; } = path;

        public static ModelFile Resolve(string model, int resolution, bool fp16)
        {
            if (File.Exists(model) || model.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            {
                return File.Exists(model) ? new ModelFile(model, false) : throw new CliFailure($"ONNX model file not found: {model}");
            }

            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lfb-measure-{Guid.NewGuid():N}.onnx");
            Zoo.Build(model, new ModelBuildOptions(resolution, Precision: fp16 ? Precision.Float16 : Precision.Float32)).WriteTo(path);
            return new ModelFile(path, true);
        }

        public void Dispose()
        {
            if (temporary)
            {
                File.Delete(Path);
            }
        }
    }
}
