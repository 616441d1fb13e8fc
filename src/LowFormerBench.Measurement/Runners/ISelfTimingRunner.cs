namespace LowFormerBench.Measurement.Runners;

/// <summary>
/// A runner in another process that times its own iterations (the PyTorch worker: perf_counter_ns on the CPU, CUDA events
/// on a GPU), so a sample never includes the pipe between the processes. The loop still decides everything: it asks for
/// a batch of iterations, keeps every time returned, and applies its warm-up and stop rules between batches.
/// </summary>
public interface ISelfTimingRunner : IInferenceRunner
{
    /// <summary>Runs <paramref name="iterations"/> inferences and returns each one's time in milliseconds, in order.</summary>
    IReadOnlyList<double> RunTimed(int iterations);
}
