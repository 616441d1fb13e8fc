using System.Globalization;

namespace LowFormerBench.Measurement.Environment;

/// <summary>
/// Temperatures from /sys/class/thermal/thermal_zone*. A zone at or above its lowest "passive" trip
/// point is being throttled by the kernel: that is the portable throttling signal (boards without
/// vcgencmd or nvidia-smi have it too).
/// </summary>
public sealed class ThermalProbe(DeviceFiles files)
{
    /// <summary>Adds "thermal.&lt;type&gt;_c" facts and returns the zones past a passive trip point.</summary>
    public IReadOnlyList<string> AddFacts(IDictionary<string, string> facts)
    {
        var hot = new List<string>();
        var hottest = double.NegativeInfinity;
        foreach (var zone in files.Directories("sys/class/thermal", "thermal_zone"))
        {
            if (SysfsParsers.MillidegreesToCelsius(files.Read($"{zone}/temp")) is not { } celsius)
            {
                continue;
            }

            var type = SysfsParsers.Word(files.Read($"{zone}/type")) ?? Path.GetFileName(zone);
            var key = $"thermal.{type}_c";
            if (facts.ContainsKey(key))
            {
                key = $"thermal.{type}.{Path.GetFileName(zone)}_c";
            }

            facts[key] = celsius.ToString("F1", CultureInfo.InvariantCulture);
            hottest = Math.Max(hottest, celsius);
            if (PassiveTrip(zone) is { } trip && celsius >= trip)
            {
                hot.Add(string.Create(CultureInfo.InvariantCulture, $"{type} at {celsius:F1} C >= passive trip {trip:F1} C"));
            }
        }

        if (!double.IsNegativeInfinity(hottest))
        {
            facts["thermal.max_c"] = hottest.ToString("F1", CultureInfo.InvariantCulture);
        }

        return hot;
    }

    /// <summary>The lowest passive trip point of any zone: where the kernel starts throttling; null when none is exposed.</summary>
    public double? LowestPassiveTrip() =>
        files.Directories("sys/class/thermal", "thermal_zone").Select(PassiveTrip).Where(t => t is not null).Min();

    private double? PassiveTrip(string zone)
    {
        double? lowest = null;
        for (var i = 0; i < 32; i++)
        {
            var type = SysfsParsers.Word(files.Read($"{zone}/trip_point_{i}_type"));
            if (type is null)
            {
                break;
            }

            if (type == "passive" && SysfsParsers.MillidegreesToCelsius(files.Read($"{zone}/trip_point_{i}_temp")) is { } trip && trip > 0)
            {
                lowest = lowest is null ? trip : Math.Min(lowest.Value, trip);
            }
        }

        return lowest;
    }
}
