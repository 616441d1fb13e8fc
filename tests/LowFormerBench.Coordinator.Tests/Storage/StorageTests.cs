using Dapper;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Results;
using LowFormerBench.Coordinator.Tests.Postgres;
using Xunit;

namespace LowFormerBench.Coordinator.Tests.Storage;

/// <summary>Every store round-trip, on SQLite and on PostgreSQL (skipped with its reason where PostgreSQL is not installed).</summary>
public sealed class StorageTests(PostgresServer postgres)
{
    private static readonly TimeProvider Time = TimeProvider.System;

    private static JobSpec Spec(string sha) => new(sha, "lowformer-b0", Scenario.Latency, 1, 224, Precision.Fp32, "CPUExecutionProvider",
        new Dictionary<string, string> { ["intra_op_threads"] = "2" }, new DeviceSelector(Arch: "x64"), MeasurementBudget.Default);

    private static MeasurementReport Report(long jobId, int attempt) => new(jobId, attempt,
        new ReportedSummary(1.5, 1.7, 2.0, 1.55, 0.1, 1.4, 2.1, 1.49, 1.51, 3, 666.7, 12, true, 0, 40, 3),
        [1.4, 1.5, 2.1], [new EnvironmentRecord("before", new Dictionary<string, string> { ["cpu.governor"] = "performance" }, false)],
        "fp-1", "1x3x224x224", false, null);

    private async Task<(TempDatabase Db, Job Job)> WithOneLeasedJobAsync(StorageEngine engine)
    {
        var db = await TempDatabase.CreateAsync(engine, postgres);
        await new ModelRecordStore(db.Connections, Time).AddAsync(new ModelView("sha", "lowformer-b0", "builtin", "lowformer-b0", "LowFormer",
            224, "fp32", 100, 14_100_000, 944_000_000, 78.4));
        var (_, jobs) = await new CampaignStore(db.Connections, Time).CreateAsync("quick", "name: quick", new Dictionary<string, string>(), [Spec("sha")], 3);
        var job = jobs[0];
        job.Lease("agent-1", Time.GetUtcNow(), TimeSpan.FromSeconds(10));
        await new JobStore(db.Connections, Time).SaveAsync(job);
        return (db, job);
    }

