using LowFormerBench.Coordinator.Tests.Gateway;
using LowFormerBench.Protos.V1;
using Xunit;
using Kind = LowFormerBench.Protos.V1.CoordinatorMessage.KindOneofCase;

namespace LowFormerBench.Coordinator.Tests.Results;

/// <summary>
/// Issue 14, defects 3 to 5: every number of a reported result is checked on arrival, over the real gateway. A bad result
/// fails its own attempt with the reasons (the ack says "refused"), nothing of it is stored, and the stream, the campaign
/// and the store carry on.
/// </summary>
public sealed class ResultValidationTests
{
    [Theory]
    [InlineData(double.PositiveInfinity, 1.0, "p50_ms is Infinity")]
    [InlineData(-5, 1.0, "p50_ms is -5")]
    [InlineData(1.0, 1e308, "samples_ms: 1 of 1 samples are not times")]
    [InlineData(1.0, double.NaN, "samples_ms: 1 of 1 samples are not times")]
    public async Task Result_NumberNotFiniteOrOutOfRange_RefusedForThatAttempt_CampaignEnds(double p50, double sample, string expected)
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30, maxAttempts: 1);
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await agent.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1);
        var job = (await agent.NextAsync(Kind.Assignment)).Assignment;

        await agent.SendAsync(new AgentMessage { Result = Result(job, [sample], summary => summary.P50Ms = p50) });
        var ack = (await agent.NextAsync(Kind.Ack)).Ack;

        Assert.Equal("refused", ack.Outcome);
        Assert.Contains(expected, ack.Reason);
        var info = await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign });
        Assert.Equal(("failed", 1), (info.State, info.FailedJobs));
        var failed = Assert.Single((await host.Control.ListJobsAsync(new GetCampaignRequest { CampaignId = campaign })).Jobs);
        Assert.Contains("result refused by the coordinator", failed.Error);
        Assert.Empty((await host.Control.QueryResultsAsync(new QueryResultsRequest { CampaignId = campaign })).Results);
    }

    [Fact]
    public async Task Result_Refused_AttemptRetried_AndAGoodReportOnTheSameStreamIsAccepted()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30, maxAttempts: 3);
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await agent.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1);
        var first = (await agent.NextAsync(Kind.Assignment)).Assignment;

        await agent.SendAsync(new AgentMessage { Result = Result(first, [double.NaN]) });
        // The failed attempt's job is queued again and handed out before the ack is written.
        var second = (await agent.NextAsync(Kind.Assignment)).Assignment;
        var refused = (await agent.NextAsync(Kind.Ack)).Ack;
        await agent.ReportAsync(second);
        var accepted = (await agent.NextAsync(Kind.Ack)).Ack;

        Assert.Equal(("refused", "accepted"), (refused.Outcome, accepted.Outcome));
        Assert.Equal((first.JobId, 2), (second.JobId, second.Attempt));
        Assert.Equal("succeeded", (await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign })).State);
    }

    [Fact]
    public async Task Result_SummaryContradictsItsSamples_StoredSummaryIsTheSamples()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30);
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await agent.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1);
        var job = (await agent.NextAsync(Kind.Assignment)).Assignment;

        await agent.SendAsync(new AgentMessage
        {
            Result = Result(job, [2.0, 2.0, 4.0], s => (s.P50Ms, s.P99Ms, s.MinMs, s.MeanMs, s.ThroughputIps) = (1000, 1000, 0.001, 1000, 1e9)),
        });
        var ack = (await agent.NextAsync(Kind.Ack)).Ack;

        Assert.Equal("accepted", ack.Outcome);
        var stored = Assert.Single((await host.Control.QueryResultsAsync(new QueryResultsRequest { CampaignId = campaign })).Results).Summary;
        Assert.Equal((2.0, 2.0, 4.0), (stored.P50Ms, stored.MinMs, stored.MaxMs));
        Assert.Equal(8.0 / 3, stored.MeanMs, 9);
        // Batch 1 at a 2 ms median: 500 images/s, whatever the agent claimed.
        Assert.Equal(500, stored.ThroughputIps, 6);
    }

    [Fact]
    public async Task Result_SampleCountDisagreesWithSummary_Refused()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30, maxAttempts: 1);
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await agent.NextAsync(Kind.Welcome);
        await host.SubmitTinyAsync(1);
        var job = (await agent.NextAsync(Kind.Assignment)).Assignment;

        await agent.SendAsync(new AgentMessage { Result = Result(job, [1.0, 1.0], s => s.Samples = 5_000_000) });

        Assert.Contains("the summary counts 5000000 samples but 2 were sent", (await agent.NextAsync(Kind.Ack)).Ack.Reason);
    }

    [Fact]
    public async Task Result_MoreSamplesThanTheLimit_RefusedNamingTheSetting()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30, maxAttempts: 1,
            settings: new Dictionary<string, string?> { ["Coordinator:MaxSamplesPerResult"] = "1000" });
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await agent.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1);
        var job = (await agent.NextAsync(Kind.Assignment)).Assignment;

        await agent.SendAsync(new AgentMessage { Result = Result(job, [.. Enumerable.Repeat(1.0, 1001)]) });
        var ack = (await agent.NextAsync(Kind.Ack)).Ack;

        Assert.Equal("refused", ack.Outcome);
        Assert.Contains("1,001 samples, more than this coordinator keeps per result (1,000, Coordinator:MaxSamplesPerResult)", ack.Reason);
        Assert.Empty((await host.Control.QueryResultsAsync(new QueryResultsRequest { CampaignId = campaign })).Results);
    }

    [Fact]
    public async Task Result_FiveMillionSamplesAtTheDefaultLimit_Refused()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30, maxAttempts: 1);
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await agent.NextAsync(Kind.Welcome);
        await host.SubmitTinyAsync(1);
        var job = (await agent.NextAsync(Kind.Assignment)).Assignment;

        await agent.SendAsync(new AgentMessage { Result = Result(job, [.. Enumerable.Repeat(1.0, 5_000_000)]) });
        var ack = (await agent.NextAsync(Kind.Ack)).Ack;

        Assert.Equal("refused", ack.Outcome);
        Assert.Contains("5,000,000 samples, more than this coordinator keeps per result (1,000,000", ack.Reason);
    }

    [Theory]
    [InlineData("{not json", "cannot be read")]
    [InlineData("{}", "operators, nodes and notes must all be present")]
    [InlineData("[1,2]", "cannot be read")]
    public async Task Result_MalformedOperatorProfile_RefusedOnArrival_ResultsStayReadable(string json, string expected)
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30, maxAttempts: 1);
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await agent.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1);
        var job = (await agent.NextAsync(Kind.Assignment)).Assignment;

        var result = Result(job, [1.0]);
        result.OperatorProfileJson = json;
        await agent.SendAsync(new AgentMessage { Result = result });
        var ack = (await agent.NextAsync(Kind.Ack)).Ack;
        var read = await host.Control.QueryResultsAsync(new QueryResultsRequest { CampaignId = campaign, IncludeOperatorProfiles = true });

        Assert.Equal("refused", ack.Outcome);
        Assert.Contains("operator_profile_json", ack.Reason);
        Assert.Contains(expected, ack.Reason);
        Assert.Empty(read.Results);
    }

    [Fact]
    public async Task Result_WithAJobIdThatIsNoNumber_RefusedWithoutEndingTheStream()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30);
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await agent.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1);
        var job = (await agent.NextAsync(Kind.Assignment)).Assignment;

        await agent.SendAsync(new AgentMessage { Result = Result(new JobAssignment { JobId = "../1", Attempt = 1 }, [1.0]) });
        var refused = (await agent.NextAsync(Kind.Ack)).Ack;
        await agent.ReportAsync(job);
        var accepted = (await agent.NextAsync(Kind.Ack)).Ack;

        Assert.Equal(("refused", "accepted"), (refused.Outcome, accepted.Outcome));
        Assert.Contains("'../1' is not a job id", refused.Reason);
        Assert.Equal("succeeded", (await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign })).State);
    }

    // A result as an agent would send it, with a summary consistent with the samples unless changed.
    private static JobResult Result(JobAssignment job, IReadOnlyList<double> samples, Action<MeasurementSummary>? change = null)
    {
        var sorted = samples.Order().ToArray();
        var median = sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
        var summary = new MeasurementSummary
        {
            P50Ms = median, P90Ms = sorted[^1], P99Ms = sorted[^1], MeanMs = median, MinMs = sorted[0], MaxMs = sorted[^1], Samples = sorted.Length,
        };
        change?.Invoke(summary);
        var result = new JobResult
        {
            JobId = job.JobId, Attempt = job.Attempt, InputShape = "1x3x32x32", EnvironmentFingerprint = "test", Summary = summary,
        };
        result.SamplesMs.AddRange(samples);
        return result;
    }
}
