using LowFormerBench.Measurement.ExecutionProviders;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Agent;

/// <summary>
/// Loads Agent:NativeLibraryPath while the options are validated: only loading tells whether a library works on this
/// device, and doing it here makes a bad one stop the agent at start with the configuration exit code, before anything
/// touches ONNX Runtime (after that the library can no longer be chosen).
/// </summary>
public sealed class NativeLibrarySelection : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        // A missing file is AgentOptionsValidator's to report, with the other settings.
        if (string.IsNullOrWhiteSpace(options.NativeLibraryPath) || !File.Exists(AgentOptions.ExpandHome(options.NativeLibraryPath)))
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            OnnxRuntimeNativeLibrary.Use(AgentOptions.ExpandHome(options.NativeLibraryPath));
            return ValidateOptionsResult.Success;
        }
        catch (NativeLibraryException e)
        {
            return ValidateOptionsResult.Fail($"Agent:NativeLibraryPath: {e.Message} (--native-library)");
        }
    }
}
