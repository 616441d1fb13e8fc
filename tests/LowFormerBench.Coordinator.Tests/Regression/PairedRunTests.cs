using Grpc.Core;
using LowFormerBench.Coordinator.Tests.Gateway;
using LowFormerBench.Core.Regression;
using LowFormerBench.Protos.V1;
using Xunit;
using Kind = LowFormerBench.Protos.V1.CoordinatorMessage.KindOneofCase;

namespace LowFormerBench.Coordinator.Tests.Regression;

/// <summary>
/// Paired runs (<c>lfb ci --paired</c>) over the real coordinator: the assignment carries the baseline's model, the agent
/// (at the wire level) reports reference samples, and the comparison judges each row on its own job's reference.
/// </summary>
public sealed class PairedRunTests
{
    private static Action<SubmitCampaignRequest> Paired(string baseline = "") => request =>
    {
        request.Paired = true;
        request.PairedBaseline = baseline;
    };

    [Fact]
    public async Task PairedRun_LoadedMachine_JudgedOnTheReferenceNotTheBaselineRun()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        var baseline = await FarmRuns.RunAsync(host, agent, FarmRuns.On("main"), seed: 1, _ => 2.0);

        var candidate = await host.SubmitTinyAsync(FarmRuns.On("feature"), Paired(), 1, 2);
        var random = new Random(3);
        for (var i = 0; i < 2; i++)
        {
            var assignment = (await agent.NextAsync(Kind.Assignment)).Assignment;
            Assert.Equal(assignment.ModelSha256, assignment.ReferenceModelSha256);
            Assert.True(assignment.ReferenceModelSizeBytes > 0);
            // The whole job ran 30% slower than the baseline run (a loaded host), both sides alike; batch 2 is also
            // really 15% slower than its reference.
            var reference = Samples(random, 2.6, count: 120);
            var own = Samples(random, assignment.Batch == 2 ? 2.6 * 1.15 : 2.6);
            await agent.SendAsync(new AgentMessage { Result = Result(assignment, own, reference) });
            await agent.NextAsync(Kind.Ack);
        }

        var result = await FarmRuns.FinishAsync(host, candidate);

        Assert.Equal(CiOutcome.Regression, result.Outcome.ExitCode);
        Assert.All(result.Report!.Rows, r => Assert.True(r.Paired, r.Key.ToString()));
        var slower = Assert.Single(result.Report.Regressions);
        Assert.Equal(2, slower.Key.Batch);
        Assert.Contains("tiny on a1: latency b2", result.Outcome.Message);
        var b1 = Assert.Single(result.Report.Rows, r => r.Key.Batch == 1);
        Assert.Equal(Verdict.Unchanged, b1.Verdict);
        Assert.Equal(120, b1.BaselineSamples);
        var info = await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = candidate });
        Assert.Equal(baseline.ToString(System.Globalization.CultureInfo.InvariantCulture), info.Metadata["paired_baseline"]);

        // The reference samples are the farm's control measurement, not results: each campaign has its own two results.
        var results = await host.Control.QueryResultsAsync(new QueryResultsRequest { IncludeSamples = true });
        Assert.Equal(4, results.Results.Count);
        Assert.DoesNotContain(results.Results, r => r.SamplesMs.Count == 120);

        // ... yet the Control API hands them out beside the result they were taken with, for clients that judge on their own.
        var pairedRows = results.Results.Where(r => r.CampaignId == candidate).ToList();
        Assert.Equal(2, pairedRows.Count);
        Assert.All(pairedRows, r =>
        {
            Assert.Equal(120, r.ReferenceSamplesMs.Count);
            Assert.Equal(r.ModelSha256, r.ReferenceModelSha256);
        });
        Assert.All(results.Results.Where(r => r.CampaignId == baseline), r =>
        {
            Assert.Empty(r.ReferenceSamplesMs);
            Assert.Empty(r.ReferenceModelSha256);
        });
    }

    [Fact]
    public async Task PairedRun_AgentWithoutReferenceSamples_ComparedUnpaired()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await FarmRuns.RunAsync(host, agent, FarmRuns.On("main"), seed: 1, _ => 2.0);
        var candidate = await host.SubmitTinyAsync(FarmRuns.On("feature"), Paired(), 1);
        var assignment = (await agent.NextAsync(Kind.Assignment)).Assignment;
        Assert.NotEmpty(assignment.ReferenceModelSha256);

        // An agent from before paired runs ignores the reference and reports its own samples only.
        await agent.ReportSamplesAsync(assignment, Samples(new Random(4), 2.0));
        await agent.NextAsync(Kind.Ack);
        var result = await FarmRuns.FinishAsync(host, candidate);

        var row = Assert.Single(result.Report!.Rows, r => r.Key.Batch == 1);
        Assert.False(row.Paired);
        // Unpaired against one baseline without history: the same speed is "unknown, rerun paired", never a regression.
        Assert.Equal(Verdict.Inconclusive, row.Verdict);
        Assert.StartsWith("unknown, rerun paired", row.Note);
        Assert.Equal(CiOutcome.NoRegression, result.Outcome.ExitCode);
    }

    [Fact]
    public async Task PairedRun_FirstRunOfASuite_RunsUnpaired()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "a1");

        var candidate = await host.SubmitTinyAsync(FarmRuns.On("feature"), Paired(), 1);

        var assignment = (await agent.NextAsync(Kind.Assignment)).Assignment;
        Assert.Empty(assignment.ReferenceModelSha256);
        var info = await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = candidate });
        Assert.False(info.Metadata.ContainsKey("paired_baseline"));
    }

    [Fact]
    public async Task PairedRun_NamedBaselineMissing_NotFoundSayingWhatWasLookedFor()
    {
        await using var host = await CoordinatorHost.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => host.SubmitTinyAsync(FarmRuns.On("feature"), Paired("release-1"), 1));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("tagged 'release-1'", error.Status.Detail);
        Assert.Contains("a paired run needs a baseline", error.Status.Detail);
        Assert.Empty((await host.Control.ListCampaignsAsync(new ListCampaignsRequest())).Campaigns);
    }

    private static double[] Samples(Random random, double medianMs, int count = 150) =>
        [.. Enumerable.Range(0, count).Select(_ => medianMs * Math.Exp(0.03 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];

    private static JobResult Result(JobAssignment assignment, double[] own, double[] reference)
    {
        var sorted = own.Order().ToArray();
        var result = new JobResult
        {
            JobId = assignment.JobId, Attempt = assignment.Attempt, InputShape = "1x3x32x32", EnvironmentFingerprint = "test",
            ReferenceModelSha256 = assignment.ReferenceModelSha256,
            Summary = new MeasurementSummary
            {
                P50Ms = sorted[sorted.Length / 2], P90Ms = sorted[^2], P99Ms = sorted[^1], MeanMs = sorted.Average(), MinMs = sorted[0], MaxMs = sorted[^1],
                Samples = sorted.Length,
            },
        };
        result.SamplesMs.AddRange(own);
        result.ReferenceSamplesMs.AddRange(reference);
        return result;
    }
}
