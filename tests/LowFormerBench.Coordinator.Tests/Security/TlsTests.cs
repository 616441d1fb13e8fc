using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using LowFormerBench.Coordinator.Tests.Gateway;
using LowFormerBench.Core.Security;
using LowFormerBench.Protos.V1;
using Xunit;
using Kind = LowFormerBench.Protos.V1.CoordinatorMessage.KindOneofCase;

namespace LowFormerBench.Coordinator.Tests.Security;

/// <summary>TLS and mutual TLS on the coordinator's one port, with certificates made in the test, over real loopback.</summary>
public sealed class TlsTests
{
    private static SocketsHttpHandler Trusting(TestCertificates farm, System.Security.Cryptography.X509Certificates.X509Certificate2? client = null) => new()
    {
        SslOptions = new System.Net.Security.SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = CertificateTrust.TrustOnly(CertificateTrust.LoadPemBundle(farm.CaPath)),
            ClientCertificates = client is null ? null : [client],
        },
    };

    private static Dictionary<string, string?> TlsSettings(TestCertificates farm, bool mutual)
    {
        var (certificate, key) = farm.IssueServer();
        var settings = new Dictionary<string, string?> { ["Coordinator:Tls:CertificatePath"] = certificate, ["Coordinator:Tls:KeyPath"] = key };
        if (mutual)
        {
            settings["Coordinator:Tls:AgentClientCaPath"] = farm.CaPath;
        }

        return settings;
    }

    [Fact]
    public async Task Tls_GrpcOverHttp2AndBrowserOverHttp1_OnOnePort()
    {
        using var farm = new TestCertificates("farm-ca");
        await using var host = await CoordinatorHost.StartAsync(settings: TlsSettings(farm, mutual: false), handler: Trusting(farm));

        var campaigns = await host.Control.ListCampaignsAsync(new ListCampaignsRequest());
        await using var agent = await WireAgent.ConnectAsync(host, "a1");
        var welcome = await agent.NextAsync(Kind.Welcome);
        using var browser = new HttpClient(Trusting(farm)) { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var page = await browser.GetAsync(host.Url + "/healthz");

        Assert.StartsWith("https://", host.Url);
        Assert.Empty(campaigns.Campaigns);
        Assert.Equal(Kind.Welcome, welcome.KindCase);
        Assert.Equal(HttpVersion.Version11, page.Version);
        Assert.Equal("ok", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tls_ClientTrustingAnotherCa_RefusesTheCoordinator()
    {
        using var farm = new TestCertificates("farm-ca");
        using var stranger = new TestCertificates("stranger-ca");
        await using var host = await CoordinatorHost.StartAsync(settings: TlsSettings(farm, mutual: false), handler: Trusting(farm));
        using var channel = GrpcChannel.ForAddress(host.Url, new GrpcChannelOptions { HttpHandler = Trusting(stranger) });

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await new Control.ControlClient(channel).ListCampaignsAsync(new ListCampaignsRequest()));
        var stillServing = await host.Control.ListCampaignsAsync(new ListCampaignsRequest());

        // Grpc.Net.Client reports a failed handshake as Internal or Unavailable, depending on where it failed.
        Assert.Contains(refused.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.Contains("SSL", refused.Status.Detail);
        Assert.Empty(stillServing.Campaigns);
    }

    [Fact]
    public async Task MutualTls_AgentWithFarmCertificateAccepted_WithoutOneRefused_OtherCaRefused_CliNeedsNone()
    {
        using var farm = new TestCertificates("farm-ca");
        using var stranger = new TestCertificates("stranger-ca");
        await using var host = await CoordinatorHost.StartAsync(settings: TlsSettings(farm, mutual: true), handler: Trusting(farm));
        using var good = GrpcChannel.ForAddress(host.Url, new GrpcChannelOptions { HttpHandler = Trusting(farm, farm.LoadClient("pi5")) });
        using var foreign = GrpcChannel.ForAddress(host.Url, new GrpcChannelOptions { HttpHandler = Trusting(farm, stranger.LoadClient("intruder")) });

        await using var accepted = await WireAgent.ConnectAsync(good, "pi5");
        var welcome = await accepted.NextAsync(Kind.Welcome);
        await using var bare = await WireAgent.ConnectAsync(host, "bare");
        var noCertificate = await Assert.ThrowsAsync<RpcException>(() => bare.NextAsync(Kind.Welcome));
        var otherCa = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await using var agent = await WireAgent.ConnectAsync(foreign, "intruder");
            await agent.NextAsync(Kind.Welcome);
        });
        var cli = await host.Control.ListAgentsAsync(new ListAgentsRequest());

        Assert.Equal(Kind.Welcome, welcome.KindCase);
        Assert.Equal(StatusCode.Unauthenticated, noCertificate.StatusCode);
        Assert.Contains("Agent:ClientCertificatePath", noCertificate.Status.Detail);
        // With TLS 1.3 the server refuses the certificate after the client finished its side of the handshake: the
        // client sees the connection fail at its first read or write, reported as one of these; never a Welcome.
        Assert.Contains(otherCa.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal, StatusCode.Unknown, StatusCode.Cancelled });
        Assert.Equal(["pi5"], cli.Agents.Select(a => a.Name));
    }
}
