using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator;

/// <summary>Coordinator settings (section "Coordinator"); CLI flags of <c>lfb up</c> map onto these keys.</summary>
public sealed class CoordinatorOptions
{
    public const string SectionName = "Coordinator";

    /// <summary>
    /// The database holding everything but model bytes: a SQLite file (the default, one machine), or a PostgreSQL database that
    /// several coordinator replicas share, as a URL (<c>postgres://user:password@host:5432/name</c>) or an Npgsql connection
    /// string (<c>Host=…;Database=…</c>).
    /// </summary>
    public string DatabasePath { get; set; } = "lowformerbench.db";

    /// <summary>
    /// Content-addressed model files; default: a "models" folder beside the SQLite file, or in the working folder with
    /// PostgreSQL (replicas must then share one folder, e.g. a volume).
    /// </summary>
    public string? ModelStoreDirectory { get; set; }

    /// <summary>
    /// Where the dashboard's sign-in cookie keys are kept; default: beside the SQLite file, or in the working folder with
    /// PostgreSQL (replicas behind one address must share it, or a browser signed in on one is a stranger to the other).
    /// </summary>
    public string? DataProtectionKeysDirectory { get; set; }

    /// <summary>The farm token agents present in their Hello.</summary>
    public string AgentToken { get; set; } = "";

    /// <summary>
    /// A bearer token accepted as an admin credential on the Control API (what <c>lfb --token</c> / LFB_TOKEN send), beside the
    /// API keys of <c>lfb keys</c>. Setting it, or creating any key, closes the Control API to callers without a credential.
    /// </summary>
    public string ControlToken { get; set; } = "";

    /// <summary>Lets callers without a key read (viewer's rights: dashboard pages, list and query calls) on a farm that asks for keys.</summary>
    public bool AllowAnonymousRead { get; set; }

    /// <summary>Largest gRPC message received or sent; a bigger one is refused (ResourceExhausted) and the coordinator keeps serving.</summary>
    public int MaxMessageBytes { get; set; } = CoordinatorHostExtensions.MaxMessageBytes;

    /// <summary>Per-key limits on Control API calls (section Coordinator:RateLimit).</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>TLS for the coordinator's port and optional client certificates for agents (section Coordinator:Tls).</summary>
    public TlsOptions Tls { get; set; } = new();

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

    /// <summary>Timed samples one result may carry (and its paired reference, each); a result with more is refused for that attempt.</summary>
    public int MaxSamplesPerResult { get; set; } = Core.Results.ResultLimits.DefaultMaxSamples;

    /// <summary>Jobs one campaign may expand to; a bigger suite is refused with its expansion count.</summary>
    public int MaxJobsPerCampaign { get; set; } = DefaultMaxJobsPerCampaign;

    /// <summary>10,000 jobs: 10 models x 5 resolutions x 2 precisions x 10 devices x 10 batch sizes fits; 81,920 does not.</summary>
    public const int DefaultMaxJobsPerCampaign = 10_000;

    /// <summary>The per-device reference model (section "Coordinator:Canary"); off unless its Model is set.</summary>
    public Canary.CanaryOptions Canary { get; set; } = new();

    public bool UsesPostgres => Storage.PostgresAddress.IsPostgres(DatabasePath);

    public string ResolvedModelStoreDirectory => ModelStoreDirectory ?? Path.Combine(DataDirectory, "models");

    public string ResolvedDataProtectionKeysDirectory => DataProtectionKeysDirectory
        ?? (UsesPostgres ? Path.Combine(DataDirectory, "lowformerbench.dataprotection-keys") : Path.GetFullPath(DatabasePath) + ".dataprotection-keys");

    // Files that live beside the database: beside the SQLite file, or in the working folder when the database is a server.
    private string DataDirectory => UsesPostgres ? Path.GetFullPath(".") : Path.GetDirectoryName(Path.GetFullPath(DatabasePath))!;

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
            errors.Add("Coordinator:DatabasePath must name a SQLite file or a PostgreSQL database (lfb up --db FILE or --db postgres://USER@HOST/NAME)");
        }
        else if (options.UsesPostgres)
        {
            try
            {
                Storage.PostgresAddress.ToConnectionString(options.DatabasePath);
            }
            catch (ArgumentException e)
            {
                errors.Add($"Coordinator:DatabasePath: {e.Message}");
            }
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

        if (options.MaxMessageBytes < 64 << 10)
        {
            errors.Add("Coordinator:MaxMessageBytes must be at least 65536 (a model chunk is 1 MiB; the default is 64 MiB)");
        }

        if (options.RateLimit.PermitsPerSecond < 0 || options.RateLimit.Burst < 1)
        {
            errors.Add("Coordinator:RateLimit:PermitsPerSecond must be 0 (no limit) or more, and Coordinator:RateLimit:Burst at least 1");
        }

        if (options.MaxSamplesPerResult < 1)
        {
            errors.Add($"Coordinator:MaxSamplesPerResult must be at least 1 (the default is {Core.Results.ResultLimits.DefaultMaxSamples})");
        }

        if (options.MaxJobsPerCampaign < 1)
        {
            errors.Add($"Coordinator:MaxJobsPerCampaign must be at least 1 (the default is {CoordinatorOptions.DefaultMaxJobsPerCampaign})");
        }

        errors.AddRange(options.Tls.Validate());
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>A token bucket per caller (key id, or address for callers without a key): a burst, then a steady rate.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Calls per second each caller regains; 0 turns the limit off.</summary>
    public double PermitsPerSecond { get; set; } = 50;

    /// <summary>Calls a caller may make at once before the rate applies.</summary>
    public int Burst { get; set; } = 200;
}

/// <summary>
/// TLS on the coordinator's one port: a PEM certificate and key, or a PFX. With <see cref="AgentClientCaPath"/> agents
/// must present a client certificate issued by that CA (mutual TLS); browsers and the CLI are not asked for one.
/// </summary>
public sealed class TlsOptions
{
    /// <summary>Server certificate: a PEM file (with <see cref="KeyPath"/>) or a .pfx/.p12 file (with <see cref="Password"/>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of the certificate; empty when the PEM file holds it or a PFX is used.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of a PFX (or of an encrypted PEM key).</summary>
    public string? Password { get; set; }

    /// <summary>PEM certificate of the CA that issues agents' client certificates; set, agents without one are refused.</summary>
    public string? AgentClientCaPath { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    public bool RequiresAgentCertificates => !string.IsNullOrWhiteSpace(AgentClientCaPath);

    public IEnumerable<string> Validate()
    {
        if (Enabled && !File.Exists(CertificatePath))
        {
            yield return $"Coordinator:Tls:CertificatePath: no file at {CertificatePath}";
        }

        if (!string.IsNullOrWhiteSpace(KeyPath) && !File.Exists(KeyPath))
        {
            yield return $"Coordinator:Tls:KeyPath: no file at {KeyPath}";
        }

        if (RequiresAgentCertificates && !Enabled)
        {
            yield return "Coordinator:Tls:AgentClientCaPath needs TLS: set Coordinator:Tls:CertificatePath too";
        }

        if (RequiresAgentCertificates && !File.Exists(AgentClientCaPath))
        {
            yield return $"Coordinator:Tls:AgentClientCaPath: no file at {AgentClientCaPath}";
        }
    }
}
