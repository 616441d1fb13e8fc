using Grpc.Core;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Coordinator.Tests.Gateway;
using LowFormerBench.Core.Security;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Kind = LowFormerBench.Protos.V1.CoordinatorMessage.KindOneofCase;

namespace LowFormerBench.Coordinator.Tests.Security;

/// <summary>Issue 14, defect 2: DownloadModel reads only the store's blobs, named by a parsed digest, and counts bytes for the caller it authenticated.</summary>
public sealed class ModelDownloadTests
{
    [Fact]
    public async Task DownloadModel_RelativeTraversal_RefusedAsNotADigest_NothingRead()
    {
        await using var host = await CoordinatorHost.StartAsync();
        // Beside the database, one folder above the model store: what "../secret" would name.
        var secret = Path.Combine(Path.GetDirectoryName(host.DatabasePath)!, "secret.onnx");
        await File.WriteAllTextAsync(secret, "not for agents", TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<RpcException>(() => DownloadAsync(host, "../secret"));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("'../secret' is not a SHA-256", refused.Status.Detail);
    }

    [Fact]
    public async Task DownloadModel_AbsolutePath_RefusedAsNotADigest_NoFoundOrNotFoundOracle()
    {
        await using var host = await CoordinatorHost.StartAsync();
        var directory = Directory.CreateTempSubdirectory("lfb-outside");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "secret.onnx"), "not for agents", TestContext.Current.CancellationToken);

            var existing = await Assert.ThrowsAsync<RpcException>(() => DownloadAsync(host, Path.Combine(directory.FullName, "secret")));
            var missing = await Assert.ThrowsAsync<RpcException>(() => DownloadAsync(host, Path.Combine(directory.FullName, "nothing")));

            // An existing and a missing file outside the store answer alike: the answer says nothing about the disk.
            Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (existing.StatusCode, missing.StatusCode));
            Assert.Contains("is not a SHA-256", existing.Status.Detail);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task DownloadModel_UpperCaseOrShortDigest_Refused_LowerCaseDigestServed()
    {
        await using var host = await CoordinatorHost.StartAsync();
        var models = await host.Control.ListModelsAsync(new ListModelsRequest());
        await host.SubmitTinyAsync(1);
        var sha = Assert.Single((await host.Control.ListModelsAsync(new ListModelsRequest())).Models).Sha256;

        var upper = await Assert.ThrowsAsync<RpcException>(() => DownloadAsync(host, sha.ToUpperInvariant()));
        var bytes = await DownloadAsync(host, sha);

        Assert.Empty(models.Models);
        Assert.Equal(StatusCode.InvalidArgument, upper.StatusCode);
        Assert.Equal(sha, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task DownloadModel_FarmTokenNamingAnAgentWithItsOwnToken_NotCountedForIt()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30);
        var (_, tokenB) = await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync("agent-b", ApiRole.Agent);
        await using var b = await WireAgent.ConnectAsync(host, "agent-b", tokenB);
        await b.NextAsync(Kind.Welcome);
        await host.SubmitTinyAsync(1);
        var sha = (await b.NextAsync(Kind.Assignment)).Assignment.ModelSha256;

        var farmBytes = await DownloadAsync(host, sha, agentName: "agent-b");
        var afterFarm = await DownloadedAsync(host, "agent-b");
        var ownBytes = await DownloadAsync(host, sha, token: tokenB, agentName: "someone-else");
        var afterOwn = await DownloadedAsync(host, "agent-b");

        Assert.True(farmBytes.Length > 0);
        Assert.Equal(0, afterFarm);
        Assert.Equal(ownBytes.Length, afterOwn);
    }

    private static async Task<long> DownloadedAsync(CoordinatorHost host, string agent) =>
        (await host.Control.ListAgentsAsync(new ListAgentsRequest())).Agents.Single(a => a.Name == agent).DownloadedBytes;

    private static async Task<byte[]> DownloadAsync(CoordinatorHost host, string sha, string token = CoordinatorHost.Token, string agentName = "x")
    {
        using var call = new AgentGateway.AgentGatewayClient(host.Channel).DownloadModel(new DownloadModelRequest { Token = token, Sha256 = sha, AgentName = agentName });
        using var bytes = new MemoryStream();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            chunk.Data.WriteTo(bytes);
        }

        return bytes.ToArray();
    }
}
