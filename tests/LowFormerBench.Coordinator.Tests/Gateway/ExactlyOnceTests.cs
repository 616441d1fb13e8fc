using Dapper;
using LowFormerBench.Protos.V1;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Kind = LowFormerBench.Protos.V1.CoordinatorMessage.KindOneofCase;

namespace LowFormerBench.Coordinator.Tests.Gateway;

/// <summary>Results keyed by (job, attempt), over real gRPC: retried uploads stored once, late ones kept apart.</summary>
public sealed class ExactlyOnceTests
{
    [Fact]
    public async Task RetriedUpload_SameAttempt_AcknowledgedAsDuplicateWithoutASecondRow()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await agent.NextAsync(Kind.Welcome);
        await host.SubmitTinyAsync(1);
        var assignment = (await agent.NextAsync(Kind.Assignment)).Assignment;

        var outcomes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await agent.ReportAsync(assignment, p50Ms: 1 + i);
            outcomes.Add((await agent.NextAsync(Kind.Ack)).Ack.Outcome);
        }

        Assert.Equal(["accepted", "duplicate", "duplicate"], outcomes);
        await using var db = Open(host);
        Assert.Equal((1L, 1.0), await db.QuerySingleAsync<(long, double)>("SELECT COUNT(*), MAX(p50_ms) FROM results"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM late_results"));
    }

    [Fact]
    public async Task LateResult_AfterLeaseLostAndJobSucceeded_KeptAsEvidenceNeverOverwrites()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 1.5);
        await using var slow = await WireAgent.ConnectAsync(host, "slow");
        await slow.NextAsync(Kind.Welcome);
        await host.SubmitTinyAsync(1);
        var first = (await slow.NextAsync(Kind.Assignment)).Assignment;
        await using var healthy = await WireAgent.ConnectAsync(host, "healthy");
        await healthy.NextAsync(Kind.Welcome);
        var second = (await healthy.NextAsync(Kind.Assignment, TimeSpan.FromSeconds(15))).Assignment;
        await healthy.ReportAsync(second, p50Ms: 2);
        Assert.Equal("accepted", (await healthy.NextAsync(Kind.Ack)).Ack.Outcome);

        // The slow agent comes back after the job succeeded elsewhere, and re-sends once more after a "reconnect".
        await slow.ReportAsync(first, p50Ms: 99);
        var late = (await slow.NextAsync(Kind.Ack)).Ack;
        await slow.ReportAsync(first, p50Ms: 99);
        var again = (await slow.NextAsync(Kind.Ack)).Ack;

        Assert.Equal((first.JobId, 1, "late"), (late.JobId, late.Attempt, late.Outcome));
        Assert.Equal("late", again.Outcome);
        await using var db = Open(host);
        var accepted = await db.QuerySingleAsync<(long Attempt, double P50)>("SELECT attempt, p50_ms FROM results");
        Assert.Equal((2L, 2.0), accepted);
        var evidence = Assert.Single(await db.QueryAsync<(long Attempt, string Agent, string Reason, double P50)>(
            "SELECT attempt, agent_name, reason, p50_ms FROM late_results"));
        Assert.Equal((1L, "slow", 99.0), (evidence.Attempt, evidence.Agent, evidence.P50));
        Assert.Contains("already has the accepted result of attempt 2", evidence.Reason);
    }

    [Fact]
    public async Task LateResult_WhileAnotherAttemptHoldsTheJob_KeptAndTheHolderIsStillAccepted()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 1.5);
        await using var slow = await WireAgent.ConnectAsync(host, "slow");
        await slow.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1);
        var first = (await slow.NextAsync(Kind.Assignment)).Assignment;
        await using var healthy = await WireAgent.ConnectAsync(host, "healthy");
        await healthy.NextAsync(Kind.Welcome);
        var second = (await healthy.NextAsync(Kind.Assignment, TimeSpan.FromSeconds(15))).Assignment;

        await slow.ReportAsync(first, p50Ms: 99);
        var late = (await slow.NextAsync(Kind.Ack)).Ack.Outcome;
        await healthy.ReportAsync(second, p50Ms: 2);
        var accepted = (await healthy.NextAsync(Kind.Ack)).Ack.Outcome;

        Assert.Equal(("late", "accepted"), (late, accepted));
        var result = Assert.Single((await host.Control.QueryResultsAsync(new QueryResultsRequest { CampaignId = campaign })).Results);
        Assert.Equal(("healthy", 2), (result.Agent, result.Attempt));
        var evidence = await host.Services.GetRequiredService<LowFormerBench.Coordinator.Storage.ResultStore>().LateResultsOfAsync(long.Parse(first.JobId));
        var kept = Assert.Single(evidence);
        Assert.Equal(("slow", 1, 99.0), (kept.AgentName, kept.Attempt, kept.P50Ms));
        Assert.Contains("attempt 1 lost its lease; attempt 2 holds the job", kept.Reason);
    }

    private static SqliteConnection Open(CoordinatorHost host)
    {
        var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
