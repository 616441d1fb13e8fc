using LowFormerBench.Core.Jobs;

namespace LowFormerBench.Coordinator.Canary;

/// <summary>
/// The canary (section "Coordinator:Canary"): a reference model each device runs every so many jobs or hours, so a
/// device whose speed drifts (a failing fan, a clock governor, a noisy neighbour) is seen, and can be quarantined,
/// before it pollutes every trend. Off unless <see cref="Model"/> is set.
/// </summary>
public sealed class CanaryOptions
{
    /// <summary>Built-in (zoo) model run as the canary; empty turns canaries off.</summary>
    public string Model { get; set; } = "";

    /// <summary>A canary after this many other jobs on a device; 0: not by count.</summary>
    public int EveryJobs { get; set; } = 50;

    /// <summary>A canary when a device's last one is this many hours old (an idle device too); 0: not by time.</summary>
    public double EveryHours { get; set; } = 24;

    public string Scenario { get; set; } = "latency";

    public int Batch { get; set; } = 1;

    public int Resolution { get; set; } = 224;

    public string Precision { get; set; } = "fp32";

    public string Provider { get; set; } = "CPUExecutionProvider";

    /// <summary>Smallest drift that counts, in percent (as <c>lfb ci --threshold</c>).</summary>
    public double ThresholdPercent { get; set; } = 5;

    /// <summary>Quarantine a device whose canary drifted (it then gets no jobs until an operator looks at it).</summary>
    public bool QuarantineOnDrift { get; set; }

    public bool Enabled => Model.Length > 0;

    public TimeSpan? Interval => EveryHours > 0 ? TimeSpan.FromHours(EveryHours) : null;

    /// <summary>Every bad setting, each with the key to fix.</summary>
    public IEnumerable<string> Validate(IEnumerable<string> zooNames)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!zooNames.Contains(Model, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"Coordinator:Canary:Model '{Model}' is not a built-in model; built-in models: {string.Join(", ", zooNames)}";
        }

        if (EveryJobs < 0 || EveryHours < 0 || (EveryJobs == 0 && EveryHours == 0))
        {
            yield return "Coordinator:Canary:EveryJobs and EveryHours must not be negative, and one of them must be positive";
        }

        if (!ScenarioNames.TryParse(Scenario, out _))
        {
            yield return $"Coordinator:Canary:Scenario must be latency or throughput, not '{Scenario}'";
        }

        if (Batch < 1 || Resolution < 8)
        {
            yield return "Coordinator:Canary:Batch must be at least 1 and Coordinator:Canary:Resolution at least 8";
        }

        if (!PrecisionNames.TryParse(Precision, out _))
        {
            yield return $"Coordinator:Canary:Precision must be fp32 or fp16, not '{Precision}'";
        }

        if (ThresholdPercent is <= 0 or >= 100)
        {
            yield return $"Coordinator:Canary:ThresholdPercent must be between 0 and 100, not {ThresholdPercent}";
        }
    }
}
