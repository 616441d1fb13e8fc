using System.Globalization;
using LowFormerBench.Core.Queries;

namespace LowFormerBench.Dashboard.ViewModels;

/// <summary>The Results page's filter; a null field matches everything. It travels in the query string so a CSV export matches the page.</summary>
public sealed record ResultFilter(
    string? Model = null,
    string? Agent = null,
    string? Scenario = null,
    string? Provider = null,
    string? Precision = null,
    int? Resolution = null)
{
    public bool Matches(ResultView r) => ToCriteria().Matches(r);

    /// <summary>The same conditions as the store's query criteria.</summary>
    public ResultCriteria ToCriteria() => new(Model, Agent, Scenario, Provider, Precision, Resolution);

    public string ToQueryString()
    {
        var pairs = new (string Key, string? Value)[]
        {
            ("model", Model), ("agent", Agent), ("scenario", Scenario), ("provider", Provider), ("precision", Precision),
            ("resolution", Resolution?.ToString(CultureInfo.InvariantCulture)),
        };
        var set = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return set.Count == 0 ? "" : "?" + string.Join("&", set);
    }

    /// <summary>Reads the fields <see cref="ToQueryString"/> writes; blanks and unparsable resolutions mean "any".</summary>
    public static ResultFilter FromQuery(Func<string, string?> value) => new(
        Blank(value("model")), Blank(value("agent")), Blank(value("scenario")), Blank(value("provider")), Blank(value("precision")),
        int.TryParse(value("resolution"), NumberStyles.None, CultureInfo.InvariantCulture, out var resolution) ? resolution : null);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
