using System.Collections.Concurrent;
using LowFormerBench.Coordinator.Storage;
using Microsoft.Extensions.Hosting;

namespace LowFormerBench.Coordinator.Security;

/// <summary>
/// Ends the sessions of agents whose per-agent token was revoked. A key can be revoked from another process
/// (<c>lfb keys revoke --db</c>), so the coordinator checks the database every second instead of waiting to be told.
/// </summary>
public sealed class AgentKeyRevocations(ApiKeyStore keys) : BackgroundService
{
    private readonly ConcurrentDictionary<CancellationTokenSource, string> _sessions = new();

    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>Watches a session authenticated by <paramref name="keyId"/>: <paramref name="end"/> is cancelled once it is revoked.</summary>
    public IDisposable Watch(string keyId, CancellationTokenSource end)
    {
        _sessions[end] = keyId;
        return new Unwatch(() => _sessions.TryRemove(end, out _));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var watched = _sessions.ToArray();
            if (watched.Length == 0)
            {
                continue;
            }

            var revoked = await keys.RevokedAmongAsync(watched.Select(w => w.Value).Distinct().ToList(), stoppingToken);
            foreach (var (end, keyId) in watched.Where(w => revoked.Contains(w.Value)))
            {
                try
                {
                    await end.CancelAsync();
                }
                catch (ObjectDisposedException)
                {
                    // The session ended on its own meanwhile.
                }
            }
        }
    }

    private sealed class Unwatch(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
