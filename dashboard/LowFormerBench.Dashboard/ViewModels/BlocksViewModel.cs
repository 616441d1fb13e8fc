using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Probes;
using LowFormerBench.Core.Queries;

namespace LowFormerBench.Dashboard.ViewModels;

/// <summary>
/// The Blocks page: building-block probes' time per GMAC per family and device, each against its comparison's reference
/// (<see cref="ProbeRatios"/>, the computation <c>lfb probe</c> prints). Latency at batch 1, the newest result of each
/// configuration; a probe is known by its model record (<see cref="ModelView.Probe"/>).
/// </summary>
public sealed class BlocksViewModel(IDashboardQueries queries)
{
    public IReadOnlyList<string> Families { get; private set; } = [];

    public string? Family { get; private set; }

    /// <summary>One panel per device for the chosen family, agents in name order.</summary>
    public IReadOnlyList<DevicePanel> Panels { get; private set; } = [];

    private IReadOnlyList<DevicePanel> _all = [];

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var models = await queries.ListModelsAsync(cancellationToken);
        var results = await queries.LatestResultsAsync(ResultCriteria.All, cancellationToken);
        Show(models, results);
    }

    public void Show(IReadOnlyList<ModelView> models, IReadOnlyList<ResultView> results)
    {
        var probes = models.Where(m => m.Probe is not null).ToDictionary(m => m.Sha256, m => m.Probe!);
        var latency = Scenario.Latency.ToWire();
        _all = [.. results
            .Where(r => r.Scenario == latency && r.Batch == 1 && probes.ContainsKey(r.ModelSha256))
            .GroupBy(r => r.Agent, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => ProbeRatios.Compute(g.Select(r => Timing(probes[r.ModelSha256], r)))
                .GroupBy(row => row.Timing.Family)
                .Select(f => new DevicePanel(f.Key, g.Key, [.. f.OrderBy(row => row.Timing.Comparison, StringComparer.Ordinal).ThenBy(row => !row.IsReference)])))];
        Families = [.. _all.Select(p => p.Family).Distinct().Order(StringComparer.Ordinal)];
        Choose(Family is not null && Families.Contains(Family) ? Family : Families.FirstOrDefault());
    }

    public void Choose(string? family)
    {
        Family = family;
        Panels = [.. _all.Where(p => p.Family == family)];
    }

    private static ProbeTiming Timing(ProbeFacts probe, ResultView r) =>
        new(probe.Family, probe.Comparison, probe.Variant, probe.Reference, r.Macs, r.Params, r.Batch, r.Summary.P50Ms);
}

/// <summary>One family's probes on one device.</summary>
public sealed record DevicePanel(string Family, string Agent, IReadOnlyList<ProbeRow> Rows)
{
    /// <summary>Time per GMAC where the family's probes have MACs; activations have none and are drawn as median time.</summary>
    public bool PerGmac => Rows.All(r => r.MsPerGmac is not null);

    public double ValueOf(ProbeRow row) => PerGmac ? row.MsPerGmac!.Value : row.Timing.MedianMs;

    public static string Label(ProbeRow row) => $"{row.Timing.Comparison} {row.Timing.Variant}";
}
