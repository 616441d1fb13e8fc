using LowFormerBench.Coordinator.Tests.Gateway;
using LowFormerBench.Core.Regression;
using LowFormerBench.Protos.V1;
using Xunit;
using Kind = LowFormerBench.Protos.V1.CoordinatorMessage.KindOneofCase;

namespace LowFormerBench.Coordinator.Tests.Regression;

/// <summary><c>lfb ci</c>'s exit codes over the real coordinator, with an agent at the wire level reporting chosen samples.</summary>
public sealed class CiRunTests
{
    [Fact]
    public async Task Finish_CandidateLikeBaseline_ExitZero()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        var baseline = await FarmRuns.RunAsync(host, agent, FarmRuns.On("main"), seed: 1, _ => 2.0);
        var candidate = await FarmRuns.RunAsync(host, agent, FarmRuns.On("feature"), seed: 2, _ => 2.0);

        var result = await FarmRuns.FinishAsync(host, candidate);

        Assert.Equal(CiOutcome.NoRegression, result.Outcome.ExitCode);
        Assert.Equal(baseline, result.Report!.BaselineCampaignId);
        Assert.Equal(2, result.Report.Rows.Count);
        Assert.DoesNotContain(result.Report.Rows, r => r.Verdict is Verdict.Slower or Verdict.Faster);
        Assert.All(result.Report.Rows, r => Assert.Equal(100, r.CandidateSamples));
    }

    [Fact]
    public async Task Finish_OneRowTwiceAsSlow_ExitOneNamingTheRow()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await FarmRuns.RunAsync(host, agent, FarmRuns.On("main"), seed: 1, _ => 2.0);
        // One baseline and no history: only an effect beyond the assumed run-to-run spread (issue 14) is called slower.
        var candidate = await FarmRuns.RunAsync(host, agent, FarmRuns.On("feature"), seed: 2, batch => batch == 2 ? 4.0 : 2.0);

        var result = await FarmRuns.FinishAsync(host, candidate);

        Assert.Equal(CiOutcome.Regression, result.Outcome.ExitCode);
        var slower = Assert.Single(result.Report!.Regressions);
        Assert.Equal(2, slower.Key.Batch);
        Assert.Contains("tiny on a1: latency b2", result.Outcome.Message);
    }

    [Fact]
    public async Task Finish_FingerprintChanged_EnvironmentChangedNotRegression()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await FarmRuns.RunAsync(host, agent, FarmRuns.On("main"), seed: 1, _ => 2.0);
        var candidate = await FarmRuns.RunAsync(host, agent, FarmRuns.On("feature"), seed: 2, _ => 3.0, fingerprint: "new-driver");

        var result = await FarmRuns.FinishAsync(host, candidate);

        Assert.Equal(CiOutcome.NoRegression, result.Outcome.ExitCode);
        Assert.All(result.Report!.Rows, r => Assert.Equal(Verdict.EnvironmentChanged, r.Verdict));
    }

    [Fact]
    public async Task Finish_ThreeMainCampaigns_RunToRunNoiseInTheInterval()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        foreach (var (seed, median) in new[] { (1, 2.0), (3, 2.1), (4, 1.95) })
        {
            await FarmRuns.RunAsync(host, agent, FarmRuns.On("main"), seed, _ => median);
        }

        var candidate = await FarmRuns.RunAsync(host, agent, FarmRuns.On("feature"), seed: 2, _ => 2.0);

        var result = await FarmRuns.FinishAsync(host, candidate);

        Assert.Equal(3, result.Report!.HistoryCampaigns);
        Assert.All(result.Report.Rows, r => Assert.InRange(r.RunToRunSpread!.Value, 0.01, 0.1));
    }

    [Fact]
    public async Task Finish_BaselineByTagOrId_ComparesWithThatCampaign()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        var tagged = await FarmRuns.RunAsync(host, agent, FarmRuns.On("release", "v1.0,nightly"), seed: 1, _ => 2.0);
        var latestMain = await FarmRuns.RunAsync(host, agent, FarmRuns.On("main"), seed: 3, _ => 2.0);
        var candidate = await FarmRuns.RunAsync(host, agent, FarmRuns.On("feature"), seed: 2, _ => 2.0);

        var byTag = await FarmRuns.FinishAsync(host, candidate, FarmRuns.Options with { Baseline = "v1.0" });
        var byId = await FarmRuns.FinishAsync(host, candidate, FarmRuns.Options with { Baseline = latestMain.ToString() });

        Assert.Equal(tagged, byTag.Report!.BaselineCampaignId);
        Assert.Equal(latestMain, byId.Report!.BaselineCampaignId);
    }

    [Fact]
    public async Task Finish_NoBaselineYet_ExitZeroSayingSo()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        var candidate = await FarmRuns.RunAsync(host, agent, FarmRuns.On("feature"), seed: 2, _ => 2.0);

        var result = await FarmRuns.FinishAsync(host, candidate);

        Assert.Equal(CiOutcome.NoRegression, result.Outcome.ExitCode);
        Assert.Null(result.Report);
        Assert.Contains("no baseline", result.Outcome.Message);
    }

    [Fact]
    public async Task Finish_UnknownBaselineTag_ExitTwo()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        var candidate = await FarmRuns.RunAsync(host, agent, FarmRuns.On("feature"), seed: 2, _ => 2.0);

        var result = await FarmRuns.FinishAsync(host, candidate, FarmRuns.Options with { Baseline = "no-such-tag" });

        Assert.Equal(CiOutcome.RunFailed, result.Outcome.ExitCode);
        Assert.Contains("tagged 'no-such-tag'", result.Outcome.Message);
    }

    [Fact]
    public async Task Finish_JobFailed_ExitTwoWithTheAgentsReason()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        var campaign = await host.SubmitTinyAsync(FarmRuns.On("feature"), 1);
        var assignment = (await agent.NextAsync(Kind.Assignment)).Assignment;
        await agent.SendAsync(new AgentMessage
        {
            Failure = new JobFailure { JobId = assignment.JobId, Attempt = assignment.Attempt, Reason = "model needs opset 21", Permanent = true },
        });

        var result = await FarmRuns.FinishAsync(host, campaign);

        Assert.Equal(CiOutcome.RunFailed, result.Outcome.ExitCode);
        Assert.Contains("model needs opset 21", result.Outcome.Message);
    }

    [Fact]
    public async Task Finish_NoAgentCanRunIt_ExitTwoNamingWhyAndCancels()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "cpu-only");
        await agent.NextAsync(Kind.Welcome);
        var info = await host.Control.SubmitCampaignAsync(new SubmitCampaignRequest
        {
            SuiteYaml = "{name: gpu, models: [mobilenetv3-large], scenarios: [latency], providers: [cuda]}",
        });

        var result = await FarmRuns.FinishAsync(host, info.Id);

        Assert.Equal(CiOutcome.RunFailed, result.Outcome.ExitCode);
        Assert.Contains("no connected agent can run 1 job(s)", result.Outcome.Message);
        Assert.Contains("needs CUDAExecutionProvider", result.Outcome.Message);
        Assert.Equal("cancelled", (await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = info.Id })).State);
    }
}
