using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator.Security;

/// <summary>
/// A token bucket per caller (API key id, or the peer address of a caller without one): one runaway CI script cannot
/// starve the farm for everyone else. Refusals carry how long to wait.
/// </summary>
public sealed class CallerRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public CallerRateLimiter(IOptions<CoordinatorOptions> options)
    {
        var limits = options.Value.RateLimit;
        if (limits.PermitsPerSecond <= 0)
        {
            return;
        }

        // Whole tokens every period: 50/s refills 1 token every 20 ms rather than 50 at the end of each second.
        var period = TimeSpan.FromSeconds(Math.Max(1.0 / limits.PermitsPerSecond, 0.001));
        var perPeriod = (int)Math.Max(1, Math.Round(limits.PermitsPerSecond * period.TotalSeconds));
        _limiter = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.Burst,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Null when the call may go ahead; otherwise how long the caller should wait before trying again.</summary>
    public TimeSpan? TryAcquire(string caller)
    {
        if (_limiter is null)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(caller);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter?.Dispose();
}
