using LowFormerBench.Coordinator.Models;
using LowFormerBench.Coordinator.Scheduling;
using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Regression;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator.Canary;

/// <summary>The canary job every device runs: its model built and stored once at start-up, then stamped per device.</summary>
public sealed class CanaryPlan(ModelLibrary library, IOptions<CoordinatorOptions> options)
{
    public const string CampaignName = "canary";

    private CanaryOptions Options => options.Value.Canary;

    /// <summary>What a canary measures (any device); null while canaries are off or not prepared.</summary>
    public JobSpec? Template { get; private set; }

    public RegressionOptions Verdicts => RegressionOptions.Default with { Threshold = Options.ThresholdPercent / 100 };

    public int EveryJobs => Options.EveryJobs;

    public TimeSpan? Interval => Options.Interval;

    public bool QuarantineOnDrift => Options.QuarantineOnDrift;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (!Options.Enabled)
        {
            return;
        }

        var model = await library.EnsureBuiltInAsync(Options.Model, Options.Resolution, Options.Precision, cancellationToken);
        ScenarioNames.TryParse(Options.Scenario, out var scenario);
        Template = new JobSpec(model.Sha256, $"{model.DisplayName} (canary)", scenario, Options.Batch, Options.Resolution, Options.Precision,
            Options.Provider, new Dictionary<string, string>(), DeviceSelector.Any, MeasurementBudget.Default);
    }

    /// <summary>The canary pinned to one device, or null when that device cannot run it (another provider).</summary>
    public JobSpec? For(AgentSession session)
    {
        if (Template is not { } template)
        {
            return null;
        }

        var pinned = template with { Selector = new DeviceSelector(AgentName: session.Name) };
        return Core.Scheduling.JobMatcher.Matches(pinned, session.Name, session.Capabilities) ? pinned : null;
    }
}
