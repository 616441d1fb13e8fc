using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Xunit;

namespace LowFormerBench.FunctionalTests;

/// <summary>
/// The ARM CPU device class for real: the self-contained linux-arm64 agent, its arm64 ONNX Runtime, run under
/// qemu-user against an x64 coordinator on loopback, completing a job. ONNX Runtime reads /proc/cpuinfo at start and
/// crashes on the host's x86 one, so the agent runs in a private mount namespace with an ARM cpuinfo (a Raspberry Pi 5's
/// Cortex-A76 cores) bound over it; that file is also what the agent must report. Timings under emulation mean nothing:
/// the path is what is tested.
/// </summary>
public sealed class ArmAgentUnderQemuTests
{
    private static readonly TimeSpan Minutes5 = TimeSpan.FromMinutes(5);

    private const string Suite = """
        name: arm64-qemu
        models: [mobilenetv2-1.0]
        scenarios: [latency]
        resolutions: [32]
        devices: [{arch: arm64}]
        provider_options: {intra_op_num_threads: "1"}
        budget: {min_iterations: 3, max_iterations: 10, time_budget_s: 1, warmup_s: 0.2}
        """;

    [Fact]
    public async Task Arm64Agent_UnderQemu_RegistersAsCortexA76AndCompletesAJob()
    {
        SkipUnlessQemuCanRun();
        var agent = await ArmAgentBuild.PublishAsync();

        // Each emulator crash costs the job an attempt (its lease is dropped with the connection): room for the restarts.
        await using var coordinator = await CoordinatorProcess.StartAsync(new Dictionary<string, string> { ["Coordinator__MaxAttempts"] = "6" });
        var cpuinfo = Path.Combine(coordinator.Directory, "cpuinfo-cortex-a76");
        await File.WriteAllTextAsync(cpuinfo, FakeArmCpuInfo(cores: 4));
        var run = string.Join(' ',
            "qemu-aarch64", Quote(Path.Combine(agent, "LowFormerBench.Agent")),
            $"--Agent:CoordinatorUrl={coordinator.Url}", $"--Agent:Token={coordinator.Token}", "--Agent:Name=rpi5-qemu",
            "--Agent:CacheDirectory=" + Quote(Path.Combine(coordinator.Directory, "cache-arm64")));
        // qemu-user now and then crashes the emulated .NET runtime (a SIGSEGV in the JIT, seen in CI: "qemu: uncaught
        // target signal 11"). A board's agent runs under systemd's Restart=on-failure (deploy/systemd), so the agent is
        // restarted the same way here, at most twice; the job must still complete on it.
        var script = $"mount --bind {Quote(cpuinfo)} /proc/cpuinfo || exit 1; n=0; " +
                     $"until {run}; do rc=$?; n=$((n+1)); [ $n -gt 2 ] && exit $rc; " +
                     "echo \"arm64 agent exited with $rc under qemu; restart $n (as Restart=on-failure)\"; sleep 1; done";
        var start = new ProcessStartInfo("unshare", ["-m", "sh", "-c", script])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = coordinator.Directory,
        };
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(coordinator.Directory, "suite.yaml"), Suite);
            int submitted;
            string submitOutput;
            try
            {
                (submitted, submitOutput) = await coordinator.LfbAsync(Minutes5, "submit", "suite.yaml", "--wait");
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}\n--- arm64 agent ---\n{Text(output)}", e);
            }

            Assert.True(submitted == 0, $"{submitOutput}\n--- arm64 agent ---\n{Text(output)}");

            var (code, agents) = await coordinator.LfbAsync(Minutes5, "agents", "--format", "json");
            Assert.Equal(0, code);
            var arm = JsonDocument.Parse(agents).RootElement.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "rpi5-qemu");
            Assert.Equal("arm64", arm.GetProperty("arch").GetString());
            Assert.Equal("ARM Cortex-A76", arm.GetProperty("cpu_model").GetString());
            Assert.Equal(4, arm.GetProperty("cpu_cores").GetInt32());

            var (resultsCode, json) = await coordinator.LfbAsync(Minutes5, "results", "--campaign", "1", "--format", "json");
            Assert.Equal(0, resultsCode);
            var result = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());
            Assert.Equal("rpi5-qemu", result.GetProperty("agent").GetString());
            // Under emulation one inference can outlast the time budget: the loop then stops after its first sample.
            Assert.True(result.GetProperty("samples").GetInt32() >= 1);
            Assert.True(result.GetProperty("p50_ms").GetDouble() > 0);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>
    /// A Jetson's path: NuGet has no linux-arm64 CUDA build, so the arm64 agent loads JetPack's own libonnxruntime.so through
    /// --native-library (Agent:NativeLibraryPath). Here an arm64 libonnxruntime.so in a folder of its own, outside the agent's,
    /// stands in for JetPack's (/usr/lib/aarch64-linux-gnu on L4T): the emulated agent must load that file, say so, and register.
    /// </summary>
    [Fact]
    public async Task Arm64Agent_UnderQemu_LoadsTheDevicesOwnLibonnxruntimeThroughNativeLibrary()
    {
        SkipUnlessQemuCanRun();
        var agent = await ArmAgentBuild.PublishAsync();
        await using var coordinator = await CoordinatorProcess.StartAsync();
        var jetpack = Directory.CreateDirectory(Path.Combine(coordinator.Directory, "usr-lib-aarch64-linux-gnu")).FullName;
        var library = Path.Combine(jetpack, "libonnxruntime.so");
        File.Copy(Path.Combine(agent, "libonnxruntime.so"), library);
        var cpuinfo = Path.Combine(coordinator.Directory, "cpuinfo-cortex-a78ae");
        await File.WriteAllTextAsync(cpuinfo, FakeArmCpuInfo(cores: 6));
        var run = string.Join(' ',
            "qemu-aarch64", Quote(Path.Combine(agent, "LowFormerBench.Agent")),
            $"--Agent:CoordinatorUrl={coordinator.Url}", $"--Agent:Token={coordinator.Token}", "--Agent:Name=jetson-qemu",
            "--Agent:NativeLibraryPath=" + Quote(library),
            "--Agent:CacheDirectory=" + Quote(Path.Combine(coordinator.Directory, "cache-jetson")));
        var script = $"mount --bind {Quote(cpuinfo)} /proc/cpuinfo || exit 1; n=0; " +
                     $"until {run}; do rc=$?; n=$((n+1)); [ $n -gt 2 ] && exit $rc; sleep 1; done";
        var start = new ProcessStartInfo("unshare", ["-m", "sh", "-c", script])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = coordinator.Directory,
        };
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            JsonElement? registered = null;
            for (var deadline = DateTime.UtcNow + Minutes5; DateTime.UtcNow < deadline && registered is null;)
            {
                var (code, json) = await coordinator.LfbAsync(Minutes5, "agents", "--format", "json");
                Assert.Equal(0, code);
                registered = JsonDocument.Parse(json).RootElement.EnumerateArray()
                    .Where(a => a.GetProperty("name").GetString() == "jetson-qemu").Select(a => (JsonElement?)a).FirstOrDefault();
                if (registered is null)
                {
                    await Task.Delay(1000);
                }
            }

            Assert.True(registered is not null, "the arm64 agent with --native-library did not register:\n" + Text(output));
            Assert.Equal("arm64", registered.Value.GetProperty("arch").GetString());
            Assert.Contains("CPUExecutionProvider", registered.Value.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
            Assert.Contains($"from {library}", Text(output), StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static void SkipUnlessQemuCanRun()
    {
        if (!OperatingSystem.IsLinux() || Environment.OSVersion.Platform != PlatformID.Unix)
        {
            Assert.Skip("qemu-user emulation of the arm64 agent needs Linux");
        }

        // The arm64 C, C++ and OpenSSL runtimes as Debian's multiarch packages (the agent hashes models with .NET's
        // SHA-256, which is OpenSSL on Linux). They must be one glibc: the libc6-arm64-cross prefix (-L) mixed with
        // libc6:arm64 from ld.so.cache hangs the runtime at start.
        string[] arm64Libraries = ["/lib/ld-linux-aarch64.so.1", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libssl.so.3"];
        if (Which("qemu-aarch64") is null || arm64Libraries.Any(l => !File.Exists(l)))
        {
            Assert.Skip("qemu-user or the arm64 runtimes are missing: dpkg --add-architecture arm64 && apt-get update && " +
                        "apt-get install -y qemu-user libc6:arm64 libstdc++6:arm64 libssl3:arm64 (.ci/run does)");
        }

        if (Which("unshare") is null)
        {
            Assert.Skip("unshare (util-linux) is missing: it gives the agent a private /proc/cpuinfo");
        }

        if (Environment.UserName != "root")
        {
            Assert.Skip($"bind-mounting an ARM /proc/cpuinfo in a private mount namespace needs root; running as {Environment.UserName}");
        }
    }

    // One line per core with the fields ONNX Runtime's cpuinfo library and the agent's probe read.
    private static string FakeArmCpuInfo(int cores)
    {
        var text = new StringBuilder();
        for (var i = 0; i < cores; i++)
        {
            text.Append($"processor\t: {i}\nBogoMIPS\t: 108.00\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp\n")
                .Append("CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x4\nCPU part\t: 0xd0b\nCPU revision\t: 1\n\n");
        }

        return text.Append("Model\t\t: Raspberry Pi 5 Model B Rev 1.0\n").ToString();
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
