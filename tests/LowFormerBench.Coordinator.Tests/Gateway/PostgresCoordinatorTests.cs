using LowFormerBench.Coordinator.Tests.Postgres;
using LowFormerBench.Protos.V1;
using Xunit;

namespace LowFormerBench.Coordinator.Tests.Gateway;

/// <summary>The coordinator on a real PostgreSQL database: one scheduler per database until leases are claimed there.</summary>
public sealed class PostgresCoordinatorTests(PostgresServer postgres)
{
    [Fact]
    public async Task SecondCoordinator_SameDatabase_RefusesToStartSayingWhy_StartsOnceTheFirstStops()
    {
        var settings = new Dictionary<string, string?> { ["Coordinator:DatabasePath"] = await postgres.CreateDatabaseAsync() };
        var first = await CoordinatorHost.StartAsync(settings: settings);
        var campaign = await first.SubmitTinyAsync(1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CoordinatorHost.StartAsync(settings: settings));
        await first.DisposeAsync();
        await using var successor = await CoordinatorHost.StartAsync(settings: settings);

        Assert.Contains("another coordinator already schedules", error.Message);
        Assert.Equal("running", (await successor.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign })).State);
    }
}
