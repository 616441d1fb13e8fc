using Microsoft.Extensions.Hosting;

namespace LowFormerBench.Coordinator.Scheduling;

/// <summary>Once a second, requeues the jobs whose agents went silent (eShop's GracePeriodManager shape) and starts canaries due by time.</summary>
public sealed class LeaseSweeper(Dispatcher dispatcher, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await dispatcher.ExpireLeasesAsync(stoppingToken);
            await dispatcher.CanaryTickAsync(stoppingToken);
        }
    }
}
