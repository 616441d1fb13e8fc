namespace LowFormerBench.Core.Queries;

/// <summary>What a results table can sort by; the store maps each to a column, so no caller text reaches SQL.</summary>
public enum ResultSort
{
    JobId,
    Model,
    Agent,
    Scenario,
    P50,
    P99,
    Throughput,
}

/// <summary>One page of matching results, in the given order.</summary>
public sealed record ResultPageRequest(ResultCriteria Criteria, ResultSort Sort = ResultSort.JobId, bool Descending = false, int Skip = 0, int Take = 50);

/// <summary>A page of results and how many match in all.</summary>
public sealed record ResultPage(IReadOnlyList<ResultView> Rows, int MatchingCount);

/// <summary>The values the stored results take, for filter choices, and how many results there are.</summary>
public sealed record ResultFacets(
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Agents,
    IReadOnlyList<string> Scenarios,
    IReadOnlyList<string> Providers,
    IReadOnlyList<string> Precisions,
    IReadOnlyList<int> Resolutions,
    int TotalCount)
{
    public static ResultFacets Empty { get; } = new([], [], [], [], [], [], 0);
}
