using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Xunit;

namespace LowFormerBench.FunctionalTests;

/// <summary>
/// The GPU flavor (<c>-p:OnnxRuntimeFlavor=Gpu</c>: Microsoft.ML.OnnxRuntime.Gpu 1.32.0, CUDA 13) on a machine without a GPU,
/// as .ci/run builds it (into bin/gpu, beside the CPU build): its providers are listed as built in, a CUDA measurement fails at
/// once saying what is missing, and its agent advertises only the CPU provider and logs why.
/// </summary>
[Trait("Category", "GpuBuild")]
public sealed class GpuBuildTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static string Configuration =>
        typeof(GpuBuildTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(LfbProcess.RepositoryRoot, project, "bin", "gpu", Configuration, "net10.0", dll);
        if (!File.Exists(path))
        {
            Assert.Skip($"the GPU build is missing ({path}): dotnet build src/LowFormerBench.Cli -p:OnnxRuntimeFlavor=Gpu (.ci/run does)");
        }

        return path;
    }

    private static string GpuLfb => Built("src/LowFormerBench.Cli", "lfb.dll");

    private static string GpuAgent => Built("agents/LowFormerBench.Agent", "LowFormerBench.Agent.dll");

    private static void SkipOnAGpuMachine()
    {
        if (File.Exists("/dev/nvidiactl") || File.Exists("/usr/lib/x86_64-linux-gnu/libcuda.so.1"))
        {
            Assert.Skip("this machine has an NVIDIA driver: these tests are about one without");
        }
    }

    private static async Task<(int ExitCode, string Output, TimeSpan Took)> RunAsync(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "400";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Minute);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr, clock.Elapsed);
    }

    [Fact]
    public async Task Providers_GpuBuild_ListsCudaAndTensorRtAsBuiltInButNotUsableWithoutADriver()
    {
        SkipOnAGpuMachine();

        var (code, output, _) = await RunAsync(GpuLfb, "providers", "--format", "json");

        Assert.True(code == 0, output);
        var providers = JsonDocument.Parse(output).RootElement.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        foreach (var gpu in new[] { "CUDAExecutionProvider", "TensorrtExecutionProvider" })
        {
            Assert.True(providers[gpu].GetProperty("built_in").GetBoolean(), gpu);
            Assert.False(providers[gpu].GetProperty("usable").GetBoolean(), gpu);
            Assert.Contains("no NVIDIA driver (libcuda.so.1 was not found", providers[gpu].GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        Assert.True(providers["CPUExecutionProvider"].GetProperty("usable").GetBoolean());
    }

    [Fact]
    public async Task Measure_CudaWithoutADriver_FailsWithinSecondsSayingWhatIsMissingAndWhatToDo()
    {
        SkipOnAGpuMachine();

        var (code, output, took) = await RunAsync(GpuLfb, "measure", "lowformer-b0", "--provider", "cuda");

        Assert.NotEqual(0, code);
        Assert.True(took < TimeSpan.FromSeconds(30), $"took {took}: {output}");
        Assert.Contains("CUDAExecutionProvider cannot start on this machine: no NVIDIA driver (libcuda.so.1 was not found", output, StringComparison.Ordinal);
        Assert.Contains("CUDA 13 libraries not found: libcudart.so.13", output, StringComparison.Ordinal);
        Assert.Contains("cuDNN 9 libraries not found: libcudnn.so.9", output, StringComparison.Ordinal);
        Assert.Contains("To fix: install the NVIDIA driver", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // a message, not a stack trace
    }

    [Fact]
    public async Task Agent_GpuBuildWithoutAGpu_AdvertisesOnlyCpuAndLogsWhy()
    {
        SkipOnAGpuMachine();
        var agentDll = GpuAgent;
        await using var coordinator = await CoordinatorProcess.StartAsync();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = coordinator.Directory,
        };
        foreach (var arg in new[]
                 {
                     agentDll, $"--Agent:CoordinatorUrl={coordinator.Url}", $"--Agent:Token={coordinator.Token}", "--Agent:Name=gpu-build",
                     "--Agent:CacheDirectory=" + Path.Combine(coordinator.Directory, "cache-gpu"),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        using var agent = Process.Start(start)!;
        var log = new StringBuilder();
        agent.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        agent.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        agent.BeginOutputReadLine();
        agent.BeginErrorReadLine();
        try
        {
            JsonElement? registered = null;
            for (var deadline = DateTime.UtcNow + Minute; DateTime.UtcNow < deadline && registered is null;)
            {
                var (code, json) = await coordinator.LfbAsync(Minute, "agents", "--format", "json");
                Assert.Equal(0, code);
                registered = JsonDocument.Parse(json).RootElement.EnumerateArray()
                    .Where(a => a.GetProperty("name").GetString() == "gpu-build").Select(a => (JsonElement?)a).FirstOrDefault();
                if (registered is null)
                {
                    await Task.Delay(500);
                }
            }

            string Log() { lock (log) { return log.ToString(); } }
            Assert.True(registered is not null, "the GPU-build agent did not register:\n" + Log());
            Assert.Equal(["CPUExecutionProvider"], registered.Value.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
            Assert.Contains("Not advertising CUDAExecutionProvider", Log(), StringComparison.Ordinal);
            Assert.Contains("no NVIDIA driver (libcuda.so.1 was not found", Log(), StringComparison.Ordinal);
            Assert.Contains("Not advertising TensorrtExecutionProvider", Log(), StringComparison.Ordinal);
        }
        finally
        {
            agent.Kill(entireProcessTree: true);
            await agent.WaitForExitAsync();
        }
    }
}
