using Dapper;
using Google.Protobuf;
using LowFormerBench.ModelZoo;
using Grpc.Core;
using LowFormerBench.Protos.V1;
using Microsoft.Data.Sqlite;
using Xunit;
using Kind = LowFormerBench.Protos.V1.CoordinatorMessage.KindOneofCase;

namespace LowFormerBench.Coordinator.Tests.Gateway;

/// <summary>The dispatcher through its real gRPC gateway: leases, reports, loss and recovery.</summary>
public sealed class AgentGatewayTests(Postgres.PostgresServer postgres)
{
    [Fact]
    public async Task Connect_WrongToken_UnauthenticatedWithAMessageThatSaysWhatToFix()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "intruder", token: "guess");

        var error = await Assert.ThrowsAsync<RpcException>(() => agent.NextAsync(Kind.Welcome));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("--token", error.Status.Detail);
        Assert.Empty((await host.Control.ListAgentsAsync(new ListAgentsRequest())).Agents);
    }

    [Theory]
    [InlineData(Coordinator.Storage.StorageEngine.Sqlite)]
    [InlineData(Coordinator.Storage.StorageEngine.Postgres)]
    public async Task Result_SentTwice_StoredOnceAndCampaignSucceeds(Coordinator.Storage.StorageEngine engine)
    {
        await using var host = await CoordinatorHost.StartOnAsync(engine, postgres);
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await agent.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1);

        var assignment = (await agent.NextAsync(Kind.Assignment)).Assignment;
        await agent.ReportAsync(assignment);
        await agent.NextAsync(Kind.Ack);
        await agent.ReportAsync(assignment);
        await agent.NextAsync(Kind.Ack);

        var info = await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign });
        Assert.Equal(("succeeded", 1), (info.State, info.SucceededJobs));
        Assert.Single((await host.Control.QueryResultsAsync(new QueryResultsRequest { CampaignId = campaign })).Results);
    }

    [Fact]
    public async Task Campaign_StaysRunningUntilItsLastJobEnds_ThenStoredAsSucceeded()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        await agent.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1, 2);

        await agent.ReportAsync((await agent.NextAsync(Kind.Assignment)).Assignment);
        await agent.NextAsync(Kind.Ack);
        var midway = await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign });
        await agent.ReportAsync((await agent.NextAsync(Kind.Assignment)).Assignment);
        await agent.NextAsync(Kind.Ack);
        var done = await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign });

        Assert.Equal(("running", 1), (midway.State, midway.SucceededJobs));
        Assert.Equal(("succeeded", 2), (done.State, done.SucceededJobs));
        await using var db = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly;Pooling=False");
        Assert.NotNull(await db.ExecuteScalarAsync<long?>("SELECT finished_at_ms FROM campaigns WHERE id = @campaign", new { campaign }));
    }

    [Theory]
    [InlineData(Coordinator.Storage.StorageEngine.Sqlite)]
    [InlineData(Coordinator.Storage.StorageEngine.Postgres)]
    public async Task SilentAgent_LeaseLapses_JobRunsElsewhereAndLateResultIsNotStored(Coordinator.Storage.StorageEngine engine)
    {
        await using var host = await CoordinatorHost.StartOnAsync(engine, postgres, leaseTtlSeconds: 1.5);
        await using var silent = await WireAgent.ConnectAsync(host, "silent");
        await silent.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1);
        var first = (await silent.NextAsync(Kind.Assignment)).Assignment;
        await using var healthy = await WireAgent.ConnectAsync(host, "healthy");
        await healthy.NextAsync(Kind.Welcome);

        var second = (await healthy.NextAsync(Kind.Assignment, TimeSpan.FromSeconds(10))).Assignment;
        await silent.ReportAsync(first, p50Ms: 99);
        await silent.NextAsync(Kind.Ack);
        await healthy.ReportAsync(second, p50Ms: 2);
        await healthy.NextAsync(Kind.Ack);

        Assert.Equal((first.JobId, 1, 2), (second.JobId, first.Attempt, second.Attempt));
        var result = Assert.Single((await host.Control.QueryResultsAsync(new QueryResultsRequest { CampaignId = campaign })).Results);
        Assert.Equal(("healthy", 2, 2.0), (result.Agent, result.Attempt, result.Summary.P50Ms));
    }

    [Fact]
    public async Task JobThatKeepsLosingAgents_CrashLoopBreakerFailsItNamingThem()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 1, maxAttempts: 2);
        var campaign = await host.SubmitTinyAsync(1);
        foreach (var name in new[] { "crash-1", "crash-2" })
        {
            var agent = await WireAgent.ConnectAsync(host, name);
            await agent.NextAsync(Kind.Assignment);
            agent.Vanish();
        }

        var info = await WaitAsync(host, campaign, i => i.State != "running");
        var job = Assert.Single((await host.Control.ListJobsAsync(new GetCampaignRequest { CampaignId = campaign })).Jobs);

        Assert.Equal(("failed", 1), (info.State, info.FailedJobs));
        Assert.Contains("crash-loop breaker", job.Error);
        Assert.Contains("crash-1", job.Error);
    }

    [Fact]
    public async Task HandBack_DrainingAgent_JobGoesElsewhereWithoutSpendingAnAttempt()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var draining = await WireAgent.ConnectAsync(host, "draining");
        await draining.NextAsync(Kind.Welcome);
        await host.SubmitTinyAsync(1);
        var first = (await draining.NextAsync(Kind.Assignment)).Assignment;

        await draining.SendAsync(new AgentMessage { Failure = new JobFailure { JobId = first.JobId, Attempt = first.Attempt, Reason = "SIGTERM", HandedBack = true } });
        await draining.NextAsync(Kind.Ack);
        await using var other = await WireAgent.ConnectAsync(host, "other");
        var second = (await other.NextAsync(Kind.Assignment)).Assignment;

        Assert.Equal((first.JobId, 1, 1), (second.JobId, first.Attempt, second.Attempt));
        var agents = (await host.Control.ListAgentsAsync(new ListAgentsRequest())).Agents;
        Assert.Equal("draining", agents.Single(a => a.Name == "draining").State);
    }

    [Fact]
    public async Task ProviderNoAgentHas_CampaignSaysWhyItWaits()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await using var agent = await WireAgent.ConnectAsync(host, "cpu-only");
        await agent.NextAsync(Kind.Welcome);

        var info = await host.Control.SubmitCampaignAsync(new SubmitCampaignRequest
        {
            SuiteYaml = "{name: gpu, models: [mobilenetv3-large], scenarios: [latency], providers: [cuda]}",
        });
        var waiting = await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = info.Id });

        Assert.Equal(1, waiting.QueuedJobs);
        Assert.Contains("needs CUDAExecutionProvider; device has CPUExecutionProvider", Assert.Single(waiting.Unschedulable));
    }

    [Fact]
    public async Task Submit_MalformedSuite_InvalidArgumentNamingLineAndField()
    {
        await using var host = await CoordinatorHost.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Control.SubmitCampaignAsync(new SubmitCampaignRequest
        {
            SuiteYaml = "name: x\nmodels: [lowformer-b9]\nscenarios: [latency]\n", SuitePath = "s.yaml",
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("s.yaml:2:", error.Status.Detail);
        Assert.Contains("unknown built-in model 'lowformer-b9'", error.Status.Detail);
        Assert.Empty((await host.Control.ListCampaignsAsync(new ListCampaignsRequest())).Campaigns);
    }

    [Fact]
    public async Task Upload_NotAnOnnxFile_RefusedAndNothingStored()
    {
        await using var host = await CoordinatorHost.StartAsync();
        using var upload = host.Control.UploadModel();
        await upload.RequestStream.WriteAsync(new UploadModelChunk { DisplayName = "junk", Data = Google.Protobuf.ByteString.CopyFromUtf8("definitely not protobuf") });
        await upload.RequestStream.CompleteAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await upload);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("not an ONNX model", error.Status.Detail);
        Assert.Empty((await host.Control.ListModelsAsync(new ListModelsRequest())).Models);
        await using var db = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly;Pooling=False");
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM models"));
    }

    [Fact]
    public async Task Upload_GraphOnnxRuntimeCannotLoad_RefusedWithItsErrorAndCoordinatorKeepsServing()
    {
        await using var host = await CoordinatorHost.StartAsync();
        // Well-formed protobuf the counter reads (it warns on the unknown operator), but no runtime implements it.
        var model = TinyModel.Build();
        model.Graph.Node.First(n => n.OpType == "Relu").OpType = "NoSuchOperator";

        var error = await Assert.ThrowsAsync<RpcException>(async () => await UploadAsync(host, "broken", model.ToByteArray()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("'broken' was refused", error.Status.Detail);
        Assert.Contains("ONNX Runtime", error.Status.Detail);
        Assert.Contains("NoSuchOperator", error.Status.Detail);
        Assert.Empty((await host.Control.ListModelsAsync(new ListModelsRequest())).Models);
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.GetDirectoryName(host.DatabasePath)!, "*", SearchOption.AllDirectories),
            f => Path.GetFileName(f).StartsWith(Sha256Prefix(model.ToByteArray()), StringComparison.Ordinal));
        Assert.NotEmpty((await UploadAsync(host, "tiny", TinyModel.Build().ToByteArray())).Sha256);
    }

    [Fact]
    public async Task Upload_TruncatedFile_RefusedAndNothingStored()
    {
        await using var host = await CoordinatorHost.StartAsync();
        var bytes = TinyModel.Build().ToByteArray();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await UploadAsync(host, "cut", bytes[..(bytes.Length / 2)]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("'cut' was refused", error.Status.Detail);
        Assert.Empty((await host.Control.ListModelsAsync(new ListModelsRequest())).Models);
    }

    private static async Task<ModelInfo> UploadAsync(CoordinatorHost host, string name, byte[] bytes)
    {
        using var upload = host.Control.UploadModel();
        await upload.RequestStream.WriteAsync(new UploadModelChunk { DisplayName = name, Data = Google.Protobuf.ByteString.CopyFrom(bytes) });
        await upload.RequestStream.CompleteAsync();
        return await upload;
    }

    private static string Sha256Prefix(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16];

    private static async Task<CampaignInfo> WaitAsync(CoordinatorHost host, long campaign, Func<CampaignInfo, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var info = await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign });
            if (done(info) || DateTime.UtcNow > deadline)
            {
                return info;
            }

            await Task.Delay(100);
        }
    }
}
