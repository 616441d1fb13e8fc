using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Regression;

namespace LowFormerBench.Dashboard.ViewModels;

/// <summary>
/// The paper's comparisons per agent: top-1 vs latency and vs throughput with the Pareto fronts, MACs vs measured
/// latency with Pearson's r, latency vs input resolution, and a configuration's history over campaigns with its
/// change points. Latency is the median (p50) at batch 1 of latency-scenario results, as the paper reports latency;
/// throughput is the best images/s over the batch sizes of throughput-scenario results. The database hands over
/// the newest result per configuration only (<see cref="IDashboardQueries.LatestResultsAsync"/>), so the work here
/// grows with configurations, not with stored results.
/// </summary>
public sealed class PlotsViewModel(IDashboardQueries queries)
{
    /// <summary>The smallest change of median the history marks: 3 %, the regression check's default.</summary>
    public const double ChangeThreshold = 0.03;

    private IReadOnlyList<ResultView> _latest = [];

    public IReadOnlyList<AgentSeries> Series { get; private set; } = [];

    public IReadOnlyList<ThroughputSeries> Throughput { get; private set; } = [];

    /// <summary>Each agent's device (GPU, Jetson module or CPU), for the legends; agents not registered have none.</summary>
    public IReadOnlyDictionary<string, string> Devices { get; private set; } = new Dictionary<string, string>();

    /// <summary>Agents with any result: the choices for the per-agent plots (resolution, history).</summary>
    public IReadOnlyList<string> Agents { get; private set; } = [];

    public string? Agent { get; private set; }

    public IReadOnlyList<ResolutionLine> ResolutionLines { get; private set; } = [];

    public IReadOnlyList<RowKey> HistoryKeys { get; private set; } = [];

    public RowKey? HistoryKey { get; private set; }

    public ResultHistory? History { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        Devices = (await queries.ListAgentsAsync(cancellationToken))
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => AgentRow.DeviceOf(g.First().Capabilities), StringComparer.Ordinal);
        Show(await queries.LatestResultsAsync(ResultCriteria.All, cancellationToken));
        await ChooseAgentAsync(Agent is not null && Agents.Contains(Agent) ? Agent : Agents.FirstOrDefault(), cancellationToken);
    }

    /// <summary>Computes the all-agent plots from results already read (the newest per configuration, or any superset).</summary>
    public void Show(IReadOnlyList<ResultView> results)
    {
        _latest = results;
        var latency = Scenario.Latency.ToWire();
        var throughput = Scenario.Throughput.ToWire();
        Series = [.. results
            .Where(r => r.Scenario == latency && r.Batch == 1)
            .GroupBy(r => r.Agent, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => AgentSeries.From(g.Key, Latest(g)))];
        Throughput = [.. results
            .Where(r => r.Scenario == throughput)
            .GroupBy(r => r.Agent, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ThroughputSeries.From(g.Key, BestBatch(g)))];
        Agents = [.. results.Select(r => r.Agent).Distinct().Order(StringComparer.Ordinal)];
        ResolutionLines = Agent is null ? [] : ResolutionLine.For(_latest, Agent);
    }

    public async Task ChooseAgentAsync(string? agent, CancellationToken cancellationToken)
    {
        Agent = agent;
        ResolutionLines = agent is null ? [] : ResolutionLine.For(_latest, agent);
        HistoryKeys = agent is null ? [] : await queries.HistoryKeysAsync(agent, cancellationToken);
        var latency = Scenario.Latency.ToWire();
        await ChooseHistoryAsync(HistoryKeys.FirstOrDefault(k => k.Scenario == latency && k.Batch == 1) ?? HistoryKeys.FirstOrDefault(), cancellationToken);
    }

    /// <summary>Chooses by the key's position in <see cref="HistoryKeys"/> (what a select element carries).</summary>
    public Task ChooseHistoryAsync(int index, CancellationToken cancellationToken) =>
        ChooseHistoryAsync(index >= 0 && index < HistoryKeys.Count ? HistoryKeys[index] : null, cancellationToken);

    public async Task ChooseHistoryAsync(RowKey? key, CancellationToken cancellationToken)
    {
        HistoryKey = key;
        History = key is null ? null : await queries.HistoryAsync(key, ChangeThreshold, cancellationToken);
    }

    // One point per model configuration: a configuration measured in several campaigns shows its newest result.
    private static List<PlotPoint> Latest(IEnumerable<ResultView> results) => [.. results
        .GroupBy(r => (r.ModelSha256, r.Provider))
        .Select(g => g.MaxBy(r => r.JobId)!)
        .Select(r => new PlotPoint(r))
        .OrderBy(p => p.LatencyMs)];

    // The paper's throughput is a model's best over batch sizes: the newest result per batch, then the best batch.
    private static List<ThroughputPoint> BestBatch(IEnumerable<ResultView> results) => [.. results
        .GroupBy(r => (r.ModelSha256, r.Provider))
        .Select(g => g.GroupBy(r => r.Batch).Select(b => b.MaxBy(r => r.JobId)!).MaxBy(r => r.Summary.ThroughputIps)!)
        .Select(r => new ThroughputPoint(r))
        .OrderByDescending(p => p.ImagesPerSecond)];
}

