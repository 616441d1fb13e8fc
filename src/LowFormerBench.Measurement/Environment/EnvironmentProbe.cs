using System.Collections.Immutable;
using System.Globalization;

namespace LowFormerBench.Measurement.Environment;

/// <summary>
/// Clocks, temperatures, load and throttling, from sysfs and the board's own tools (vcgencmd on a
/// Raspberry Pi, nvpmodel on a Jetson, nvidia-smi on a GPU). Tools that are absent add no facts.
/// </summary>
public sealed class EnvironmentProbe(DeviceFiles files, ICommandRunner commands, TimeProvider? time = null) : IEnvironmentProbe
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(5);
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    public EnvironmentProbe()
        : this(new DeviceFiles(), new ProcessCommandRunner())
    {
    }

    public EnvironmentSnapshot Snapshot(string phase)
    {
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var reasons = new List<string>();

        new CpuFrequencyProbe(files).AddFacts(facts);
        reasons.AddRange(new ThermalProbe(files).AddFacts(facts));
        AddLoadAndMemory(facts);
        reasons.AddRange(AddRaspberryPi(facts));
        AddJetson(facts);
        reasons.AddRange(AddGpus(facts));

        if (reasons.Count > 0)
        {
            facts["throttle.reasons"] = string.Join("; ", reasons);
        }

        return new EnvironmentSnapshot(phase, clock.GetUtcNow(), facts.ToImmutableSortedDictionary(StringComparer.Ordinal), reasons.Count > 0);
    }

    private void AddLoadAndMemory(IDictionary<string, string> facts)
    {
        if (SysfsParsers.LoadAverage(files.Read("proc/loadavg")) is var (one, five, fifteen))
        {
            facts["load.1m"] = one.ToString("F2", CultureInfo.InvariantCulture);
            facts["load.5m"] = five.ToString("F2", CultureInfo.InvariantCulture);
            facts["load.15m"] = fifteen.ToString("F2", CultureInfo.InvariantCulture);
        }

        if (files.Read("proc/meminfo") is { } meminfo && MemInfoParser.Parse(meminfo).TryGetValue("MemAvailable", out var available))
        {
            facts["memory.available_bytes"] = available.ToString(CultureInfo.InvariantCulture);
        }
    }

    private IEnumerable<string> AddRaspberryPi(IDictionary<string, string> facts)
    {
        if (BoardParsers.RaspberryPiThrottled(commands.TryRun("vcgencmd", "get_throttled", ToolTimeout)) is not { } bits)
        {
            yield break;
        }

        facts["rpi.throttled"] = $"0x{bits:x}";
        if (BoardParsers.RaspberryPiThrottledNow(bits))
        {
            yield return $"vcgencmd get_throttled=0x{bits:x}";
        }
    }

    private void AddJetson(IDictionary<string, string> facts)
    {
        var mode = BoardParsers.JetsonPowerMode(commands.TryRun("nvpmodel", "-q", ToolTimeout));
        if (mode.Length > 0)
        {
            facts["jetson.power_mode"] = mode;
        }

        var l4t = BoardParsers.L4tRelease(files.Read("etc/nv_tegra_release"));
        if (l4t.Length > 0)
        {
            facts["jetson.l4t"] = l4t;
        }

        // Needs root; as a service user it prints nothing, and the clock state is then simply not known.
        if (l4t.Length > 0 && BoardParsers.JetsonClocksState(commands.TryRun("jetson_clocks", "--show", ToolTimeout)) is { } clocks)
        {
            facts["jetson.clocks"] = clocks.Pinned ? "pinned" : "dynamic";
            AddLong(facts, "jetson.cpu_max_mhz", clocks.CpuMaxMhz);
            AddLong(facts, "jetson.gpu_max_mhz", clocks.GpuMaxMhz);
            AddLong(facts, "jetson.gpu_mhz", clocks.GpuCurrentMhz);
        }
    }

    private IEnumerable<string> AddGpus(IDictionary<string, string> facts)
    {
        var states = NvidiaSmiParser.ParseStates(commands.TryRun("nvidia-smi", NvidiaSmiParser.StateQuery, ToolTimeout));
        for (var i = 0; i < states.Count; i++)
        {
            var state = states[i];
            Add(facts, $"gpu{i}.temperature_c", state.TemperatureC);
            Add(facts, $"gpu{i}.sm_clock_mhz", state.SmClockMhz);
            Add(facts, $"gpu{i}.mem_clock_mhz", state.MemoryClockMhz);
            Add(facts, $"gpu{i}.power_w", state.PowerW);
            facts[$"gpu{i}.throttle_reasons"] = $"0x{state.ThrottleReasons:x}";
            if (state.Throttled)
            {
                yield return $"gpu{i} clocks_throttle_reasons=0x{state.ThrottleReasons:x}";
            }
        }
    }

    private static void AddLong(IDictionary<string, string> facts, string key, long? value)
    {
        if (value is { } v)
        {
            facts[key] = v.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static void Add(IDictionary<string, string> facts, string key, double? value)
    {
        if (value is { } v)
        {
            facts[key] = v.ToString("0.##", CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>A device's state at one moment, as key/value facts ("cpu.governor" = "performance").</summary>
/// <param name="Phase">"before" or "after" the timed window.</param>
/// <param name="TakenAt">When it was read.</param>
/// <param name="Facts">Facts by key, sorted.</param>
/// <param name="Throttled">Whether anything reported throttling at that moment; the reasons are in the "throttle.reasons" fact.</param>
public sealed record EnvironmentSnapshot(string Phase, DateTimeOffset TakenAt, ImmutableSortedDictionary<string, string> Facts, bool Throttled)
{
    public const string Before = "before";
    public const string After = "after";
}

/// <summary>Reads the device's state; the loop calls it just before and just after the timed window, never inside it.</summary>
public interface IEnvironmentProbe
{
    EnvironmentSnapshot Snapshot(string phase);
}
