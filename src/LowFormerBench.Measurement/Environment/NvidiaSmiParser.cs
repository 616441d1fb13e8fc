using System.Globalization;

namespace LowFormerBench.Measurement.Environment;

/// <summary>A GPU as nvidia-smi names it.</summary>
/// <param name="MemoryMiB">memory.total, 0 when not known.</param>
/// <param name="ComputeCapability">compute_cap ("9.0"), empty when the driver is too old to report it.</param>
public sealed record GpuIdentity(string Name, string Driver, long MemoryMiB = 0, string ComputeCapability = "");

/// <summary>
/// A GPU's state at one moment, read before and after the timed window. Sampling it during a run (DeviceSampler) is kept coarse: polling nvidia-smi during
/// a run caused periodic latency spikes (NVIDIA/TensorRT#3090).
/// </summary>
/// <param name="ThrottleReasons">clocks_throttle_reasons.active bit mask (0 when nothing throttles).</param>
public sealed record GpuState(double? TemperatureC, double? SmClockMhz, double? MemoryClockMhz, double? PowerW, long ThrottleReasons)
{
    // nvml's clocksThrottleReasons bits: 0x8 HW slowdown, 0x20 SW thermal, 0x40 HW thermal, 0x80 HW
    // power brake. Idle (0x1) and the software power cap (0x4, routine at full load) are not throttling
    // in the sense of a result to distrust.
    private const long ThrottlingBits = 0x8 | 0x20 | 0x40 | 0x80;

    public bool Throttled => (ThrottleReasons & ThrottlingBits) != 0;
}

/// <summary>Parses <c>nvidia-smi --query-gpu=... --format=csv,noheader[,nounits]</c> output.</summary>
public static class NvidiaSmiParser
{
    public const string IdentityQuery = "--query-gpu=name,driver_version --format=csv,noheader";

    /// <summary>Identity with memory and compute capability; drivers before R510 refuse compute_cap, and then <see cref="IdentityQuery"/> answers.</summary>
    public const string DetailQuery = "--query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader,nounits";
    public const string StateQuery =
        "--query-gpu=temperature.gpu,clocks.sm,clocks.mem,power.draw,clocks_throttle_reasons.active --format=csv,noheader,nounits";

    /// <summary>The fields sampled during a job, <see cref="ParseSample"/>'s order.</summary>
    public const string SampleQueryFields =
        "--query-gpu=index,utilization.gpu,memory.used,temperature.gpu,clocks.sm,clocks.mem,power.draw,clocks_throttle_reasons.active";

    public const string SampleFormat = "--format=csv,noheader,nounits";

    /// <summary>One line per GPU: "NVIDIA GeForce RTX 4090, 550.54.14".</summary>
    public static IReadOnlyList<GpuIdentity> ParseIdentities(string? text) =>
        [.. Lines(text).Select(Fields).Where(f => f.Length >= 2 && f[0].Length > 0).Select(f => new GpuIdentity(f[0], f[1]))];

    /// <summary>One line per GPU: "NVIDIA H200, 580.95.05, 143771, 9.0".</summary>
    public static IReadOnlyList<GpuIdentity> ParseDetails(string? text) =>
        [.. Lines(text).Select(Fields).Where(f => f.Length >= 4 && f[0].Length > 0).Select(f =>
            new GpuIdentity(f[0], f[1], Number(f[2]) is { } mib ? (long)mib : 0, Number(f[3]) is not null ? f[3] : string.Empty))];

    /// <summary>"CUDA Version: 13.0" from the head of plain <c>nvidia-smi</c>; empty when absent.</summary>
    public static string CudaVersion(string? text)
    {
        const string marker = "CUDA Version:";
        var at = (text ?? string.Empty).IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        var rest = text![(at + marker.Length)..].TrimStart();
        var end = rest.IndexOfAny([' ', '|', '\n', '\r']);
        var version = end < 0 ? rest : rest[..end];
        return Number(version) is not null ? version : string.Empty;
    }

    /// <summary>One line per GPU: "41, 2520, 10501, 71.23, 0x0000000000000000"; "[N/A]" fields become null.</summary>
    public static IReadOnlyList<GpuState> ParseStates(string? text) =>
        [.. Lines(text).Select(Fields).Where(f => f.Length >= 5).Select(f =>
            new GpuState(Number(f[0]), Number(f[1]), Number(f[2]), Number(f[3]), Mask(f[4])))];

    /// <summary>
    /// One line of <c>nvidia-smi --query-gpu=SampleQueryFields --format=csv,noheader,nounits -lms N</c>:
    /// "0, 98, 20311, 71, 2520, 10501, 402.18, 0x0000000000000000", keyed by the GPU's index ("gpu0.load_pct").
    /// </summary>
    public static DeviceSample? ParseSample(string line)
    {
        var f = Fields(line.Trim());
        if (f.Length < 8 || Number(f[0]) is not { } index)
        {
            return null;
        }

        var gpu = $"gpu{index:0}";
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        string[] names = ["load_pct", "memory_used_mib", "temperature_c", "sm_clock_mhz", "mem_clock_mhz", "power_w"];
        for (var i = 0; i < names.Length; i++)
        {
            if (Number(f[i + 1]) is { } value)
            {
                metrics[$"{gpu}.{names[i]}"] = value;
            }
        }

        var state = new GpuState(Number(f[3]), Number(f[4]), Number(f[5]), Number(f[6]), Mask(f[7]));
        IReadOnlyList<string> reasons = state.Throttled ? [$"{gpu} clocks_throttle_reasons=0x{state.ThrottleReasons:x}"] : [];
        return new DeviceSample(metrics, reasons);
    }

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    // GPU names contain no commas; nvidia-smi's csv does not quote.
    private static string[] Fields(string line) => [.. line.Split(',').Select(f => f.Trim())];

    private static double? Number(string field) =>
        double.TryParse(field.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long Mask(string field) =>
        field.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        && long.TryParse(field.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
            ? mask
            : 0;
}
