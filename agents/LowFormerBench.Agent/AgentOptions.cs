namespace LowFormerBench.Agent;

/// <summary>Agent settings (section "Agent"); the flags of <c>lfb agent</c> map onto these keys.</summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    public const double DefaultDrainGraceSeconds = 30;

    /// <summary>The coordinator's address: http:// (h2c, for trusted networks) or https://.</summary>
    public string CoordinatorUrl { get; set; } = "";

    /// <summary>The farm token the coordinator was started with.</summary>
    public string Token { get; set; } = "";

    /// <summary>Unique agent name in the farm; the host name unless set.</summary>
    public string Name { get; set; } = Environment.MachineName;

    /// <summary>Downloaded models, one file per SHA-256. A leading "~/" is the user's home.</summary>
    public string CacheDirectory { get; set; } = DefaultCacheDirectory();

    /// <summary>Free labels (key=value) that campaigns select devices by.</summary>
    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>On shutdown, how long the current job may go on before it is handed back unmeasured.</summary>
    public double DrainGraceSeconds { get; set; } = DefaultDrainGraceSeconds;

    /// <summary>
    /// The device's own ONNX Runtime native library (JetPack's GPU build on a Jetson, say), loaded instead of the
    /// packaged CPU one before anything touches ONNX Runtime.
    /// </summary>
    public string? NativeLibraryPath { get; set; }

    /// <summary>The python3 with torch and onnx for the torch runtimes; null finds /usr/bin/python3, then python3 on PATH.</summary>
    public string? TorchPython { get; set; }

    /// <summary>lfb_torch_worker.py; null for the copy shipped beside the agent (torch-worker/).</summary>
    public string? TorchWorkerScript { get; set; }

    /// <summary>Client certificate (PEM, or .pfx/.p12) for a coordinator that requires mutual TLS of its agents.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>PEM private key of the client certificate, when not in the certificate file.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>PEM CA certificate that issued the coordinator's server certificate, when it is not in the system's store.</summary>
    public string? CaCertificatePath { get; set; }

    public const double DefaultSamplingIntervalMs = 1000;

    /// <summary>
    /// How often tegrastats (Jetson) or nvidia-smi (GPU host) is sampled during a job; 0 turns sampling off. Coarse by
    /// default: each sample wakes a process on the device under test.
    /// </summary>
    public double SamplingIntervalMs { get; set; } = DefaultSamplingIntervalMs;

    public TimeSpan DrainGrace => TimeSpan.FromSeconds(DrainGraceSeconds);

    public string ResolvedCacheDirectory => ExpandHome(CacheDirectory);

    // systemd units and config files do not go through a shell, so "~/" would otherwise be a folder named "~".
    internal static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;

    // The XDG base-directory rule, so a packaged agent keeps its cache where the operator expects caches to be.
    private static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrWhiteSpace(xdg) ? "~/.cache" : xdg;
        return Path.Combine(root, "lowformerbench", "models");
    }
}
