using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LowFormerBench.Coordinator;

/// <summary>A coordinator web app on one address and port: shared by <c>lfb up</c>, the benchmarks and the tests.</summary>
public static class CoordinatorServer
{
    /// <summary>
    /// A builder with the coordinator registered on one port: HTTP/1.1 for the dashboard's browsers and h2c for gRPC
    /// (the agents' bidirectional streams need HTTP/2), told apart by <see cref="CleartextHttp2"/>; or, with
    /// Coordinator:Tls:CertificatePath set, HTTPS with both protocols chosen by ALPN (<see cref="CoordinatorTls"/>).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(IPAddress address, int port, IReadOnlyDictionary<string, string?> settings, LogLevel minimumLevel)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(minimumLevel).AddFilter("Microsoft", LogLevel.Warning).AddFilter("Grpc", LogLevel.Warning)
            // Kestrel warns at start that h2c needs TLS: not so on this endpoint (CleartextHttp2), and a false warning misleads.
            .AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);
        var tls = builder.Configuration.GetSection($"{CoordinatorOptions.SectionName}:{nameof(CoordinatorOptions.Tls)}").Get<TlsOptions>() ?? new TlsOptions();
        if (tls.Validate().ToList() is { Count: > 0 } problems)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(CoordinatorOptions.SectionName, typeof(CoordinatorOptions), problems);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port, listen =>
        {
            if (tls.Enabled)
            {
                listen.UseCoordinatorTls(tls);
            }
            else
            {
                listen.UseHttp1AndCleartextHttp2();
            }
        }));
        builder.AddCoordinator();

        // Under systemd (deploy/systemd, Type=notify) READY=1 is sent once Kestrel listens; elsewhere this does nothing.
        builder.Services.AddSystemd();
        return builder;
    }

    /// <summary>A loopback port free at this moment (for tests and in-process farms).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
