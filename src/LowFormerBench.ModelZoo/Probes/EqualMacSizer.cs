namespace LowFormerBench.ModelZoo.Probes;

/// <summary>
/// Sizes a variant so that its MACs equal a target: a binary search over a width index whose MACs grow with it,
/// each step counted on the built graph (the same count the results show), never on a formula of its own.
/// </summary>
public static class EqualMacSizer
{
    /// <summary>How far an equal-MAC variant may miss its reference: 2 %.</summary>
    public const double Tolerance = 0.02;

    /// <param name="at">The variant at width index i (1 ≤ i ≤ maxIndex); its MACs must not fall as i grows.</param>
    /// <param name="targetMacs">The reference's MACs.</param>
    /// <param name="maxIndex">The largest width allowed (memory bound).</param>
    /// <returns>The variant closest to the target, and its residual (MACs / target − 1).</returns>
    public static (Probe Probe, double Residual) Size(Func<int, Probe> at, long targetMacs, int maxIndex)
    {
        long MacsAt(int i) => ProbeBuilder.Count(at(i)).Macs;

        var (low, high) = (1, maxIndex);
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (MacsAt(mid) >= targetMacs)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        var best = low;
        if (low > 1 && Math.Abs(Residual(MacsAt(low - 1), targetMacs)) < Math.Abs(Residual(MacsAt(low), targetMacs)))
        {
            best = low - 1;
        }

        return (at(best), Residual(MacsAt(best), targetMacs));
    }

    public static double Residual(long macs, long targetMacs) => targetMacs == 0 ? 0 : ((double)macs / targetMacs) - 1;
}
