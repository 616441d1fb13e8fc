using Dapper;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Results;
using Xunit;

namespace LowFormerBench.Coordinator.Tests.Storage;

public sealed class StorageTests
{
    private static readonly TimeProvider Time = TimeProvider.System;

    private static JobSpec Spec(string sha) => new(sha, "lowformer-b0", Scenario.Latency, 1, 224, Precision.Fp32, "CPUExecutionProvider",
        new Dictionary<string, string> { ["intra_op_threads"] = "2" }, new DeviceSelector(Arch: "x64"), MeasurementBudget.Default);

    private static MeasurementReport Report(long jobId, int attempt) => new(jobId, attempt,
        new ReportedSummary(1.5, 1.7, 2.0, 1.55, 0.1, 1.4, 2.1, 1.49, 1.51, 3, 666.7, 12, true, 0, 40, 3),
        [1.4, 1.5, 2.1], [new EnvironmentRecord("before", new Dictionary<string, string> { ["cpu.governor"] = "performance" }, false)],
        "fp-1", "1x3x224x224", false, null);

    private static async Task<(TempDatabase Db, Job Job)> WithOneLeasedJobAsync()
    {
        var db = await TempDatabase.CreateAsync();
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

    [Fact]
    public async Task CampaignStore_CreateThenLoadUnfinished_JobSpecRoundTrips()
    {
        var (db, job) = await WithOneLeasedJobAsync();
        await using var _ = db;

        var loaded = Assert.Single(await new JobStore(db.Connections, Time).LoadUnfinishedAsync());

        Assert.Equal(JobState.Leased, loaded.State);
        Assert.Equal("agent-1", loaded.AgentId);
        Assert.Equal(job.Spec.Selector.Arch, loaded.Spec.Selector.Arch);
        Assert.Equal("2", loaded.Spec.ProviderOptions["intra_op_threads"]);
        Assert.Equal(job.LeaseExpiresAt!.Value.ToUnixTimeMilliseconds(), loaded.LeaseExpiresAt!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task ResultStore_SameReportTwice_OneRowAndJobSucceeded()
    {
        var (db, job) = await WithOneLeasedJobAsync();
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

    [Fact]
    public async Task ResultStore_EnergyReading_StoredAndReadBackAndAbsentMeansNotMeasured()
    {
        var (db, job) = await WithOneLeasedJobAsync();
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

    [Fact]
    public async Task ResultStore_ReportWithOperatorProfile_StoredAndReadBack()
    {
        var (db, job) = await WithOneLeasedJobAsync();
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

    [Fact]
    public async Task JobSpec_ProfileFlag_RoundTripsThroughTheStore()
    {
        await using var db = await TempDatabase.CreateAsync();
        await new ModelRecordStore(db.Connections, Time).AddAsync(new ModelView("sha", "lowformer-b0", "builtin", "lowformer-b0", "LowFormer",
            224, "fp32", 100, 14_100_000, 944_000_000, 78.4));
        await new CampaignStore(db.Connections, Time).CreateAsync("p", "name: p", new Dictionary<string, string>(), [Spec("sha") with { Profile = true }], 3);

        var loaded = Assert.Single(await new JobStore(db.Connections, Time).LoadUnfinishedAsync());

        Assert.True(loaded.Spec.Profile);
    }

    [Fact]
    public async Task CampaignStore_Refresh_StateFollowsJobs()
    {
        var (db, job) = await WithOneLeasedJobAsync();
        await using var _ = db;
        var campaigns = new CampaignStore(db.Connections, Time);

        Assert.Equal("running", (await campaigns.RefreshAsync(job.CampaignId))!.State);
        job.Fail(1, "bad model", permanent: true);
        await new JobStore(db.Connections, Time).SaveAsync(job);
        var view = await campaigns.RefreshAsync(job.CampaignId);

        Assert.Equal(("failed", 1, 1), (view!.State, view.TotalJobs, view.FailedJobs));
        Assert.NotNull(view.FinishedAt);
    }

    [Fact]
    public async Task AgentStore_RegisterSameNameTwice_KeepsIdAndUpdatesCapabilities()
    {
        await using var db = await TempDatabase.CreateAsync();
        var agents = new AgentStore(db.Connections, Time);
        var device = new DeviceCapabilities("arm64", "Linux", "Cortex-A76", 4, 8L << 30, "1.31.1", ["CPUExecutionProvider"], "cpu",
            null, null, null, new Dictionary<string, string>(), "1", "pi5");

        var first = await agents.RegisterAsync("pi5", device);
        var second = await agents.RegisterAsync("pi5", device with { CpuCores = 8 });

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(8, second.Capabilities.CpuCores);
        Assert.Equal(AgentState.Idle, second.Health);
    }
}
