using System.Globalization;
using LowFormerBench.Measurement.Environment;

namespace LowFormerBench.Agent.Connection;

/// <summary>
/// The device's hottest thermal zone, sent with every heartbeat so the dashboard shows how warm each device runs
/// between jobs too. Read through the measurement layer's <see cref="ThermalProbe"/> (sysfs thermal zones: Linux
/// boards, Jetsons, Raspberry Pis); a device without thermal zones reports none.
/// </summary>
public sealed class DeviceTemperature(DeviceFiles files)
{
    public DeviceTemperature()
        : this(new DeviceFiles())
    {
    }

    public double? HottestCelsius()
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        new ThermalProbe(files).AddFacts(facts);
        return facts.TryGetValue("thermal.max_c", out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var celsius)
            ? celsius
            : null;
    }
}
