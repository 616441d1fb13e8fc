using System.Globalization;
using LowFormerBench.Core.Queries;

namespace LowFormerBench.Core.Figures;

/// <summary>
/// What a plotted point is: model, resolution, batch, precision, provider (and runtime, once results carry one).
/// Every plot and table names its points through here, so a dimension added to results is one line in
/// <see cref="Parts"/> and shows everywhere.
/// </summary>
public static class ConfigurationLabel
{
    /// <summary>The dimensions of a configuration, in reading order.</summary>
    public static IReadOnlyList<LabelPart> Parts(ResultView r) =>
    [
        new("model", r.Model),
        new("resolution", r.Resolution > 0 ? r.Resolution.ToString(CultureInfo.InvariantCulture) + " px" : "file's input"),
        new("batch", "batch " + r.Batch.ToString(CultureInfo.InvariantCulture)),
        new("precision", r.Precision),
        new("provider", Provider(r.Provider)),
    ];

    /// <summary>Everything about the point: a tooltip, a legend of one point, a table cell's title.</summary>
    public static string Full(ResultView r) => string.Join(" · ", Parts(r).Select(p => p.Value));

    /// <summary>
    /// A short label for each point: the model, plus the dimensions that differ among the given points (so the
    /// same model at 128 and 224 px reads "lowformer-b0 128 px" and "lowformer-b0 224 px", and a plot of one
    /// configuration each reads the model alone). Dimensions listed in <paramref name="omit"/> are said elsewhere
    /// (an axis, a series name) and left out.
    /// </summary>
    public static Func<ResultView, string> Distinguishing(IReadOnlyCollection<ResultView> points, params string[] omit)
    {
        var varying = points.Count == 0
            ? []
            : Parts(points.First()).Select((part, i) => (part.Name, i))
                .Where(d => d.Name != "model" && !omit.Contains(d.Name, StringComparer.Ordinal)
                    && points.Select(p => Parts(p)[d.i].Value).Distinct(StringComparer.Ordinal).Skip(1).Any())
                .Select(d => d.i)
                .ToList();
        return r =>
        {
            var parts = Parts(r);
            return string.Join(" ", new[] { parts[0].Value }.Concat(varying.Select(i => parts[i].Value)));
        };
    }

    /// <summary>ONNX Runtime's provider names without the common suffix: "CPU", "CUDA", "TensorRT".</summary>
    public static string Provider(string provider) =>
        provider.EndsWith("ExecutionProvider", StringComparison.Ordinal) && provider.Length > "ExecutionProvider".Length
            ? provider[..^"ExecutionProvider".Length]
            : provider;

    /// <summary>"N configurations of M models", or "N models" where each model is measured once: models counted as models.</summary>
    public static string Count(IEnumerable<ResultView> points)
    {
        var list = points.ToList();
        var models = list.Select(p => p.Model).Distinct(StringComparer.Ordinal).Count();
        string Plural(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");
        return list.Count == models ? Plural(models, "model") : $"{Plural(list.Count, "configuration")} of {Plural(models, "model")}";
    }
}

/// <summary>One dimension of a configuration and its text.</summary>
public sealed record LabelPart(string Name, string Value);

/// <summary>A series' legend name: the agent and its device, so a downloaded picture says what ran it.</summary>
public static class SeriesName
{
    public static string Of(string agent, string? device) => string.IsNullOrWhiteSpace(device) ? agent : $"{agent} ({device})";
}
