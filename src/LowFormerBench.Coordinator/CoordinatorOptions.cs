using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator;

/// <summary>Coordinator settings (section "Coordinator"); CLI flags of <c>lfb up</c> map onto these keys.</summary>
public sealed class CoordinatorOptions
{
    public const string SectionName = "Coordinator";

    /// <summary>SQLite file holding everything but model bytes.</summary>
    public string DatabasePath { get; set; } = "lowformerbench.db";

    /// <summary>Content-addressed model files; default: a "models" folder beside the database.</summary>
    public string? ModelStoreDirectory { get; set; }

    /// <summary>The farm token agents present in their Hello.</summary>
    public string AgentToken { get; set; } = "";

    /// <summary>Bearer token the Control API asks of every caller (CLI, CI); empty leaves it open, as on a lab network.</summary>
    public string ControlToken { get; set; } = "";

    /// <summary>A lease lapses when an agent is silent this long; the job is then queued again.</summary>
    public double LeaseTtlSeconds { get; set; } = 15;

    /// <summary>How often agents send heartbeats (well inside the lease).</summary>
    public double HeartbeatIntervalSeconds { get; set; } = 3;

    /// <summary>Attempts a job gets before it is failed (crash-loop breaker).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Consecutive failed or lost jobs after which an agent is quarantined.</summary>
    public int QuarantineAfterFailures { get; set; } = 3;

    /// <summary>Largest model file accepted by upload.</summary>
    public long MaxModelBytes { get; set; } = 2L << 30;

    /// <summary>The per-device reference model (section "Coordinator:Canary"); off unless its Model is set.</summary>
    public Canary.CanaryOptions Canary { get; set; } = new();

    public string ResolvedModelStoreDirectory =>
        ModelStoreDirectory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DatabasePath))!, "models");

    public TimeSpan LeaseTtl => TimeSpan.FromSeconds(LeaseTtlSeconds);

    public TimeSpan HeartbeatInterval => TimeSpan.FromSeconds(HeartbeatIntervalSeconds);
}

/// <summary>Reports every bad setting at once, each with the key to set.</summary>
public sealed class CoordinatorOptionsValidator : IValidateOptions<CoordinatorOptions>
{
    public ValidateOptionsResult Validate(string? name, CoordinatorOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            errors.Add("Coordinator:DatabasePath must name a SQLite file (lfb up --db FILE)");
        }

        if (string.IsNullOrWhiteSpace(options.AgentToken))
        {
            errors.Add("Coordinator:AgentToken must be set: agents authenticate with it (lfb up --agent-token T)");
        }

        if (options.LeaseTtlSeconds <= 0 || options.HeartbeatIntervalSeconds <= 0 || options.HeartbeatIntervalSeconds * 2 > options.LeaseTtlSeconds)
        {
            errors.Add("Coordinator:LeaseTtlSeconds must be positive and at least twice Coordinator:HeartbeatIntervalSeconds");
        }

        if (options.MaxAttempts < 1)
        {
            errors.Add("Coordinator:MaxAttempts must be at least 1");
        }

        if (options.QuarantineAfterFailures < 1)
        {
            errors.Add("Coordinator:QuarantineAfterFailures must be at least 1");
        }

        errors.AddRange(options.Canary.Validate(LowFormerBench.ModelZoo.Zoo.Names));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
