using LowFormerBench.Core.Results;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Runners;
using LowFormerBench.ModelZoo.Counting;
using Microsoft.ML.OnnxRuntime;

namespace LowFormerBench.Measurement.Profiling;

/// <summary>Takes an operator profile in a pass of its own (trtexec's <c>--separateProfileRun</c>).</summary>
public interface IOperatorProfiler
{
    /// <param name="setup">The same setup the timed pass used.</param>
    /// <param name="runs">Inferences to average after a cold one.</param>
    /// <param name="cancellationToken">Checked between inferences.</param>
    OperatorProfile Profile(RunnerSetup setup, int runs, CancellationToken cancellationToken);
}

/// <summary>
/// ONNX Runtime's own profiler (SessionOptions.EnableProfiling, EndProfiling writes a JSON trace) on a
/// fresh session with the job's options, reduced with the zoo counter's MACs per node.
/// </summary>
public sealed class OrtOperatorProfiler : IOperatorProfiler
{
    public OperatorProfile Profile(RunnerSetup setup, int runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var folder = Directory.CreateTempSubdirectory("lfb-profile-");
        try
        {
            var trace = WriteTrace(setup, runs, folder.FullName, cancellationToken);
            var kernels = OrtProfileTrace.Read(trace);
            var model = OnnxModelFile.Load(setup.ModelPath);
            var count = OnnxModelCounter.Count(model, new CountOptions(Batch: setup.Batch, Resolution: setup.Resolution > 0 ? setup.Resolution : new CountOptions().Resolution));
            var level = setup.Provider.Options.GetValueOrDefault(SessionSettings.GraphOptimizationLevelKey, "all");
            return ProfileReduction.Reduce(kernels, new ModelNodes(model, count), level);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string WriteTrace(RunnerSetup setup, int runs, string folder, CancellationToken cancellationToken)
    {
        using var options = ProviderCatalog.CreateSessionOptions(setup.Provider);

        // The prefix must be set before profiling is enabled: ORT takes it when EnableProfiling is set.
        options.ProfileOutputPathPrefix = Path.Combine(folder, "ort");
        options.EnableProfiling = true;
        // Bound as the timed pass was (device memory for a GPU provider), so the profile has the same copies or none.
        using var device = setup.Provider.Provider.OpenDeviceMemory(setup.Provider.Options);
        using var session = OnnxRuntimeRunner.CreateSession(setup, options, cancellationToken);
        using var tensors = BoundTensors.Create(session, setup, device, setup.Provider.Provider.GraphCaptureOption(setup.Provider.Options));
        using var runOptions = new RunOptions();
        for (var i = 0; i <= runs; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            session.RunWithBinding(runOptions, tensors.Binding);
            tensors.Binding.SynchronizeBoundOutputs();
        }

        var path = session.EndProfiling();
        return Path.IsPathRooted(path) ? path : Path.Combine(folder, Path.GetFileName(path));
    }
}
