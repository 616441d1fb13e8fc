using System.Data.Common;
using System.Globalization;
using Dapper;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Coordinator.Tests.Postgres;
using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Results;
using LowFormerBench.Core.Security;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LowFormerBench.Cli.Tests;

/// <summary><c>lfb db migrate</c> through the real command tree: a SQLite farm moved into a real PostgreSQL database, row for row.</summary>
public sealed class DbMigrateTests(PostgresServer postgres) : IDisposable
{
    private static readonly TimeProvider Time = TimeProvider.System;

    private readonly string _directory = Directory.CreateTempSubdirectory("lfb-db-migrate").FullName;

    [Fact]
    public async Task Migrate_FarmFile_EveryTableEqualRowForRowAndThePostgresFarmCarriesOn()
    {
        var source = Path.Combine(_directory, "farm.db");
        await FillFarmAsync(new SqliteConnectionFactory(source));
        var target = await postgres.CreateDatabaseAsync();

        var (code, output, error) = await CliRun.RunAsync("db", "migrate", "--from", source, "--to", target);

        Assert.Equal((0, ""), (code, error));
        Assert.Contains("counts equal on both sides", output);
        await using var sqlite = await new SqliteConnectionFactory(source).OpenAsync();
        await using var pg = new PostgresConnectionFactory(target);
        await using var pgConnection = await pg.OpenAsync();
        var tables = (await sqlite.QueryAsync<string>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'schema_migrations' ORDER BY name;")).ToList();
        Assert.Contains("result_samples", tables);
        foreach (var table in tables)
        {
            var here = await RowsAsync(sqlite, table);
            var there = await RowsAsync(pgConnection, table);
            Assert.True(here.Count > 0, $"the test farm should have rows in {table}");
            Assert.Equal(here, there);
        }

        // New ids come after the copied ones, and the configurations' trigger counts again.
        var before = await pgConnection.ExecuteScalarAsync<long>("SELECT SUM(results) FROM result_configurations;");
        var (campaignId, jobs) = await new CampaignStore(pg, Time).CreateAsync("after", "name: after", new Dictionary<string, string>(), [Spec("sha-a")], 3);
        Assert.True(campaignId > 2 && jobs[0].Id > 4);
        jobs[0].Lease("agent-x", Time.GetUtcNow(), TimeSpan.FromSeconds(10));
        jobs[0].Succeed(1);
        Assert.True(await new ResultStore(pg, new JobStore(pg, Time), Time).AcceptAsync(jobs[0], "agent-x", Report(jobs[0].Id, 1)));
        Assert.Equal(before + 1, await pgConnection.ExecuteScalarAsync<long>("SELECT SUM(results) FROM result_configurations;"));
    }

    [Fact]
    public async Task Migrate_IntoADatabaseWithRows_RefusedAndNothingAdded()
    {
        var source = Path.Combine(_directory, "farm.db");
        await FillFarmAsync(new SqliteConnectionFactory(source));
        var target = await postgres.CreateDatabaseAsync();
        Assert.Equal(0, (await CliRun.RunAsync("db", "migrate", "--from", source, "--to", target)).ExitCode);

        var (code, _, error) = await CliRun.RunAsync("db", "migrate", "--from", source, "--to", target);

        Assert.Equal(1, code);
        Assert.Contains("already holds rows in", error);
        await using var pg = new PostgresConnectionFactory(target);
        await using var connection = await pg.OpenAsync();
        Assert.Equal(4, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs;"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    // A farm with a row in every table: models, a user and a canary campaign, accepted results with samples,
    // environments, a paired reference and an operator profile, a late result, keys (one revoked) and agents' health.
    private static async Task FillFarmAsync(DbConnectionFactory connections)
    {
        await new Migrator(connections).MigrateAsync();
        var models = new ModelRecordStore(connections, Time);
        await models.AddAsync(new ModelView("sha-a", "lowformer-b0", "builtin", "lowformer-b0", "LowFormer", 224, "fp32", 100, 14_100_000, 944_000_000, 78.4));
        await models.AddAsync(new ModelView("sha-b", "upload.onnx", "upload", null, null, 160, "fp16", 200, 1, 2, null));
        var agents = new AgentStore(connections, Time);
        var device = new DeviceCapabilities("x64", "Linux", "EPYC", 2, 8L << 30, "1.32.0", ["CPUExecutionProvider"], "cpu",
            null, null, null, new Dictionary<string, string>(), "1", "box");
        var agent = await agents.RegisterAsync("box", device);
        await agents.UpdateCanaryVerdictAsync(agent.Id, 0.031, drifted: false, "steady");
        await agents.UpdateHealthAsync(agent.Id, AgentState.Idle, 1, null);
        var keys = new ApiKeyStore(connections, Time);
        await keys.CreateAsync("ops", ApiRole.Admin);
        var (old, _) = await keys.CreateAsync("box", ApiRole.Agent);
        await keys.RevokeAsync(old.Id);

        var campaigns = new CampaignStore(connections, Time);
        var jobStore = new JobStore(connections, Time);
        var results = new ResultStore(connections, jobStore, Time);
        var (_, user) = await campaigns.CreateAsync("quick", "name: quick\n", new Dictionary<string, string> { ["branch"] = "main", ["tags"] = "a,b" },
            [Spec("sha-a"), Spec("sha-b"), Spec("sha-a") with { Batch = 8 }], 3);
        var (_, canary) = await campaigns.CreateAsync("canary", "{}", new Dictionary<string, string>(), [Spec("sha-a")], 3, kind: CampaignKinds.Canary);
        foreach (var job in user.Take(2).Concat(canary))
        {
            job.Lease(agent.Id, Time.GetUtcNow(), TimeSpan.FromSeconds(30));
            job.Succeed(1);
            var report = Report(job.Id, 1) with
            {
                Reference = job == user[0] ? new Core.Results.PairedReferenceSamples("sha-b", [2.25, 2.5, 1e-300]) : null,
                OperatorProfileJson = job == user[1] ? "{\"operators\":[]}" : null,
            };
            await results.AcceptAsync(job, agent.Id, report);
        }

        await results.RecordLateAsync("other", "pi5", Report(user[0].Id, 2), "lease lapsed");
        user[2].Lease(agent.Id, Time.GetUtcNow(), TimeSpan.FromSeconds(30));
        await jobStore.SaveAsync(user[2]);
        await campaigns.RefreshAsync(canary[0].CampaignId);
    }

    private static JobSpec Spec(string sha) => new(sha, "lowformer-b0", Scenario.Latency, 1, 224, Precision.Fp32, "CPUExecutionProvider",
        new Dictionary<string, string> { ["intra_op_threads"] = "2" }, new DeviceSelector(Arch: "x64"), MeasurementBudget.Default);

    private static MeasurementReport Report(long jobId, int attempt) => new(jobId, attempt,
        new ReportedSummary(1.5, 1.7, 2.0, 1.55, 0.1, 1.4, 2.1, 1.49, 1.51, 3, 666.7, 12, true, 0, 40, 3),
        [1.4, 1.5, Math.PI], [new EnvironmentRecord("before", new Dictionary<string, string> { ["cpu.governor"] = "performance" }, true)],
        "fp-1", "1x3x224x224", false, null);

    // Each row as text with its values in a fixed form (integers, round-trip reals, hex bytes), sorted: what both engines hold.
    private static async Task<List<string>> RowsAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table};";
        await using var reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var fields = columns.Select((name, i) => (name, value: reader.IsDBNull(i) ? "null" : reader.GetValue(i) switch
            {
                byte[] bytes => Convert.ToHexString(bytes),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                long or int => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture)!,
            })).OrderBy(f => f.name, StringComparer.Ordinal);
            rows.Add(string.Join("|", fields.Select(f => $"{f.name}={f.value}")));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
