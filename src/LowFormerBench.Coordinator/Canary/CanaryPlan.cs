using LowFormerBench.Coordinator.Models;
using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Regression;
using LowFormerBench.Core.Scheduling;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator.Canary;

/// <summary>The canary job every device runs: its model built and stored once at start-up, then stamped per device.</summary>
public sealed class CanaryPlan(ModelLibrary library, IOptions<CoordinatorOptions> options, TimeProvider time)
{
    public const string CampaignName = "canary";

    private CanaryOptions Options => options.Value.Canary;

    /// <summary>What a canary measures (any device); null while canaries are off or not prepared.</summary>
    public JobSpec? Template { get; private set; }

    public RegressionOptions Verdicts => RegressionOptions.Default with { Threshold = Options.ThresholdPercent / 100 };

    /// <summary>When each device's canary is due; off until the canary is prepared.</summary>
    public CanarySchedule Schedule { get; private set; } = CanarySchedule.Off;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (!Options.Enabled)
        {
            return;
        }

        // Options.Validate checked the strings; parsed here, at the configuration edge.
        var precision = PrecisionNames.Parse(Options.Precision);
        var model = await library.EnsureBuiltInAsync(Options.Model, Options.Resolution, precision, cancellationToken);
        ScenarioNames.TryParse(Options.Scenario, out var scenario);
        Template = new JobSpec(model.Sha256, $"{model.DisplayName} (canary)", scenario, Options.Batch, Options.Resolution, precision,
            Options.Provider, new Dictionary<string, string>(), DeviceSelector.Any, MeasurementBudget.Default);
        Schedule = new CanarySchedule(Options.EveryJobs, Options.Interval, time);
    }

    /// <summary>The canary pinned to one device, or null when that device cannot run it (another provider).</summary>
    public JobSpec? For(string agentName, DeviceCapabilities capabilities)
    {
        if (Template is not { } template)
        {
            return null;
        }

        var pinned = template with { Selector = new DeviceSelector(AgentName: agentName) };
        return JobMatcher.Matches(pinned, agentName, capabilities) ? pinned : null;
    }
}
