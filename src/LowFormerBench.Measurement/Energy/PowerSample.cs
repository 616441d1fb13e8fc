namespace LowFormerBench.Measurement.Energy;

/// <summary>One power reading at a moment of the monitor's own clock (time since it started).</summary>
public readonly record struct PowerSample(TimeSpan At, double Watts);
