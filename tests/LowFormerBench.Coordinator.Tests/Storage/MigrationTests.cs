using Dapper;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Coordinator.Tests.Postgres;
using Xunit;

namespace LowFormerBench.Coordinator.Tests.Storage;

/// <summary>One ordered list of migrations for both engines, applied once, its version stored, a newer schema refused.</summary>
public sealed class MigrationTests(PostgresServer postgres)
{
    [Fact]
    public void All_EveryStep_HasASqliteAndAPostgresText()
    {
        var missing = Migration.All.Where(m => m.SqliteSql is null || m.PostgresSql is null).Select(m => m.Name).ToList();

        Assert.Empty(missing);
        Assert.Equal(Migration.All.Select(m => m.Version).Order(), Migration.All.Select(m => m.Version));
    }

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task Migrate_Twice_SecondAppliesNothingAndEveryVersionIsStored(StorageEngine engine)
    {
        await using var db = await TempDatabase.CreateAsync(engine, postgres);
        var migrator = new Migrator(db.Connections);

        Assert.Equal(0, await migrator.MigrateAsync());
        Assert.Equal(Migration.All.Select(m => m.Version), await migrator.AppliedAsync());
    }

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task Migrate_SchemaFromANewerLfb_RefusedWithTheVersion(StorageEngine engine)
    {
        await using var db = await TempDatabase.CreateAsync(engine, postgres);
        await using (var connection = await db.Connections.OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (9999, '9999_future.sql', 0);");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new Migrator(db.Connections).MigrateAsync());

        Assert.Contains("9999 (9999_future.sql)", error.Message);
    }

    [Fact]
    public async Task Migrate_ReplicasStartingTogether_EachStepAppliedOnce()
    {
        var fresh = await postgres.CreateDatabaseAsync();
        var replicas = Enumerable.Range(0, 4).Select(_ => new PostgresConnectionFactory(fresh)).ToList();

        var applied = await Task.WhenAll(replicas.Select(r => new Migrator(r).MigrateAsync()));

        Assert.Equal([Migration.All.Count, 0, 0, 0], applied.Order().Reverse());
        Assert.Equal(Migration.All.Select(m => m.Version), await new Migrator(replicas[0]).AppliedAsync());
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
