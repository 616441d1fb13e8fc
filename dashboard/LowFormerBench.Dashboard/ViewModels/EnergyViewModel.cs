using LowFormerBench.Core.Queries;

namespace LowFormerBench.Dashboard.ViewModels;

/// <summary>One measured result on the energy plot.</summary>
public sealed record EnergyPoint(string Agent, string Label, double LatencyMs, double ImagesPerJoule, double MeanPowerW);

/// <summary>
/// Images per joule against latency, per agent: the newest result of each configuration that has an energy reading (the
/// others are "not measured" and stay off the plot, never at 0). Latency is the median per inference (per batch).
/// </summary>
public sealed class EnergyViewModel(IDashboardQueries queries)
{
    public IReadOnlyList<IGrouping<string, EnergyPoint>> Series { get; private set; } = [];

    /// <summary>Results without a sensor, to say how many are left off.</summary>
    public int NotMeasured { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var results = await queries.LatestResultsAsync(new ResultCriteria(), cancellationToken);
        var points = Points(results);
        Series = [.. points.GroupBy(p => p.Agent).OrderBy(g => g.Key, StringComparer.Ordinal)];
        NotMeasured = results.Count - points.Count;
    }

    public static IReadOnlyList<EnergyPoint> Points(IEnumerable<ResultView> results) =>
    [
        .. results.Where(r => r.Summary.Energy is { JoulesPerImage: > 0 })
            .Select(r => new EnergyPoint(r.Agent, $"{r.Model} · {r.Scenario} b{r.Batch} · {r.Precision} · {r.Provider}", r.Summary.P50Ms,
                r.Summary.Energy!.ImagesPerJoule, r.Summary.Energy.MeanPowerW)),
    ];
}
