namespace LowFormerBench.Core.Queries;

/// <summary>Which results to read: every given field must match exactly, a null field matches everything.</summary>
public sealed record ResultCriteria(
    string? Model = null,
    string? Agent = null,
    string? Scenario = null,
    string? Provider = null,
    string? Precision = null,
    int? Resolution = null,
    int? Batch = null)
{
    public static ResultCriteria All { get; } = new();

    public bool Matches(ResultView r) =>
        Is(Model, r.Model) && Is(Agent, r.Agent) && Is(Scenario, r.Scenario) && Is(Provider, r.Provider) && Is(Precision, r.Precision)
        && (Resolution is null || Resolution == r.Resolution) && (Batch is null || Batch == r.Batch);

    private static bool Is(string? wanted, string actual) => wanted is null || string.Equals(wanted, actual, StringComparison.Ordinal);
}
