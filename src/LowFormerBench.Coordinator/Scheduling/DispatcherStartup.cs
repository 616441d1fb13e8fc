using LowFormerBench.Coordinator.Storage;
using Microsoft.Extensions.Hosting;

namespace LowFormerBench.Coordinator.Scheduling;

/// <summary>Takes the database for this scheduler (PostgreSQL), migrates it, builds the canary model (when configured) and loads the scheduler's working set before the server takes calls.</summary>
public sealed class DispatcherStartup(SchedulerLock schedulerLock, Migrator migrator, Dispatcher dispatcher, Canary.CanaryPlan canary) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await schedulerLock.AcquireAsync(cancellationToken);
        await migrator.MigrateAsync(cancellationToken);
        await canary.PrepareAsync(cancellationToken);
        await dispatcher.InitializeAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
