using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using LowFormerBench.Measurement.Environment;
using DeviceClasses = LowFormerBench.Core.Devices.DeviceClass;

namespace LowFormerBench.Measurement.Energy;

/// <summary>
/// Watches the device through the timed window: a sampling tool's lines (nvidia-smi -lms 100 on an NVIDIA GPU, tegrastats at
/// 100 ms on a Jetson), each stamped on arrival, and/or the RAPL counters on x86. It gives the loop the SM clock to wait on
/// before the window and, after it, the window's energy, its clock/temperature/power/throttle facts and whether it throttled.
/// A tool that is missing or dies leaves the energy "not measured" with the reason; a job is never failed for want of a sensor.
/// </summary>
public sealed class WindowMonitor : IDisposable
{
    /// <summary>10 Hz: the issue's floor for NVML/nvidia-smi power, and tegrastats' finest useful interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private const int MaxReadings = 200_000;

    private readonly SampledTool? tool;
    private readonly RaplCounters? rapl;
    private readonly string? powerMetric;
    private readonly double powerScale;
    private readonly string? clockMetric;
    private readonly TimeProvider time;
    private readonly long origin;
    private readonly Lock gate = new();
    private readonly List<(TimeSpan At, DeviceSample Sample)> readings = [];
    private readonly List<(TimeSpan At, double Joules)> counter = [];
    private Process? process;
    private string? startError;
    private ITimer? raplTimer;

    /// <param name="tool">The sampling tool, or null (RAPL only).</param>
    /// <param name="powerMetric">Metric of the tool's samples that is the device's power, e.g. "gpu0.power_w"; null when it has none.</param>
    /// <param name="powerScale">To watts (0.001 for tegrastats' milliwatts).</param>
    /// <param name="clockMetric">Metric that is the GPU clock to wait on ("gpu0.sm_clock_mhz"); null for none.</param>
    /// <param name="rapl">RAPL counters, read at the window's edges and every second between (for wrap-arounds).</param>
    /// <param name="time">Clock of the readings' stamps.</param>
    internal WindowMonitor(SampledTool? tool, string? powerMetric, double powerScale, string? clockMetric, RaplCounters? rapl, TimeProvider? time = null)
    {
        this.tool = tool;
        this.powerMetric = powerMetric;
        this.powerScale = powerScale;
        this.clockMetric = clockMetric;
        this.rapl = rapl;
        this.time = time ?? TimeProvider.System;
        origin = this.time.GetTimestamp();
    }

    /// <summary>
    /// What watches this job: nvidia-smi for GPU N when the job runs on the GPU, tegrastats on a Jetson (the module's power,
    /// whichever unit computes), RAPL where readable for a job on an x86 CPU; null when nothing can.
    /// </summary>
    /// <param name="onGpu">The job's provider runs on the GPU (CUDA, TensorRT): then the GPU's power is its energy, not the CPU's.</param>
    public static WindowMonitor? For(ProbedDevice device, bool onGpu, int gpuIndex = 0, DeviceFiles? files = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        var rapl = device.Arch == "x64" ? RaplCounters.Open(files ?? new DeviceFiles()) : null;
        return device.DeviceClass switch
        {
            // The GPU's own sensor is the energy of a GPU result; RAPL would add the host CPU's package to it.
            DeviceClasses.Gpu when onGpu => new WindowMonitor(SampledTool.NvidiaSmi(Interval), $"gpu{gpuIndex}.power_w", 1, $"gpu{gpuIndex}.sm_clock_mhz", null),

            // The module's power (VDD_IN, or the sum of the rails on boards without one); see TegrastatsParser.TotalPower.
            DeviceClasses.MobileGpu => new WindowMonitor(SampledTool.Tegrastats(Interval), TegrastatsParser.TotalPower, 0.001, "gpu_freq_mhz", null),
            _ when rapl is not null => new WindowMonitor(null, null, 1, null, rapl),
            _ => null,
        };
    }

    /// <summary>Time on the monitor's clock.</summary>
    public TimeSpan Now => time.GetElapsedTime(origin);

    /// <summary>Whether the monitor reads a GPU clock the loop should wait on.</summary>
    public bool WatchesClock => clockMetric is not null;

    /// <summary>The energy source in words, for the result.</summary>
    public string Source => tool is not null ? $"{tool.Name} {powerMetric}" : rapl?.Source ?? "none";

