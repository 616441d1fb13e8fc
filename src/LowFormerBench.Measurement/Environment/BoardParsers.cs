using System.Globalization;
using System.Text.RegularExpressions;

namespace LowFormerBench.Measurement.Environment;

/// <summary>Board and OS texts: device-tree model, os-release, Raspberry Pi throttling, Jetson power mode.</summary>
public static partial class BoardParsers
{
    /// <summary>/proc/device-tree/model is NUL-terminated: "NVIDIA Jetson AGX Orin Developer Kit\0".</summary>
    public static string DeviceTreeModel(string? text) => (text ?? string.Empty).Replace("\0", string.Empty, StringComparison.Ordinal).Trim();

    /// <summary>Jetson boards name themselves "NVIDIA Jetson ..." in the device tree; no other NVIDIA board has one.</summary>
    public static bool IsJetson(string model) =>
        model.Contains("Jetson", StringComparison.OrdinalIgnoreCase) || model.Contains("NVIDIA", StringComparison.OrdinalIgnoreCase);

    /// <summary>PRETTY_NAME from /etc/os-release ("Debian GNU/Linux 12 (bookworm)"), unquoted; empty when absent.</summary>
    public static string OsPrettyName(string? text)
    {
        var line = (text ?? string.Empty).Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return line is null ? string.Empty : line["PRETTY_NAME=".Length..].Trim().Trim('"');
    }

    /// <summary>
    /// <c>vcgencmd get_throttled</c> prints "throttled=0x50005". Bits 0-3 are happening now
    /// (under-voltage, ARM frequency capped, throttled, soft temperature limit); bits 16-19 the same
    /// since boot. Null when the text is not that.
    /// </summary>
    public static long? RaspberryPiThrottled(string? text)
    {
        var match = ThrottledPattern().Match(text ?? string.Empty);
        return match.Success ? long.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : null;
    }

    public static bool RaspberryPiThrottledNow(long bits) => (bits & 0xF) != 0;

    /// <summary><c>nvpmodel -q</c> prints "NV Power Mode: MAXN" then the mode number; returns "MAXN" (or "" when absent).</summary>
    public static string JetsonPowerMode(string? text)
    {
        var match = PowerModePattern().Match(text ?? string.Empty);
        return match.Success ? match.Groups[1].Value.Trim() : string.Empty;
    }

    /// <summary>
    /// /etc/nv_tegra_release: "# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: ..."
    /// gives "R35.4.1" (L4T 35.4.1 is JetPack 5.1.2); empty when absent.
    /// </summary>
    public static string L4tRelease(string? text)
    {
        var match = L4tPattern().Match(text ?? string.Empty);
        return match.Success ? $"R{match.Groups[1].Value}.{match.Groups[2].Value}" : string.Empty;
    }

    /// <summary>
    /// <c>jetson_clocks --show</c> lists each clock's MinFreq, MaxFreq and CurrentFreq. jetson_clocks pins every
    /// minimum to its maximum, so "pinned" means every CPU and the GPU run at MinFreq == MaxFreq; null when the text has
    /// no such lines (the tool is missing or was not run as root).
    /// </summary>
    public static JetsonClocks? JetsonClocksState(string? text)
    {
        var cpus = new List<(long Min, long Max, long Current)>();
        (long Min, long Max, long Current)? gpu = null;
        foreach (var line in (text ?? string.Empty).Split('\n'))
        {
            var match = ClockLinePattern().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var clock = (Long(match.Groups[2].Value), Long(match.Groups[3].Value), Long(match.Groups[4].Value));
            if (match.Groups[1].Value.StartsWith("cpu", StringComparison.Ordinal))
            {
                cpus.Add(clock);
            }
            else if (match.Groups[1].Value == "GPU")
            {
                gpu = clock;
            }
        }

        if (cpus.Count == 0 && gpu is null)
        {
            return null;
        }

        var pinned = cpus.All(c => c.Min == c.Max) && (gpu is null || gpu.Value.Min == gpu.Value.Max);
        return new JetsonClocks(pinned, cpus.Count > 0 ? cpus.Max(c => c.Max) / 1000 : null, gpu is { } g ? g.Max / 1_000_000 : null,
            gpu is { } h ? h.Current / 1_000_000 : null);
    }

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*#\s*R(\d+)\s*\(release\),\s*REVISION:\s*([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex L4tPattern();

    // "cpu0: Online=1 Governor=schedutil MinFreq=729600 MaxFreq=2201600 CurrentFreq=1958400" (kHz) and
    // "GPU MinFreq=306000000 MaxFreq=1301250000 CurrentFreq=306000000" (Hz).
    [GeneratedRegex(@"^\s*(cpu\d+|GPU)\b.*?MinFreq=(\d+)\s+MaxFreq=(\d+)\s+CurrentFreq=(\d+)")]
    private static partial Regex ClockLinePattern();

    [GeneratedRegex(@"throttled=0x([0-9a-fA-F]+)")]
    private static partial Regex ThrottledPattern();

    [GeneratedRegex(@"NV Power Mode:\s*(\S[^\r\n]*)")]
    private static partial Regex PowerModePattern();
}

/// <summary>What <c>jetson_clocks --show</c> says.</summary>
/// <param name="Pinned">Every CPU and the GPU held at their maximum clock (jetson_clocks was run).</param>
/// <param name="CpuMaxMhz">Highest CPU maximum clock.</param>
/// <param name="GpuMaxMhz">GPU maximum clock.</param>
/// <param name="GpuCurrentMhz">GPU clock at that moment.</param>
public sealed record JetsonClocks(bool Pinned, long? CpuMaxMhz, long? GpuMaxMhz, long? GpuCurrentMhz);
