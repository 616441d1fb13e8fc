using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Queries;
using LowFormerBench.Coordinator.Tests.Postgres;
using Xunit;

namespace LowFormerBench.Coordinator.Tests.Storage;

/// <summary>Finding campaigns by suite, state, metadata and tag: how a CI run finds its baseline.</summary>
public sealed class CampaignFilterTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task ListAsync_MetadataTagAndExclusion_OnlyMatchingNewestFirst(StorageEngine engine)
    {
        await using var db = await TempDatabase.CreateAsync(engine, postgres);
        var store = new CampaignStore(db.Connections, TimeProvider.System);
        var mainOld = await CreateAsync(store, "quick", new() { ["branch"] = "main", ["tags"] = "nightly" });
        var feature = await CreateAsync(store, "quick", new() { ["branch"] = "feature", ["tags"] = "v1.0_rc,nightly" });
        var mainNew = await CreateAsync(store, "quick", new() { ["branch"] = "main" });
        await CreateAsync(store, "paper", new() { ["branch"] = "main" });

        var onMain = await store.ListAsync(new CampaignFilter("quick", new Dictionary<string, string> { ["branch"] = "main" }), 10);
        var tagged = await store.ListAsync(new CampaignFilter(Tag: "nightly", ExcludeCampaignId: feature), 10);
        var literalUnderscore = await store.ListAsync(new CampaignFilter(Tag: "v1.0_rc"), 10);
        var likeWildcard = await store.ListAsync(new CampaignFilter(Tag: "v1%"), 10);
        var oddKey = await store.ListAsync(new CampaignFilter(Metadata: new Dictionary<string, string> { ["bra\"nch"] = "main" }), 10);

        Assert.Equal([mainNew, mainOld], onMain.Select(c => c.Id));
        Assert.Equal([mainOld], tagged.Select(c => c.Id));
        Assert.Equal([feature], literalUnderscore.Select(c => c.Id));
        Assert.Empty(likeWildcard);
        Assert.Empty(oddKey);
    }

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task ListAsync_StateFilter_OnlyThatState(StorageEngine engine)
    {
        await using var db = await TempDatabase.CreateAsync(engine, postgres);
        var store = new CampaignStore(db.Connections, TimeProvider.System);
        await CreateAsync(store, "quick", new() { ["branch"] = "main" });

        Assert.Single(await store.ListAsync(new CampaignFilter(State: "running"), 10));
        Assert.Empty(await store.ListAsync(new CampaignFilter(State: "succeeded"), 10));
    }

    private static async Task<long> CreateAsync(CampaignStore store, string name, Dictionary<string, string> metadata) =>
        (await store.CreateAsync(name, "{}", metadata, [], maxAttempts: 3)).CampaignId;
}