    /// <summary>Starts the tool (returns at once) and the RAPL poll.</summary>
    public void Start()
    {
        if (rapl is not null)
        {
            Mark();
            raplTimer = time.CreateTimer(_ => Mark(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }

        if (tool is null)
        {
            return;
        }

        var start = new ProcessStartInfo(tool.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in tool.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            process = Process.Start(start);
            if (process is null)
            {
                startError = "the process did not start";
                return;
            }

            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    Record(Now, line);
                }
            };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        catch (Win32Exception e)
        {
            startError = e.Message;
        }
    }

    /// <summary>Now, with the RAPL counters read at this moment (the window's edges call it).</summary>
    public TimeSpan Mark()
    {
        var now = Now;
        if (rapl is not null)
        {
            lock (gate)
            {
                counter.Add((now, rapl.Read()));
            }
        }

        return now;
    }

    /// <summary>GPU clock readings stamped at or after <paramref name="from"/>, oldest first.</summary>
    public IReadOnlyList<double> ClocksSince(TimeSpan from)
    {
        if (clockMetric is null)
        {
            return [];
        }

        lock (gate)
        {
            return [.. readings.Where(r => r.At >= from && r.Sample.Metrics.ContainsKey(clockMetric)).Select(r => r.Sample.Metrics[clockMetric])];
        }
    }

    /// <summary>One line of the tool's output, stamped; the seam that replays recorded outputs in tests.</summary>
    internal void Record(TimeSpan at, string line)
    {
        if (tool?.Parse(line) is not { } sample)
        {
            return;
        }

        lock (gate)
        {
            if (readings.Count < MaxReadings)
            {
                readings.Add((at, sample));
            }
        }
    }

    /// <summary>
    /// Waits up to two intervals for a reading after the window's end (so the window's last stretch is covered), stops the
    /// tool and summarises the window.
    /// </summary>
    public WindowTelemetry Finish(TimeSpan start, TimeSpan end, long images)
    {
        if (process is not null)
        {
            // On the measuring thread, after the window: blocking here costs nothing that is timed.
            var deadline = end + (2 * Interval);
            while (Now < deadline && !HasReadingAfter(end))
            {
                Thread.Sleep(Interval / 4);
            }
        }

        Stop();
        return Summarise(start, end, images);
    }

    /// <summary>The window's telemetry from what was recorded so far.</summary>
    internal WindowTelemetry Summarise(TimeSpan start, TimeSpan end, long images)
    {
        List<(TimeSpan At, DeviceSample Sample)> all;
        List<(TimeSpan At, double Joules)> counts;
        lock (gate)
        {
            all = [.. readings];
            counts = [.. counter];
        }

        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var reasons = new SortedSet<string>(StringComparer.Ordinal);
        var inside = all.Where(r => r.At >= start && r.At <= end).ToList();
        if (tool is not null)
        {
            facts["window.monitor"] = $"{tool.FileName} {string.Join(' ', tool.Arguments)}";
            facts["window.samples"] = inside.Count.ToString(CultureInfo.InvariantCulture);
            if (startError is not null)
            {
                facts["window.error"] = $"{tool.FileName} could not be started: {startError}";
            }

            foreach (var metric in inside.SelectMany(r => r.Sample.Metrics.Keys).Distinct(StringComparer.Ordinal))
            {
                var values = inside.Where(r => r.Sample.Metrics.ContainsKey(metric)).Select(r => r.Sample.Metrics[metric]).ToList();
                facts[$"window.{metric}.min"] = Format(values.Min());
                facts[$"window.{metric}.mean"] = Format(values.Average());
                facts[$"window.{metric}.max"] = Format(values.Max());
            }

            foreach (var reason in inside.SelectMany(r => r.Sample.ThrottleReasons))
            {
                reasons.Add(reason);
            }
        }

        var energy = Energy(all, counts, start, end, images);
        facts["window.energy"] = energy.Reading is { } reading
            ? string.Create(CultureInfo.InvariantCulture, $"{reading.Source}: {reading.MeanPowerW:0.##} W, {reading.JoulesPerImage:0.######} J/image")
            : $"{Core.Results.EnergyReading.NotMeasured}: {energy.NotMeasuredBecause}";
        if (reasons.Count > 0)
        {
            facts["window.throttle_reasons"] = string.Join("; ", reasons);
        }

        return new WindowTelemetry(energy, facts.ToImmutableSortedDictionary(StringComparer.Ordinal), [.. reasons]);
    }

    public void Dispose()
    {
        Stop();
        process?.Dispose();
    }

    private WindowEnergy Energy(List<(TimeSpan At, DeviceSample Sample)> all, List<(TimeSpan At, double Joules)> counts, TimeSpan start, TimeSpan end, long images)
    {
        if (powerMetric is not null)
        {
            var power = all.Where(r => r.Sample.Metrics.ContainsKey(powerMetric))
                .Select(r => new PowerSample(r.At, r.Sample.Metrics[powerMetric] * powerScale)).ToList();
            return power.Count == 0 && startError is not null
                ? WindowEnergy.None($"{tool!.FileName} could not be started: {startError}")
                : EnergyIntegration.Over(power, start, end, images, Source);
        }

        if (rapl is not null)
        {
            // The marks at the window's edges (the last at or before the start, the first at or after the end).
            var first = counts.LastOrDefault(c => c.At <= start);
            var last = counts.FirstOrDefault(c => c.At >= end);
            return counts.Count < 2 || last.At < end || first.At > start
                ? WindowEnergy.None("the RAPL counters were not read at both edges of the window")
                : EnergyIntegration.FromCounter(last.Joules - first.Joules, last.At - first.At, images, Source);
        }

        return WindowEnergy.None("this device has no power sensor the agent can read");
    }

    private bool HasReadingAfter(TimeSpan end)
    {
        lock (gate)
        {
            return readings.Count > 0 && readings[^1].At >= end;
        }
    }

    private void Stop()
    {
        raplTimer?.Dispose();
        raplTimer = null;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(5000);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Already gone: what was read is what there is.
        }
    }

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>What the monitor saw in one timed window.</summary>
/// <param name="Energy">The window's energy, or why it was not measured.</param>
/// <param name="Facts">"window.*" facts: the monitor, readings, min/mean/max of each metric, the energy line, throttling.</param>
/// <param name="ThrottleReasons">What the readings reported as throttling during the window; empty when nothing.</param>
public sealed record WindowTelemetry(WindowEnergy Energy, ImmutableSortedDictionary<string, string> Facts, IReadOnlyList<string> ThrottleReasons)
{
    public bool Throttled => ThrottleReasons.Count > 0;
}
