using LowFormerBench.Coordinator.Campaigns;
using LowFormerBench.Coordinator.Farm;
using LowFormerBench.Coordinator.Grpc;
using LowFormerBench.Coordinator.Models;
using LowFormerBench.Coordinator.Scheduling;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Queries;
using LowFormerBench.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator;

/// <summary>
/// Everything the coordinator is, in one place: `lfb up`, the service host and the tests build the same app.
/// </summary>
public static class CoordinatorHostExtensions
{
    /// <summary>gRPC messages up to 64 MiB: a result with every sample of a long run, or a model chunk, fits well inside.</summary>
    public const int MaxMessageBytes = 64 << 20;

    public static WebApplicationBuilder AddCoordinator(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CoordinatorOptions>().BindConfiguration(CoordinatorOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CoordinatorOptions>, CoordinatorOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SqliteConnectionFactory(sp.GetRequiredService<IOptions<CoordinatorOptions>>().Value.DatabasePath));
        services.AddSingleton(sp => new ModelBlobStore(sp.GetRequiredService<IOptions<CoordinatorOptions>>().Value.ResolvedModelStoreDirectory));
        services.AddSingleton<Migrator>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<ResultStore>();
        services.AddSingleton<ResultQueries>();
        services.AddSingleton<Regression.CampaignComparison>();
        services.AddSingleton<JobQueries>();
        services.AddSingleton<ModelRecordStore>();
        services.AddSingleton<AgentStore>();
        services.AddSingleton<CanaryQueries>();
        services.AddSingleton<Canary.CanaryPlan>();
        services.AddSingleton<ModelLibrary>();
        services.AddSingleton<CampaignFeed>();
        services.AddSingleton<IFarmFeed>(sp => sp.GetRequiredService<CampaignFeed>());
        services.AddSingleton<IDashboardQueries, DashboardQueries>();
        services.AddSingleton<IFarmControl, FarmControl>();
        services.AddSingleton<SchedulingPolicies>();
        services.AddSingleton<Dispatcher>();
        services.AddSingleton<CampaignSubmitter>();
        services.AddSingleton<AgentTokenCheck>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<Security.AccessPolicy>();
        services.AddSingleton<Core.Security.IAccessPolicy>(sp => sp.GetRequiredService<Security.AccessPolicy>());
        services.AddSingleton<Security.CallerRateLimiter>();
        services.AddSingleton<Security.AgentKeyRevocations>();
        services.AddHostedService(sp => sp.GetRequiredService<Security.AgentKeyRevocations>());
        services.AddHostedService<DispatcherStartup>();
        services.AddHostedService<LeaseSweeper>();
        services.AddGrpc(o =>
        {
            o.EnableDetailedErrors = false;
            o.Interceptors.Add<ControlAuthInterceptor>();
        });
        services.AddOptions<global::Grpc.AspNetCore.Server.GrpcServiceOptions>().Configure<IOptions<CoordinatorOptions>>((grpc, coordinator) =>
        {
            grpc.MaxReceiveMessageSize = coordinator.Value.MaxMessageBytes;
            grpc.MaxSendMessageSize = coordinator.Value.MaxMessageBytes;
        });
        // Dashboard sign-in cookies are protected with keys kept beside the database: a restart keeps browsers signed in.
        var databasePath = Path.GetFullPath(builder.Configuration[$"{CoordinatorOptions.SectionName}:{nameof(CoordinatorOptions.DatabasePath)}"] ?? "lowformerbench.db");
        services.AddDataProtection().SetApplicationName("LowFormerBench")
            .PersistKeysToFileSystem(new DirectoryInfo(databasePath + ".dataprotection-keys"));
        builder.AddDashboard();
        return builder;
    }

    public static WebApplication MapCoordinator(this WebApplication app)
    {
        app.MapGrpcService<AgentGatewayGrpcService>();
        app.MapGrpcService<ControlGrpcService>();
        app.MapGet("/healthz", () => "ok");
        // Browsers speak HTTP/1.1 on cleartext and gRPC speaks HTTP/2: a host serving both on one port must listen
        // with HttpProtocols.Http1AndHttp2 (Kestrel's default), not Http2 only.
        app.MapDashboard();
        return app;
    }
}
