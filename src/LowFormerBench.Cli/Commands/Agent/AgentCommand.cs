using System.CommandLine;
using LowFormerBench.Agent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Cli.Commands.Agent;

/// <summary>
/// <c>lfb agent --coordinator URL --token T [--name N] [--cache DIR] [--label k=v ...] [--native-library PATH]</c>: this machine as a device of
/// the farm, in the foreground. Flags become "Agent:*" configuration keys over appsettings.json and Agent__* environment
/// variables, so the service, <c>lfb up</c> and this command read the same settings.
/// </summary>
public static class AgentCommand
{
    public static Command Create()
    {
        var coordinator = new Option<string>("--coordinator", "-c") { Description = "The coordinator's URL, e.g. http://coordinator:5000", HelpName = "url" };
        var token = new Option<string>("--token")
        {
            Description = "The farm's token, as the coordinator was started with (Agent__Token in the environment keeps it out of ps)",
        };
        var name = new Option<string>("--name") { Description = "This agent's unique name in the farm (default: the host name)" };
        var cache = new Option<string>("--cache") { Description = "Folder for downloaded models (default: ~/.cache/lowformerbench/models)", HelpName = "dir" };
        var labels = new Option<string[]>("--label")
        {
            Description = "A key=value label campaigns can select this device by; repeat for more", HelpName = "key=value",
        };
        labels.Validators.Add(result =>
        {
            foreach (var label in result.Tokens.Select(t => t.Value).Where(l => LabelArgument.TryParse(l) is null))
            {
                result.AddError($"--label expects key=value with a key free of ':' and '=', not '{label}'");
            }
        });
        var clientCertificate = new Option<string>("--client-cert")
        {
            Description = "Client certificate (PEM or .pfx) for a coordinator that requires mutual TLS of its agents", HelpName = "file",
        };
        var clientKey = new Option<string>("--client-key") { Description = "PEM private key of --client-cert, when not in the same file", HelpName = "file" };
        var ca = new Option<string>("--ca") { Description = "PEM CA that issued the coordinator's certificate (a farm's own CA)", HelpName = "file" };
        var nativeLibrary = new Option<string>("--native-library")
        {
            Description = "The device's own libonnxruntime.so (JetPack's GPU build on a Jetson) instead of the packaged CPU build", HelpName = "path",
        };
        var sampling = new Option<double?>("--sampling-interval")
        {
            Description = "Milliseconds between tegrastats / nvidia-smi samples during a job; 0 turns sampling off (default 1000)", HelpName = "ms",
        };
        var command = new Command("agent", "Run this machine as a benchmark device: dial the coordinator and measure the jobs it assigns")
        {
            coordinator, token, name, cache, labels, clientCertificate, clientKey, ca, nativeLibrary, sampling,
        };

        // Synchronous on purpose: System.CommandLine gives an asynchronous action 2 s after SIGTERM or Ctrl+C before
        // it exits with 130, which would cut the drain short. The host handles those signals itself and drains.
        command.SetAction(parse =>
        {
            var settings = new Dictionary<string, string?>();
            Set(settings, nameof(AgentOptions.CoordinatorUrl), parse.GetValue(coordinator));
            Set(settings, nameof(AgentOptions.Token), parse.GetValue(token));
            Set(settings, nameof(AgentOptions.Name), parse.GetValue(name));
            Set(settings, nameof(AgentOptions.CacheDirectory), parse.GetValue(cache));
            Set(settings, nameof(AgentOptions.ClientCertificatePath), parse.GetValue(clientCertificate));
            Set(settings, nameof(AgentOptions.ClientKeyPath), parse.GetValue(clientKey));
            Set(settings, nameof(AgentOptions.CaCertificatePath), parse.GetValue(ca));
            Set(settings, nameof(AgentOptions.NativeLibraryPath), parse.GetValue(nativeLibrary));
            Set(settings, nameof(AgentOptions.SamplingIntervalMs), parse.GetValue(sampling)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in (parse.GetValue(labels) ?? []).Select(l => LabelArgument.TryParse(l)!.Value))
            {
                Set(settings, $"{nameof(AgentOptions.Labels)}:{key}", value);
            }

            return Run(settings);
        });
        return command;
    }

    private static int Run(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddAgent(builder.Configuration);
        using var host = builder.Build();
        try
        {
            _ = host.Services.GetRequiredService<IOptions<AgentOptions>>().Value; // every bad setting named, before anything starts
            host.Run();
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                Console.Error.WriteLine($"lfb: error: {failure}");
            }

            return AgentExitCodes.InvalidConfiguration;
        }

        return Environment.ExitCode;
    }

    private static void Set(Dictionary<string, string?> settings, string key, string? value)
    {
        if (value is not null)
        {
            settings[$"{AgentOptions.SectionName}:{key}"] = value;
        }
    }
}
