using System.Globalization;
using LowFormerBench.Measurement.Environment;

namespace LowFormerBench.Measurement.Energy;

/// <summary>
/// Intel/AMD RAPL package counters in /sys/class/powercap (intel-rapl:N, the top-level package zones; their subzones
/// intel-rapl:N:M are parts of the same energy and are not added again). Since 2020 (CVE-2020-8694) energy_uj is readable by
/// root only on most kernels: an agent that cannot read it has no sensor, which is a fact, not an error.
/// </summary>
public sealed class RaplCounters
{
    private readonly DeviceFiles files;
    private readonly IReadOnlyList<(string Zone, string Name, long RangeUj)> zones;
    private readonly Dictionary<string, long> last = new(StringComparer.Ordinal);
    private double totalUj;

    private RaplCounters(DeviceFiles files, IReadOnlyList<(string Zone, string Name, long RangeUj)> zones)
    {
        this.files = files;
        this.zones = zones;
    }

    /// <summary>"rapl package-0+package-1".</summary>
    public string Source => "rapl " + string.Join('+', zones.Select(z => z.Name));

    /// <summary>The readable package zones, or null when there are none (no RAPL, or not readable by this user).</summary>
    public static RaplCounters? Open(DeviceFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var found = new List<(string, string, long)>();
        foreach (var zone in files.Directories("sys/class/powercap", "intel-rapl:"))
        {
            var leaf = Path.GetFileName(zone);
            if (leaf.Count(c => c == ':') != 1 || Read(files, $"{zone}/energy_uj") is null
                || Read(files, $"{zone}/max_energy_range_uj") is not { } range || range <= 0)
            {
                continue;
            }

            found.Add((zone, SysfsParsers.Word(files.Read($"{zone}/name")) ?? leaf, range));
        }

        return found.Count == 0 ? null : new RaplCounters(files, found);
    }

    /// <summary>Reads every zone and adds what each advanced since the last read, a wrap at max_energy_range_uj included.</summary>
    /// <returns>Joules counted since the first read.</returns>
    public double Read()
    {
        foreach (var (zone, _, range) in zones)
        {
            if (Read(files, $"{zone}/energy_uj") is not { } now)
            {
                continue;
            }

            if (last.TryGetValue(zone, out var before))
            {
                totalUj += Advance(before, now, range);
            }

            last[zone] = now;
        }

        return totalUj / 1e6;
    }

    /// <summary>What a counter advanced from one reading to the next; it counts up to its range, then starts again at 0.</summary>
    public static long Advance(long before, long now, long rangeUj) => now >= before ? now - before : rangeUj - before + now;

    private static long? Read(DeviceFiles files, string path) =>
        long.TryParse(files.Read(path)?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
