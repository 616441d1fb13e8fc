namespace LowFormerBench.Measurement.Environment;

/// <summary>One line of a sampling tool (tegrastats, nvidia-smi -lms) as named numbers.</summary>
/// <param name="Metrics">"gpu_load_pct" = 97, "temp.tj_c" = 61.2, "power.VDD_IN_mw" = 9120, ...</param>
/// <param name="ThrottleReasons">What the line itself reports as throttling (nvidia-smi's reason mask); empty when nothing.</param>
public sealed record DeviceSample(IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<string> ThrottleReasons);

/// <summary>A tool that prints one <see cref="DeviceSample"/> per line at an interval until it is stopped.</summary>
/// <param name="Name">Prefix of the facts it yields ("tegrastats").</param>
/// <param name="FileName">Executable: a name looked up on PATH, or a path.</param>
/// <param name="Arguments">Its arguments, the interval included.</param>
/// <param name="Parse">One output line to a sample; null for lines that carry none (headers, blank lines).</param>
public sealed record SampledTool(string Name, string FileName, IReadOnlyList<string> Arguments, Func<string, DeviceSample?> Parse)
{
    /// <summary>
    /// <c>tegrastats --interval N</c>: the Jetson's own monitor (RAM, CPU and GPU loads and clocks, temperatures,
    /// power rails), read from the same counters jtop uses.
    /// </summary>
    public static SampledTool Tegrastats(TimeSpan interval, string fileName = "tegrastats") =>
        new("tegrastats", fileName, ["--interval", Milliseconds(interval)], TegrastatsParser.Parse);

    /// <summary><c>nvidia-smi --query-gpu=... --format=csv,noheader,nounits -lms N</c>: one line per GPU per interval.</summary>
    public static SampledTool NvidiaSmi(TimeSpan interval, string fileName = "nvidia-smi") =>
        new("nvidia-smi", fileName, [NvidiaSmiParser.SampleQueryFields, NvidiaSmiParser.SampleFormat, "-lms", Milliseconds(interval)], NvidiaSmiParser.ParseSample);

    /// <summary>The device's sampling tool: tegrastats on a Jetson, nvidia-smi on a GPU host, none on a plain CPU.</summary>
    public static SampledTool? For(ProbedDevice device, TimeSpan interval) => device.DeviceClass switch
    {
        Core.Devices.DeviceClass.MobileGpu => Tegrastats(interval),
        Core.Devices.DeviceClass.Gpu => NvidiaSmi(interval),
        _ => null,
    };

    private static string Milliseconds(TimeSpan interval) =>
        Math.Max(1, (int)interval.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
