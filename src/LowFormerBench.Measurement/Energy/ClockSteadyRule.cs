namespace LowFormerBench.Measurement.Energy;

/// <summary>What <see cref="ClockSteadyRule"/> decided.</summary>
public enum ClockVerdict
{
    /// <summary>The last readings agree: start the timed window.</summary>
    Steady,

    /// <summary>Still ramping (or too few readings yet): run another untimed inference.</summary>
    Wait,

    /// <summary>Waited the longest allowed; time anyway and say so in the result's facts.</summary>
    GaveUp,

    /// <summary>The monitor reports no clock at all: nothing to wait for.</summary>
    NoClock,
}

/// <summary>
/// The timed window starts only when the GPU's SM clock is steady: under load a GPU boosts, then settles at what power and
/// temperature allow, and samples taken while it moves measure the ramp, not the model. Steady = the last
/// <see cref="Readings"/> readings lie within <see cref="Tolerance"/> of their mean (one boost bin on current GPUs is 15 MHz,
/// about 1 % at 1.5–2 GHz). Pure: the monitor supplies the readings, the loop the time waited.
/// </summary>
/// <param name="Readings">How many consecutive readings must agree (5 at 10 Hz: half a second).</param>
/// <param name="Tolerance">Largest relative distance of a reading from their mean.</param>
/// <param name="Longest">Give up after this long and time anyway (the result then carries window.sm_clock_steady=false).</param>
/// <param name="NoClockAfter">With no reading at all after this long, the device has no clock readout.</param>
public sealed record ClockSteadyRule(int Readings, double Tolerance, TimeSpan Longest, TimeSpan NoClockAfter)
{
    public static ClockSteadyRule Default { get; } = new(5, 0.01, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(2));

    /// <param name="clocksMhz">Clock readings taken since warm-up ended, oldest first.</param>
    /// <param name="waited">Time since waiting began.</param>
    public ClockVerdict Decide(IReadOnlyList<double> clocksMhz, TimeSpan waited)
    {
        ArgumentNullException.ThrowIfNull(clocksMhz);
        if (clocksMhz.Count == 0)
        {
            return waited >= NoClockAfter ? ClockVerdict.NoClock : ClockVerdict.Wait;
        }

        if (clocksMhz.Count >= Readings)
        {
            var last = clocksMhz.Skip(clocksMhz.Count - Readings).ToList();
            var mean = last.Average();
            if (mean > 0 && last.All(c => Math.Abs(c - mean) <= Tolerance * mean))
            {
                return ClockVerdict.Steady;
            }
        }

        return waited >= Longest ? ClockVerdict.GaveUp : ClockVerdict.Wait;
    }
}
