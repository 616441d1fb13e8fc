namespace LowFormerBench.Core.Results;

/// <summary>
/// Energy over a result's timed window, where the device has a power sensor. A result without one carries no reading (null),
/// shown as "not measured": never a zero, which would read as a free inference.
/// </summary>
/// <param name="MeanPowerW">Mean power over the timed window, watts.</param>
/// <param name="JoulesPerImage">Energy over the window divided by the images inferred in it.</param>
/// <param name="Source">What was read: "nvidia-smi gpu0 power.draw", "tegrastats VDD_IN", "rapl package-0", ...</param>
public sealed record EnergyReading(double MeanPowerW, double JoulesPerImage, string Source)
{
    public const string NotMeasured = "not measured";

    /// <summary>Images per joule, the energy plot's axis.</summary>
    public double ImagesPerJoule => JoulesPerImage > 0 ? 1 / JoulesPerImage : double.NaN;

    /// <summary>Both numbers finite and positive, the source named and bounded: what a store accepts from an agent.</summary>
    public static string? Check(double meanPowerW, double joulesPerImage, string source)
    {
        if (!double.IsFinite(meanPowerW) || meanPowerW <= 0 || meanPowerW > 100_000)
        {
            return $"mean power {meanPowerW} W is not a power between 0 and 100 kW";
        }

        if (!double.IsFinite(joulesPerImage) || joulesPerImage <= 0 || joulesPerImage > 1_000_000)
        {
            return $"energy per image {joulesPerImage} J is not positive and finite";
        }

        return string.IsNullOrWhiteSpace(source) || source.Length > 200 ? "the energy source must be named (at most 200 characters)" : null;
    }
}
