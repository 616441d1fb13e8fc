using System.Collections.Immutable;
using Microsoft.ML.OnnxRuntime;

namespace LowFormerBench.Measurement.ExecutionProviders;

/// <summary>
/// The providers this library knows, and the checks a request passes before anything is timed:
/// known name, valid options, provider present in the native library.
/// </summary>
public static class ProviderCatalog
{
    public static IReadOnlyList<ExecutionProvider> Known { get; } =
        [new CpuProvider(), new CudaProvider(), new TensorRtProvider(), new XnnpackProvider()];

    public static IEnumerable<string> KnownNames => Known.Select(p => $"{p.Name} ({string.Join("/", p.Aliases)})");

    /// <summary>Whether a provider name (or alias) runs on an NVIDIA GPU (CUDA, TensorRT); false for unknown names.</summary>
    public static bool RunsOnGpu(string? name) =>
        Known.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)
                                  || p.Aliases.Contains(name?.Trim() ?? "", StringComparer.OrdinalIgnoreCase))?.NativeDependencies.Count > 0;

    /// <summary>By full name or alias, case-insensitive; unknown names list the known ones.</summary>
    public static ExecutionProvider Resolve(string name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        return Known.FirstOrDefault(p =>
                   string.Equals(p.Name, trimmed, StringComparison.OrdinalIgnoreCase)
                   || p.Aliases.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
               ?? throw new UnknownExecutionProviderException(trimmed, KnownNames);
    }

    /// <summary>Validates every option at once and fills in defaults (provider- and precision-specific first, then ORT's).</summary>
    public static ProviderConfiguration Configure(string provider, IReadOnlyDictionary<string, string>? options, string precision)
    {
        var resolved = Resolve(provider);
        var known = resolved.AllOptions.ToDictionary(o => o.Key, StringComparer.OrdinalIgnoreCase);
        var effective = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();

        foreach (var (key, raw) in options ?? new Dictionary<string, string>())
        {
            if (!known.TryGetValue(key.Trim(), out var option))
            {
                errors.Add($"unknown option '{key}' (known: {string.Join(", ", known.Keys)})");
                continue;
            }

            var (value, error) = option.Parse(raw);
            if (error is not null)
            {
                errors.Add(error);
            }
            else
            {
                effective[option.Key] = value!;
            }
        }

        foreach (var (key, value) in resolved.DefaultsFor(precision))
        {
            effective.TryAdd(key, value);
        }

        foreach (var option in known.Values.Where(o => o.Default is not null))
        {
            effective.TryAdd(option.Key, option.Default!);
        }

        errors.AddRange(resolved.CheckCombination(effective));
        if (errors.Count > 0)
        {
            throw new ProviderOptionsException(resolved.Name, errors);
        }

        return new ProviderConfiguration(resolved, effective.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    /// <summary>Fails before measuring when the native library lacks the provider, listing what it has.</summary>
    public static void EnsureAvailable(ProviderConfiguration configuration, IReadOnlyList<string> available)
    {
        if (!available.Contains(configuration.Name, StringComparer.Ordinal))
        {
            throw new ExecutionProviderUnavailableException(configuration.Name, available, configuration.Provider.WhenMissing);
        }
    }

    /// <summary>
    /// Fails before a session is created when a GPU provider's driver or CUDA/cuDNN/TensorRT libraries do not load, naming each
    /// missing one. Only for the packaged native library: a device's own build (JetPack's, through --native-library) links the
    /// CUDA release of its platform, which ORT reports itself.
    /// </summary>
    /// <param name="canLoad">Whether a library loads; the real dlopen by default.</param>
    public static void EnsureLoadable(ProviderConfiguration configuration, Func<string, bool>? canLoad = null)
    {
        if (OnnxRuntimeNativeLibrary.OverridePath is not null)
        {
            return;
        }

        if (GpuLibraries.Diagnose(configuration.Name, configuration.Provider.NativeDependencies, canLoad) is { } problem)
        {
            throw new GpuLibrariesMissingException(configuration.Name, problem);
        }
    }

    internal static SessionOptions CreateSessionOptions(ProviderConfiguration configuration)
    {
        var session = SessionSettings.Create(configuration.Options);
        try
        {
            configuration.Provider.Append(session, configuration.Options);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