/// <summary>A measured model configuration on one agent: its median latency at batch 1.</summary>
/// <remarks>
/// Top-1 is the model's published figure, which the model store keeps only for the resolution it was published at
/// (a 128 px build of a model published at 224 px has none), so accuracy plots never mix resolutions.
/// </remarks>
public sealed record PlotPoint(ResultView Result)
{
    public string Model => Result.Model;

    public double LatencyMs => Result.Summary.P50Ms;

    public double? Top1 => Result.Top1;

    public double GigaMacs => Result.Macs / 1e9;
}

/// <summary>One agent's points, its speed-accuracy front and its MACs-latency correlation.</summary>
public sealed record AgentSeries(string Agent, IReadOnlyList<PlotPoint> Points, IReadOnlyList<PlotPoint> WithTop1,
    IReadOnlyList<PlotPoint> Front, double? MacsLatencyR)
{
    public static AgentSeries From(string agent, IReadOnlyList<PlotPoint> points)
    {
        var withTop1 = points.Where(p => p.Top1 is not null).ToList();
        var front = ParetoFront.Of(withTop1, p => p.LatencyMs, p => p.Top1!.Value);
        var r = Correlation.Pearson([.. points.Select(p => p.GigaMacs)], [.. points.Select(p => p.LatencyMs)]);
        return new AgentSeries(agent, points, withTop1, front, r);
    }
}

/// <summary>A model configuration's best throughput on one agent, and the batch size that reached it.</summary>
public sealed record ThroughputPoint(ResultView Result)
{
    public string Model => Result.Model;

    public double ImagesPerSecond => Result.Summary.ThroughputIps;

    public int Batch => Result.Batch;

    public double? Top1 => Result.Top1;
}

/// <summary>One agent's throughput points with a published top-1, and their front (no other is both faster and more accurate).</summary>
public sealed record ThroughputSeries(string Agent, IReadOnlyList<ThroughputPoint> WithTop1, IReadOnlyList<ThroughputPoint> Front)
{
    public static ThroughputSeries From(string agent, IReadOnlyList<ThroughputPoint> points)
    {
        var withTop1 = points.Where(p => p.Top1 is not null).ToList();
        // Higher throughput is better, so its negation is the front's cost.
        return new ThroughputSeries(agent, withTop1, ParetoFront.Of(withTop1, p => -p.ImagesPerSecond, p => p.Top1!.Value));
    }
}

/// <summary>One model (at one precision and provider) on one agent: median latency at batch 1 per input resolution.</summary>
public sealed record ResolutionLine(string Name, IReadOnlyList<(int Resolution, double LatencyMs)> Points)
{
    /// <summary>A line per model measured on the agent; uploads (resolution 0, fixed by the file) have none.</summary>
    public static IReadOnlyList<ResolutionLine> For(IEnumerable<ResultView> results, string agent)
    {
        var latency = Scenario.Latency.ToWire();
        return [.. results
            .Where(r => r.Agent == agent && r.Scenario == latency && r.Batch == 1 && r.Resolution > 0)
            .GroupBy(r => (r.Model, r.Precision, r.Provider))
            .Select(g => new ResolutionLine($"{g.Key.Model} {g.Key.Precision} {LowFormerBench.Core.Figures.ConfigurationLabel.Provider(g.Key.Provider)}", [.. g
                .GroupBy(r => r.Resolution)
                .Select(byResolution => (byResolution.Key, byResolution.MaxBy(r => r.JobId)!.Summary.P50Ms))
                .OrderBy(p => p.Key)]))
            .OrderBy(line => line.Name, StringComparer.Ordinal)];
    }
}
