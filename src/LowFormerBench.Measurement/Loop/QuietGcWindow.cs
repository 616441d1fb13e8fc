using System.Runtime;

namespace LowFormerBench.Measurement.Loop;

/// <summary>
/// The timed window's garbage-collector settings: collect before it so that garbage from preparation is not collected
/// inside it, and ask the GC to avoid blocking collections while it runs (BenchmarkDotNet also cleans up before its
/// actual stage). Disposing restores the previous latency mode.
/// </summary>
internal readonly struct QuietGcWindow : IDisposable
{
    private readonly GCLatencyMode previous;

    private QuietGcWindow(GCLatencyMode previous)
    {
        this.previous = previous;
    }

    public static QuietGcWindow Enter()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var window = new QuietGcWindow(GCSettings.LatencyMode);
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        return window;
    }

    public void Dispose() => GCSettings.LatencyMode = previous;
}
