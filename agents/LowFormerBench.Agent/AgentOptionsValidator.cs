using Microsoft.Extensions.Options;

namespace LowFormerBench.Agent;

/// <summary>Reports every bad setting at once, each with the key (and the <c>lfb agent</c> flag) to set.</summary>
public sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CoordinatorUrl))
        {
            errors.Add("Agent:CoordinatorUrl must be set to the coordinator's address, e.g. http://coordinator:5000 (--coordinator)");
        }
        else if (!Uri.TryCreate(options.CoordinatorUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Agent:CoordinatorUrl '{options.CoordinatorUrl}' must be an absolute http:// or https:// URL (--coordinator)");
        }

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            errors.Add("Agent:Token must be set to the farm's token, the one the coordinator was started with (--token, or Agent__Token in the environment)");
        }

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            errors.Add("Agent:Name must name this agent uniquely in the farm; it defaults to the host name (--name)");
        }

        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            errors.Add("Agent:CacheDirectory must name a folder for downloaded models (--cache)");
        }

        if (!double.IsFinite(options.DrainGraceSeconds) || options.DrainGraceSeconds < 0)
        {
            errors.Add($"Agent:DrainGraceSeconds must be zero or more seconds, not {options.DrainGraceSeconds}");
        }

        if (!double.IsFinite(options.SamplingIntervalMs) || options.SamplingIntervalMs < 0 || options.SamplingIntervalMs is > 0 and < 100)
        {
            errors.Add($"Agent:SamplingIntervalMs must be 0 (off) or at least 100 ms, not {options.SamplingIntervalMs}");
        }

        foreach (var (key, value) in options.Labels)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"Agent:Labels:{key} has no value; labels are key=value (--label {key}=VALUE)");
            }
        }

        foreach (var (key, path) in new[] { ("ClientCertificatePath", options.ClientCertificatePath), ("ClientKeyPath", options.ClientKeyPath), ("CaCertificatePath", options.CaCertificatePath) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(AgentOptions.ExpandHome(path)))
            {
                errors.Add($"Agent:{key}: no file at {path}");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.NativeLibraryPath) && !File.Exists(AgentOptions.ExpandHome(options.NativeLibraryPath)))
        {
            errors.Add($"Agent:NativeLibraryPath '{options.NativeLibraryPath}' is not a file: point it at the device's ONNX Runtime " +
                       "library (libonnxruntime.so; JetPack's build on a Jetson), or leave it unset for the packaged CPU build");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
