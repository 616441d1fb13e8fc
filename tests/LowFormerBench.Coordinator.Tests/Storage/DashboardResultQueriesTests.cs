using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Coordinator.Tests.Gateway;
using LowFormerBench.Coordinator.Tests.Regression;
using LowFormerBench.Core.Queries;
using Microsoft.Extensions.DependencyInjection;
using LowFormerBench.Coordinator.Tests.Postgres;
using Xunit;

namespace LowFormerBench.Coordinator.Tests.Storage;

/// <summary>The dashboard's SQL-side reads over real results from a wire-level agent: pages, facets, newest per configuration, histories.</summary>
public sealed class DashboardResultQueriesTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task ThreeCampaigns_PagedSortedCountedAndNewestPerConfiguration(StorageEngine engine)
    {
        var settings = engine == StorageEngine.Postgres
            ? new Dictionary<string, string?> { ["Coordinator:DatabasePath"] = await postgres.CreateDatabaseAsync() }
            : null;
        await using var host = await CoordinatorHost.StartAsync(settings: settings);
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        var campaigns = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            // Batch 1 at 2, 3, 4 ms over the campaigns; batch 2 always twice that.
            var level = 2.0 + i;
            campaigns.Add(await FarmRuns.RunAsync(host, agent, FarmRuns.On("main"), i, batch => level * batch));
        }

        var queries = host.Services.GetRequiredService<ResultQueries>();

        var facets = await queries.FacetsAsync();
        Assert.Equal(6, facets.TotalCount);
        Assert.Equal(["a1"], facets.Agents);
        Assert.Equal(["latency"], facets.Scenarios);

        var page = await queries.PageAsync(new ResultPageRequest(ResultCriteria.All, ResultSort.P50, Descending: true, Skip: 1, Take: 2));
        Assert.Equal(6, page.MatchingCount);
        Assert.Equal(2, page.Rows.Count);
        var all = (await queries.PageAsync(new ResultPageRequest(ResultCriteria.All, ResultSort.P50, Descending: true, Take: 10))).Rows;
        Assert.Equal(all.Select(r => r.Summary.P50Ms).OrderDescending(), all.Select(r => r.Summary.P50Ms));
        Assert.Equal(all.Skip(1).Take(2).Select(r => r.JobId), page.Rows.Select(r => r.JobId));

        var batchOne = await queries.PageAsync(new ResultPageRequest(new ResultCriteria(Agent: "a1", Batch: 1)));
        Assert.Equal(3, batchOne.MatchingCount);
        Assert.Equal(0, (await queries.PageAsync(new ResultPageRequest(new ResultCriteria(Agent: "nobody")))).MatchingCount);

        // One row per configuration (two batches), both from the newest campaign.
        var latest = await queries.LatestAsync(ResultCriteria.All);
        Assert.Equal([1, 2], latest.Select(r => r.Batch).Order());
        Assert.All(latest, r => Assert.Equal(campaigns[^1], r.CampaignId));
        Assert.InRange(latest.Single(r => r.Batch == 1).Summary.P50Ms, 3.8, 4.2);

        var keys = await queries.HistoryKeysAsync("a1");
        Assert.Equal([1, 2], keys.Select(k => k.Batch));
        Assert.Empty(await queries.HistoryKeysAsync("someone-else"));
    }
}
