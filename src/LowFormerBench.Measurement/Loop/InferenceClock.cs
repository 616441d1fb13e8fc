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

    /// <summary>Requests a worker's iterations per reply: about this long, so the pipe costs nothing next to the work.</summary>
    public static readonly TimeSpan SelfTimedRequest = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Adds one sample, or for a runner that times itself a batch of them (at most <paramref name="room"/>), sized from
    /// the last sample to take about <see cref="SelfTimedRequest"/>. The rules are applied between batches: a batch may run
    /// past the point where the rule would have stopped, and its samples are all kept.
    /// </summary>
    public void TimeBatch(IInferenceRunner runner, int room, List<double> samples)
    {
        if (runner is not ISelfTimingRunner timed)
        {
            samples.Add(TimeOne(runner));
            return;
        }

        var last = samples.Count > 0 ? samples[^1] : 0;
        var count = last <= 0 ? 1 : (int)Math.Clamp(SelfTimedRequest.TotalMilliseconds / last, 1, 10_000);
        samples.AddRange(timed.RunTimed(Math.Clamp(count, 1, Math.Max(1, room))));
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
            TimeBatch(runner, rule.MaxIterations - samples.Count, samples);
            decision = rule.Evaluate(samples, Since(start));
        }

        return (samples, decision);
    }
}
