using System.Text.Json;
using Xunit;

namespace LowFormerBench.FunctionalTests;

/// <summary>
/// --native-library (Agent:NativeLibraryPath): ONNX Runtime's managed API pointed at another libonnxruntime.so, as on a
/// Jetson with JetPack's build. Here the package's own library, copied elsewhere, stands in for the device's: the
/// process must map that copy, and say so.
/// </summary>
public sealed class NativeLibraryTests : IDisposable
{
    private static readonly TimeSpan Minutes3 = TimeSpan.FromMinutes(3);
    private readonly string _directory = Directory.CreateTempSubdirectory("lfb-native-").FullName;

    [Fact]
    public async Task Measure_CopiedLibrary_MeasuresWithThatFile()
    {
        var copy = CopyPackagedLibrary();

        var (code, output) = await LfbProcess.RunAsync(_directory, Minutes3,
            "measure", "mobilenetv2-1.0", "--resolution", "32", "--time-budget", "0.3", "--native-library", copy, "--format", "json");

        Assert.True(code == 0, output);
        var report = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        Assert.Equal(copy, report.GetProperty("native_library").GetString());
        Assert.True(report.GetProperty("p50_ms").GetDouble() > 0);
    }

    [Fact]
    public async Task Measure_NotALibrary_ClearErrorBeforeMeasuring()
    {
        var bogus = Path.Combine(_directory, "libonnxruntime.so");
        await File.WriteAllTextAsync(bogus, "not an ELF file");

        var (code, output) = await LfbProcess.RunAsync(_directory, Minutes3, "measure", "mobilenetv2-1.0", "--native-library", bogus);

        Assert.Equal(1, code);
        Assert.Contains($"ONNX Runtime native library {bogus} does not load", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_WrongLibrary_ExitsWithConfigurationCodeAtStart()
    {
        var bogus = Path.Combine(_directory, "libonnxruntime.so");
        await File.WriteAllTextAsync(bogus, "not an ELF file");

        // No coordinator at all: the agent must stop on its configuration before it ever dials.
        var (code, output) = await LfbProcess.RunAsync(_directory, Minutes3,
            "agent", "--coordinator", "http://127.0.0.1:9", "--token", "t", "--native-library", bogus);
        var (missingCode, missingOutput) = await LfbProcess.RunAsync(_directory, Minutes3,
            "agent", "--coordinator", "http://127.0.0.1:9", "--token", "t", "--native-library", Path.Combine(_directory, "absent.so"));

        Assert.Equal(2, code);
        Assert.Contains("Agent:NativeLibraryPath", output, StringComparison.Ordinal);
        Assert.Contains("does not load", output, StringComparison.Ordinal);
        Assert.Equal(2, missingCode);
        Assert.Contains("is not a file", missingOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_CopiedLibrary_ReportsTheLibraryItLoadedAndMeasures()
    {
        var copy = CopyPackagedLibrary();
        await using var coordinator = await CoordinatorProcess.StartAsync();
        await using var agent = LfbProcess.Start(coordinator.Directory, "agent", "--coordinator", coordinator.Url, "--token", coordinator.Token,
            "--name", "own-ort", "--cache", Path.Combine(coordinator.Directory, "cache"), "--native-library", copy);

        await agent.WaitForOutputAsync($"from {copy}", Minutes3);
        await File.WriteAllTextAsync(Path.Combine(coordinator.Directory, "suite.yaml"), """
            name: own-ort
            models: [mobilenetv2-1.0]
            scenarios: [latency]
            resolutions: [32]
            budget: {min_iterations: 3, max_iterations: 10, time_budget_s: 0.3, warmup_s: 0.1}
            """);
        var (submitted, submitOutput) = await coordinator.LfbAsync(Minutes3, "submit", "suite.yaml", "--wait");

        Assert.True(submitted == 0, submitOutput + "\n" + agent.Output);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string CopyPackagedLibrary()
    {
        var packaged = Path.Combine(Path.GetDirectoryName(LfbProcess.LfbDll)!, "runtimes", "linux-x64", "native", "libonnxruntime.so");
        if (!OperatingSystem.IsLinux() || !File.Exists(packaged))
        {
            Assert.Skip($"the packaged linux-x64 libonnxruntime.so stands in for a device's own build; not found at {packaged}");
        }

        var copy = Path.Combine(_directory, "device-ort", "libonnxruntime.so");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(packaged, copy);
        return copy;
    }
}
