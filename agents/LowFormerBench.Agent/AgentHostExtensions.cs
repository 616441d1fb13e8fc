using System.Globalization;
using LowFormerBench.Agent.Connection;
using LowFormerBench.Agent.Jobs;
using LowFormerBench.Agent.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Agent;

/// <summary>
/// Everything the agent is, in one place: its own process (Program.cs, <c>lfb agent</c>), <c>lfb up</c> (inside the
/// coordinator's process) and the tests build the same services.
/// </summary>
public static class AgentHostExtensions
{
    /// <summary>
    /// Registers the agent and its <see cref="GatewayConnection"/> hosted service, bound to the "Agent" section of
    /// <paramref name="configuration"/> and validated at start. An <see cref="IJobMeasurer"/> registered before this call
    /// is kept (tests pass a fake).
    /// </summary>
    public static IServiceCollection AddAgent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentOptions>, NativeLibrarySelection>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CoordinatorChannel>();
        services.TryAddSingleton<IModelSource, GrpcModelSource>();
        services.TryAddSingleton<ModelCache>();
        services.TryAddSingleton<ReconnectBackoff>(_ => new ReconnectBackoff());
        services.TryAddSingleton<AgentOutbox>();
        services.TryAddSingleton<DeviceTemperature>(_ => new DeviceTemperature());
        services.TryAddSingleton<IJobMeasurer, LoopJobMeasurer>();
        services.TryAddSingleton<JobRunner>();
        services.TryAddSingleton<JobSlot>();
        services.AddHostedService<GatewayConnection>();

        // The host's default 30 s would cut a drain short: allow the grace, the last report's acknowledgement and the close.
        // Read from configuration directly, since resolving the options here would validate them before the host starts.
        var grace = double.TryParse(configuration[$"{AgentOptions.SectionName}:{nameof(AgentOptions.DrainGraceSeconds)}"],
            NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? seconds : AgentOptions.DefaultDrainGraceSeconds;
        services.PostConfigure<HostOptions>(host =>
        {
            var needed = GatewayConnection.ShutdownAllowance(TimeSpan.FromSeconds(grace));
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        return services;
    }
}
