using System.Globalization;
using System.Text.RegularExpressions;

namespace LowFormerBench.Measurement.Environment;

/// <summary>
/// Parses one <c>tegrastats</c> line, as L4T prints them on Xavier (R32) and Orin (R35, R36):
/// <code>
/// RAM 2771/7620MB (lfb 0/1905MB) SWAP 0/3810MB (cached 0MB) CPU [12%@1510,7%@1510,off,off] EMC_FREQ 0%@2133
/// GR3D_FREQ 97%@[1300,1300] ... CPU@47.125C GPU@44.468C tj@47.125C VDD_IN 4775mW/4775mW VDD_CPU_GPU_CV 566mW/566mW
/// </code>
/// Xavier prints rails without units ("GPU 2841/2841", milliwatts) and GR3D_FREQ with one clock ("97%@1377");
/// JetPack 6 may print a date first and GR3D_FREQ without a clock. A sensor reading -256C is switched off.
/// </summary>
public static partial class TegrastatsParser
{
    /// <summary>The module's power in milliwatts: VDD_IN, or the sum of the rails where the board has no input rail.</summary>
    public const string TotalPower = "power.total_mw";

    public static DeviceSample? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || !line.Contains("RAM ", StringComparison.Ordinal))
        {
            return null;
        }

        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (Ram().Match(line) is { Success: true } ram)
        {
            metrics["ram_used_mb"] = Number(ram.Groups[1].Value);
            metrics["ram_total_mb"] = Number(ram.Groups[2].Value);
        }

        if (Cpus().Match(line) is { Success: true } cpus)
        {
            var online = cpus.Groups[1].Value.Split(',').Select(c => CpuCore().Match(c)).Where(m => m.Success).ToList();
            if (online.Count > 0)
            {
                metrics["cpu_load_pct"] = online.Average(m => Number(m.Groups[1].Value));
                metrics["cpu_online"] = online.Count;
                var clocks = online.Where(m => m.Groups[2].Success).Select(m => Number(m.Groups[2].Value)).ToList();
                if (clocks.Count > 0)
                {
                    metrics["cpu_freq_mhz"] = clocks.Max();
                }
            }
        }

        if (Gr3d().Match(line) is { Success: true } gpu)
        {
            metrics["gpu_load_pct"] = Number(gpu.Groups[1].Value);
            if (gpu.Groups[2].Success)
            {
                metrics["gpu_freq_mhz"] = Number(gpu.Groups[2].Value);
            }
        }

        if (Emc().Match(line) is { Success: true } emc)
        {
            metrics["emc_load_pct"] = Number(emc.Groups[1].Value);
        }

        foreach (Match temperature in Temperature().Matches(line))
        {
            var celsius = Number(temperature.Groups[2].Value);
            if (celsius > -256)
            {
                metrics[$"temp.{temperature.Groups[1].Value}_c"] = celsius;
            }
        }

        var rails = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match rail in PowerRail().Matches(line))
        {
            metrics[$"power.{rail.Groups[1].Value}_mw"] = rails[rail.Groups[1].Value] = Number(rail.Groups[2].Value);
        }

        // The module's power: VDD_IN where the board measures its input (Orin Nano/NX, JetPack 6); else the sum of its rails
        // (Orin AGX: VDD_GPU_SOC + VDD_CPU_CV + VIN_SYS_5V0 is the module, as NVIDIA's power guide adds them).
        if (rails.Count > 0)
        {
            metrics[TotalPower] = rails.TryGetValue("VDD_IN", out var input) ? input : rails.Values.Sum();
        }

        return metrics.Count == 0 ? null : new DeviceSample(metrics, []);
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\bRAM (\d+)/(\d+)MB")]
    private static partial Regex Ram();

    [GeneratedRegex(@"\bCPU \[([^\]]*)\]")]
    private static partial Regex Cpus();

    // "12%@1510" online, "off" offline; some releases print "12%" with no clock.
    [GeneratedRegex(@"^\s*(\d+)%(?:@(\d+))?\s*$")]
    private static partial Regex CpuCore();

    // "GR3D_FREQ 97%@1377" (Xavier), "97%@[1300,1300]" (Orin, one clock per GPC), "97%" (some JetPack 6 builds).
    [GeneratedRegex(@"\bGR3D_FREQ (\d+)%(?:@\[?(\d+))?")]
    private static partial Regex Gr3d();

    [GeneratedRegex(@"\bEMC_FREQ (\d+)%")]
    private static partial Regex Emc();

    [GeneratedRegex(@"\b([A-Za-z][A-Za-z0-9_]*)@(-?\d+(?:\.\d+)?)C\b")]
    private static partial Regex Temperature();

    // "VDD_IN 4775mW/4775mW" (Orin) or "GPU 2841/2841" (Xavier, milliwatts): current/average. "RAM 2771/7620MB" is not a rail.
    [GeneratedRegex(@"\b([A-Z][A-Z0-9_]*) (\d+)(?:mW)?/(\d+)(?:mW)?(?=\s|$)")]
    private static partial Regex PowerRail();
}
