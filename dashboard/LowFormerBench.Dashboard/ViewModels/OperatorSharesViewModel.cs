using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Results;

namespace LowFormerBench.Dashboard.ViewModels;

/// <summary>
/// Time share vs MAC share per operator type for one profiled result: the paper's argument (depthwise convolutions and
/// attention cost more time than their MACs say) on the farm's own devices. Shows the newest profiled result unless one is chosen.
/// </summary>
public sealed class OperatorSharesViewModel(IDashboardQueries queries)
{
    /// <summary>
    /// Newest results per configuration that carry an operator profile, newest first: read from the configurations'
    /// table like the other plots, so the page costs the same with 100 results or 100,000.
    /// </summary>
    public IReadOnlyList<ResultView> Profiled { get; private set; } = [];

    public ResultView? Selected { get; private set; }

    public OperatorProfile? Profile { get; private set; }

    public async Task LoadAsync(long? jobId, CancellationToken cancellationToken)
    {
        Profiled = [.. (await queries.LatestResultsAsync(new ResultCriteria(), cancellationToken)).Where(r => r.HasOperatorProfile).OrderByDescending(r => r.JobId)];
        Selected = jobId is { } id ? Profiled.FirstOrDefault(r => r.JobId == id) : Profiled.FirstOrDefault();
        Profile = Selected is null ? null : await queries.GetOperatorProfileAsync(Selected.JobId, cancellationToken);
    }

    /// <summary>Operator types with any time or MACs, in the profile's order (largest time share first).</summary>
    public IReadOnlyList<OperatorShare> Bars => Profile is null ? [] : [.. Profile.Operators.Where(o => o.TimeShare > 0 || o.MacShare > 0)];

    public static string Label(ResultView r) => $"{r.Model} · {r.Agent} · {r.Scenario} b{r.Batch} · {r.Resolution} {r.Precision} · job {r.JobId}";
}
