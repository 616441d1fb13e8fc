using LowFormerBench.Core.Results;

namespace LowFormerBench.Measurement.Energy;

/// <summary>The energy of a timed window from power readings, or why there is none.</summary>
public sealed record WindowEnergy(EnergyReading? Reading, string? NotMeasuredBecause)
{
    public static WindowEnergy None(string because) => new(null, because);
}

/// <summary>
/// Power readings to energy over a window: the trapezoid rule over the readings, linearly interpolated at the window's edges
/// and held at the first/last reading beyond them. At least two readings must fall inside the window (a 10 Hz sampler needs a
/// window of 200 ms or more); fewer would be a guess, and a guess is not stored.
/// </summary>
public static class EnergyIntegration
{
    public const int MinimumReadingsInWindow = 2;

    public static WindowEnergy Over(IReadOnlyList<PowerSample> readings, TimeSpan start, TimeSpan end, long images, string source)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (end <= start || images <= 0)
        {
            return WindowEnergy.None("the timed window was empty");
        }

        var ordered = readings.Where(r => double.IsFinite(r.Watts) && r.Watts >= 0).OrderBy(r => r.At).ToList();
        var inside = ordered.Count(r => r.At >= start && r.At <= end);
        if (inside < MinimumReadingsInWindow)
        {
            return WindowEnergy.None(
                $"{source} gave {inside} reading(s) inside the {(end - start).TotalMilliseconds:0} ms timed window; at least {MinimumReadingsInWindow} are needed");
        }

        var joules = 0.0;
        var previous = (At: start, Watts: At(ordered, start));
        foreach (var r in ordered.Where(r => r.At > start && r.At < end))
        {
            joules += (r.At - previous.At).TotalSeconds * (r.Watts + previous.Watts) / 2;
            previous = (r.At, r.Watts);
        }

        joules += (end - previous.At).TotalSeconds * (At(ordered, end) + previous.Watts) / 2;
        var seconds = (end - start).TotalSeconds;
        var mean = joules / seconds;
        return mean > 0
            ? new WindowEnergy(new EnergyReading(mean, joules / images, source), null)
            : WindowEnergy.None($"{source} read 0 W throughout the window (the sensor is not reporting)");
    }

    /// <summary>Energy from a counter (RAPL) read at the window's edges: joules over seconds.</summary>
    public static WindowEnergy FromCounter(double joules, TimeSpan window, long images, string source)
    {
        if (window <= TimeSpan.Zero || images <= 0)
        {
            return WindowEnergy.None("the timed window was empty");
        }

        return joules > 0 && double.IsFinite(joules)
            ? new WindowEnergy(new EnergyReading(joules / window.TotalSeconds, joules / images, source), null)
            : WindowEnergy.None($"{source} did not advance during the window");
    }

    /// <summary>Power at a moment: interpolated between the readings around it, or the nearest one beyond the ends.</summary>
    private static double At(List<PowerSample> ordered, TimeSpan moment)
    {
        var after = ordered.FindIndex(r => r.At >= moment);
        if (after < 0)
        {
            return ordered[^1].Watts;
        }

        if (after == 0 || ordered[after].At == moment)
        {
            return ordered[after].Watts;
        }

        var (a, b) = (ordered[after - 1], ordered[after]);
        var share = (moment - a.At).TotalSeconds / (b.At - a.At).TotalSeconds;
        return a.Watts + (share * (b.Watts - a.Watts));
    }
}
