namespace LowFormerBench.Core.Scheduling;

/// <summary>When a device's canary is due: every so many jobs, every so long, or both (whichever comes first).</summary>
public sealed class CanarySchedule
{
    private readonly TimeProvider _time;

    /// <param name="everyJobs">Jobs between canaries; 0 for none by count.</param>
    /// <param name="interval">Time between canaries; null for none by time.</param>
    public CanarySchedule(int everyJobs, TimeSpan? interval, TimeProvider time)
        : this(true, everyJobs, interval, time)
    {
    }

    private CanarySchedule(bool enabled, int everyJobs, TimeSpan? interval, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(everyJobs);
        Enabled = enabled;
        EveryJobs = everyJobs;
        Interval = interval;
        _time = time;
    }

    /// <summary>Canaries off: never due, and jobs are not counted.</summary>
    public static CanarySchedule Off { get; } = new(false, 0, null, TimeProvider.System);

    public bool Enabled { get; }

    public int EveryJobs { get; }

    public TimeSpan? Interval { get; }

    /// <summary>Whether a canary can fall due with no job finishing (so a timer has to look).</summary>
    public bool DueByTime => Enabled && Interval is not null;

    /// <summary>Why this device's canary is due now, or null.</summary>
    public string? DueReason(CanaryCounters counters)
    {
        if (!Enabled)
        {
            return null;
        }

        if (EveryJobs > 0 && counters.JobsSinceCanary >= EveryJobs)
        {
            return $"{counters.JobsSinceCanary} jobs since the last canary";
        }

        if (Interval is { } interval)
        {
            if (counters.LastCanaryAt is not { } last)
            {
                return "first canary of this device";
            }

            var since = _time.GetUtcNow() - last;
            if (since >= interval)
            {
                return $"last canary {since.TotalHours:0.#} h ago";
            }
        }

        return null;
    }

    /// <summary>The counters once a canary was queued for the device now.</summary>
    public CanaryCounters Started() => new(0, _time.GetUtcNow());

    /// <summary>The counters after the device finished a job that is not a canary.</summary>
    public CanaryCounters AfterJob(CanaryCounters counters) => Enabled ? counters with { JobsSinceCanary = counters.JobsSinceCanary + 1 } : counters;
}
