using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace LowFormerBench.Measurement.Environment;

/// <summary>
/// Runs a <see cref="SampledTool"/> (tegrastats, nvidia-smi -lms) as a child process while a job measures, and
/// summarises what it printed as min/mean/max facts. A tool that is missing or dies adds a fact saying so and nothing
/// else: a job is never failed for want of a monitor.
/// </summary>
public sealed class DeviceSampler : IAsyncDisposable
{
    private readonly SampledTool _tool;
    private readonly Process? _process;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (double Min, double Sum, double Max, int Count)> _metrics = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _throttling = new(StringComparer.Ordinal);
    private readonly string? _startError;
    private int _samples;
    private bool _stopped;

    private DeviceSampler(SampledTool tool)
    {
        _tool = tool;
        var start = new ProcessStartInfo(tool.FileName)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var argument in tool.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            _startError = e.Message;
            return;
        }

        if (_process is null)
        {
            _startError = "the process did not start";
            return;
        }

        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the tool; returns at once (the first line comes after one interval).</summary>
    public static DeviceSampler Start(SampledTool tool) => new(tool ?? throw new ArgumentNullException(nameof(tool)));

    /// <summary>Lines parsed into samples so far.</summary>
    public int Samples
    {
        get
        {
            lock (_gate)
            {
                return _samples;
            }
        }
    }

    /// <summary>Stops the tool and summarises: "&lt;tool&gt;.samples", "&lt;tool&gt;.&lt;metric&gt;.min|mean|max".</summary>
    /// <param name="passiveTripC">The lowest passive thermal trip point of the board (sysfs); a sampled temperature at or
    /// above it means the kernel was throttling at that moment.</param>
    public async Task<SamplingSummary> StopAsync(double? passiveTripC = null)
    {
        await StopProcessAsync();
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        lock (_gate)
        {
            _stopped = true;
            facts[$"{_tool.Name}.samples"] = _samples.ToString(CultureInfo.InvariantCulture);
            if (_startError is not null)
            {
                facts[$"{_tool.Name}.error"] = $"{_tool.FileName} could not be started: {_startError}";
            }

            foreach (var (name, (min, sum, max, count)) in _metrics)
            {
                facts[$"{_tool.Name}.{name}.min"] = Format(min);
                facts[$"{_tool.Name}.{name}.mean"] = Format(sum / count);
                facts[$"{_tool.Name}.{name}.max"] = Format(max);
                if (passiveTripC is { } trip && name.StartsWith("temp.", StringComparison.Ordinal) && max >= trip)
                {
                    _throttling.Add(string.Create(CultureInfo.InvariantCulture, $"{_tool.Name} {name[5..^2]} reached {max:0.#} C >= passive trip {trip:0.#} C"));
                }
            }

            if (_throttling.Count > 0)
            {
                facts[$"{_tool.Name}.throttling"] = string.Join("; ", _throttling);
            }

            return new SamplingSummary(_samples, facts.ToImmutableSortedDictionary(StringComparer.Ordinal), [.. _throttling]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        _process?.Dispose();
    }

    private async Task StopProcessAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            // Lets the output reader deliver the lines already printed before the summary is taken.
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or Win32Exception)
        {
            // Already gone, or will not go: the samples so far are what there is.
        }
    }

    private void Record(string? line)
    {
        if (line is null || _tool.Parse(line) is not { } sample)
        {
            return;
        }

        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _samples++;
            foreach (var (name, value) in sample.Metrics)
            {
                _metrics[name] = _metrics.TryGetValue(name, out var s)
                    ? (Math.Min(s.Min, value), s.Sum + value, Math.Max(s.Max, value), s.Count + 1)
                    : (value, value, value, 1);
            }

            foreach (var reason in sample.ThrottleReasons)
            {
                _throttling.Add(reason);
            }
        }
    }

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>What a <see cref="DeviceSampler"/> saw during one job.</summary>
/// <param name="Samples">Lines parsed.</param>
/// <param name="Facts">Min/mean/max per metric, the sample count, and the throttling seen, if any.</param>
/// <param name="ThrottleReasons">Why the job counts as measured while throttled; empty when it does not.</param>
public sealed record SamplingSummary(int Samples, ImmutableSortedDictionary<string, string> Facts, IReadOnlyList<string> ThrottleReasons)
{
    public bool Throttled => ThrottleReasons.Count > 0;
}
