using System.Diagnostics;
using LowFormerBench.Measurement.Runners.Torch;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Runners.Torch;

/// <summary>
/// Whether this machine's python3 has torch and onnx. Without them the torch tests skip with that reason, except where
/// LFB_REQUIRE_TORCH=1 (set by .ci/run, which installs Debian's python3-torch): there a missing torch fails them.
/// </summary>
internal static class TorchAvailable
{
    private static readonly Lazy<string?> Missing = new(Probe);

    public static void Require()
    {
        if (Missing.Value is { } reason)
        {
            if (System.Environment.GetEnvironmentVariable("LFB_REQUIRE_TORCH") == "1")
            {
                Assert.Fail($"LFB_REQUIRE_TORCH=1 but {reason}");
            }

            Assert.Skip(reason);
        }
    }

    private static string? Probe()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(TorchWorkerOptions.DefaultPython, ["-c", "import torch, onnx"])
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{TorchWorkerOptions.DefaultPython} has no torch or onnx: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"no {TorchWorkerOptions.DefaultPython}: {e.Message}";
        }
    }
}