    [Fact]
    public async Task Migrate_TwiceOnOneFile_SecondRunAppliesNothingAndWalIsOn()
    {
        await using var db = await TempDatabase.CreateAsync();

        Assert.Equal(0, await new Migrator(db.Connections).MigrateAsync());
        await using var connection = await db.Connections.OpenAsync();
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;"));
    }

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task CampaignStore_CreateThenLoadUnfinished_JobSpecRoundTrips(StorageEngine engine)
    {
        var (db, job) = await WithOneLeasedJobAsync(engine);
        await using var _ = db;

        var loaded = Assert.Single(await new JobStore(db.Connections, Time).LoadUnfinishedAsync());

        Assert.Equal(JobState.Leased, loaded.State);
        Assert.Equal("agent-1", loaded.AgentId);
        Assert.Equal(job.Spec.Selector.Arch, loaded.Spec.Selector.Arch);
        Assert.Equal("2", loaded.Spec.ProviderOptions["intra_op_threads"]);
        Assert.Equal(job.LeaseExpiresAt!.Value.ToUnixTimeMilliseconds(), loaded.LeaseExpiresAt!.Value.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task ResultStore_SameReportTwice_OneRowAndJobSucceeded(StorageEngine engine)
    {
        var (db, job) = await WithOneLeasedJobAsync(engine);
        await using var _ = db;
        var jobs = new JobStore(db.Connections, Time);
        var results = new ResultStore(db.Connections, jobs, Time);
        job.Succeed(1);

        Assert.True(await results.AcceptAsync(job, "agent-1", Report(job.Id, 1)));
        Assert.False(await results.AcceptAsync(job, "agent-1", Report(job.Id, 1)));

        var rows = await new ResultQueries(db.Connections).ListAsync(null, null);
        var row = Assert.Single(rows);
        Assert.Equal((1.5, 3, 14_100_000L, 78.4), (row.Summary.P50Ms, row.Summary.Samples, row.Params, row.Top1));
        Assert.Equal([1.4, 1.5, 2.1], await results.SamplesOfAsync(job.Id));
        Assert.Empty(await jobs.LoadUnfinishedAsync());
    }

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task ResultStore_EnergyReading_StoredAndReadBackAndAbsentMeansNotMeasured(StorageEngine engine)
    {
        var (db, job) = await WithOneLeasedJobAsync(engine);
        await using var _ = db;
        var results = new ResultStore(db.Connections, new JobStore(db.Connections, Time), Time);
        job.Succeed(1);
        var report = Report(job.Id, 1);
        var energy = new EnergyReading(554.5, 0.0295, "nvidia-smi gpu0.power_w");

        await results.AcceptAsync(job, "agent-1", report with { Summary = report.Summary with { Energy = energy } });

        var queries = new ResultQueries(db.Connections);
        Assert.Equal(energy, Assert.Single(await queries.ListAsync(null, null)).Summary.Energy);
        await using var connection = await db.Connections.OpenAsync();
        Assert.Equal(554.5, await connection.ExecuteScalarAsync<double>("SELECT mean_power_w FROM results"));

        // A result without a sensor: NULL columns, no reading (never a 0 W one).
        await connection.ExecuteAsync("UPDATE results SET mean_power_w = NULL, energy_per_image_j = NULL, energy_source = NULL");
        Assert.Null(Assert.Single(await queries.ListAsync(null, null)).Summary.Energy);
    }

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task ResultStore_ReportWithOperatorProfile_StoredAndReadBack(StorageEngine engine)
    {
        var (db, job) = await WithOneLeasedJobAsync(engine);
        await using var _ = db;
        var results = new ResultStore(db.Connections, new JobStore(db.Connections, Time), Time);
        job.Succeed(1);
        var profile = new OperatorProfile(3, "all", 2.5, 100, 100, [new OperatorShare("Conv (depthwise)", 2, 1.5, 0.6, 10, 0.1)],
            [new NodeShare("dw_nchwc", "Conv", "dw", "Conv (depthwise)", "CPUExecutionProvider", 1.5, 0.6, 10, 0.1)], ["note"]);

        await results.AcceptAsync(job, "agent-1", Report(job.Id, 1) with { OperatorProfileJson = OperatorProfileJson.Serialize(profile) });

        var queries = new ResultQueries(db.Connections);
        Assert.True(Assert.Single(await queries.ListAsync(null, null)).HasOperatorProfile);
        var back = await queries.OperatorProfileAsync(job.Id);
        Assert.NotNull(back);
        Assert.Equal(profile.Operators, back.Operators);
        Assert.Equal(profile.Nodes, back.Nodes);
        Assert.Null(await queries.OperatorProfileAsync(job.Id + 1));
    }

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task JobSpec_ProfileFlag_RoundTripsThroughTheStore(StorageEngine engine)
    {
        await using var db = await TempDatabase.CreateAsync(engine, postgres);
        await new ModelRecordStore(db.Connections, Time).AddAsync(new ModelView("sha", "lowformer-b0", "builtin", "lowformer-b0", "LowFormer",
            224, "fp32", 100, 14_100_000, 944_000_000, 78.4));
        await new CampaignStore(db.Connections, Time).CreateAsync("p", "name: p", new Dictionary<string, string>(), [Spec("sha") with { Profile = true }], 3);

        var loaded = Assert.Single(await new JobStore(db.Connections, Time).LoadUnfinishedAsync());

        Assert.True(loaded.Spec.Profile);
    }

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task CampaignStore_Refresh_StateFollowsJobs(StorageEngine engine)
    {
        var (db, job) = await WithOneLeasedJobAsync(engine);
        await using var _ = db;
        var campaigns = new CampaignStore(db.Connections, Time);

        Assert.Equal("running", (await campaigns.RefreshAsync(job.CampaignId))!.State);
        job.Fail(1, "bad model", permanent: true);
        await new JobStore(db.Connections, Time).SaveAsync(job);
        var view = await campaigns.RefreshAsync(job.CampaignId);

        Assert.Equal(("failed", 1, 1), (view!.State, view.TotalJobs, view.FailedJobs));
        Assert.NotNull(view.FinishedAt);
    }

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task AgentStore_RegisterSameNameTwice_KeepsIdAndUpdatesCapabilities(StorageEngine engine)
    {
        await using var db = await TempDatabase.CreateAsync(engine, postgres);
        var agents = new AgentStore(db.Connections, Time);
        var device = new DeviceCapabilities("arm64", "Linux", "Cortex-A76", 4, 8L << 30, "1.31.1", ["CPUExecutionProvider"], "cpu",
            null, null, null, new Dictionary<string, string>(), "1", "pi5");

        var first = await agents.RegisterAsync("pi5", device);
        var second = await agents.RegisterAsync("pi5", device with { CpuCores = 8 });

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(8, second.Capabilities.CpuCores);
        Assert.Equal(AgentState.Idle, second.Health);
    }

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task ApiKeyStore_CreateVerifyRevoke_SharedStateReadBack(StorageEngine engine)
    {
        await using var db = await TempDatabase.CreateAsync(engine, postgres);
        var keys = new ApiKeyStore(db.Connections, Time);
        var (agentKey, agentSecret) = await keys.CreateAsync("pi5", Core.Security.ApiRole.Agent);
        Assert.False(await keys.AnyUserKeyAsync());
        var (admin, adminSecret) = await keys.CreateAsync("ops", Core.Security.ApiRole.Admin);

        Assert.True(await keys.AnyUserKeyAsync());
        Assert.Equal("ops", (await keys.VerifyAsync(adminSecret))!.Name);
        Assert.True(await keys.RevokeAsync(agentKey.Id));
        Assert.Null(await keys.VerifyAsync(agentSecret));
        Assert.Equal([agentKey.Id], await keys.RevokedAmongAsync([agentKey.Id, admin.Id]));
        Assert.Equal(2, (await keys.ListAsync()).Count);
    }

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task ResultStore_LateReportTwice_StoredOnceBesideTheAcceptedResult(StorageEngine engine)
    {
        var (db, job) = await WithOneLeasedJobAsync(engine);
        await using var _ = db;
        var results = new ResultStore(db.Connections, new JobStore(db.Connections, Time), Time);
        job.Succeed(1);
        await results.AcceptAsync(job, "agent-1", Report(job.Id, 1));

        Assert.True(await results.RecordLateAsync("agent-2", "pi5", Report(job.Id, 2), "lease lapsed"));
        Assert.False(await results.RecordLateAsync("agent-2", "pi5", Report(job.Id, 2), "lease lapsed"));
        Assert.False(await results.RecordLateAsync("agent-2", "pi5", Report(job.Id + 100, 1), "no such job"));

        var late = Assert.Single(await results.LateResultsOfAsync(job.Id));
        Assert.Equal((2, "pi5", 1.5), (late.Attempt, late.AgentName, late.P50Ms));
        Assert.Equal((1, "agent-1"), await results.AcceptedAttemptAsync(job.Id));
    }

    [Theory]
    [InlineData(StorageEngine.Sqlite)]
    [InlineData(StorageEngine.Postgres)]
    public async Task AgentStore_HealthAndCanaryVerdict_ReadBack(StorageEngine engine)
    {
        await using var db = await TempDatabase.CreateAsync(engine, postgres);
        var agents = new AgentStore(db.Connections, Time);
        var device = new DeviceCapabilities("x64", "Linux", "EPYC", 2, 8L << 30, "1.32.0", ["CPUExecutionProvider"], "cpu",
            null, null, null, new Dictionary<string, string>(), "1", "box");
        var agent = await agents.RegisterAsync("box", device);

        await agents.UpdateHealthAsync(agent.Id, AgentState.Quarantined, 3, "3 failures in a row");
        await agents.UpdateCanaryVerdictAsync(agent.Id, 0.12, drifted: true, "12% slower");
        var again = await agents.RegisterAsync("box", device);

        var row = Assert.Single(await agents.ListAsync());
        Assert.Equal((AgentState.Quarantined, 3L, true, 0.12), (again.Health, row.ConsecutiveFailures, row.CanaryDrifted, row.CanaryDrift));
    }
}
