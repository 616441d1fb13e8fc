using LowFormerBench.Core.Statistics;
using LowFormerBench.Measurement.Runners;

namespace LowFormerBench.Measurement.Loop;

/// <summary>
/// How a sample is taken: one inference between two timestamps of one clock. The ordinary and the paired loop both time
/// through it, so their samples mean the same thing.
/// </summary>
/// <param name="clock"><see cref="TimeProvider.System"/> reads Stopwatch ticks; tests pass a fake.</param>
internal sealed class InferenceClock(TimeProvider clock)
{
    public long Now() => clock.GetTimestamp();

    public TimeSpan Since(long start) => clock.GetElapsedTime(start);

    /// <summary>One inference, in milliseconds.</summary>
    public double TimeOne(IInferenceRunner runner)
    {
        var before = clock.GetTimestamp();
        runner.Run();
        var after = clock.GetTimestamp();
        return (after - before) * 1000.0 / clock.TimestampFrequency;
    }

    /// <summary>Runs until the warm-up rule says the latency is steady; the warm-up timings are returned, not kept as samples.</summary>
    public (List<double> Samples, WarmupDecision Decision) Warm(IInferenceRunner runner, WarmupRule rule, CancellationToken cancellationToken)
    {
        var samples = new List<double>();
        var start = Now();
        var decision = rule.Evaluate(samples, TimeSpan.Zero);
        while (decision.RunAnother)
        {
            cancellationToken.ThrowIfCancellationRequested();
            samples.Add(TimeOne(runner));
            decision = rule.Evaluate(samples, Since(start));
        }

        return (samples, decision);
    }
}
