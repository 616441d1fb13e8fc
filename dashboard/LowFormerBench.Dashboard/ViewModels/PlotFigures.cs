using System.Globalization;
using LowFormerBench.Core.Figures;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Regression;

namespace LowFormerBench.Dashboard.ViewModels;

/// <summary>
/// The Plots page's figures from <see cref="PlotsViewModel"/>: one <see cref="Figure"/> each, drawn live by Plotly
/// and on the server as SVG. Points are labelled with the model and whatever else tells them apart; legends name
/// agent and device. Other pages (energy, blocks) build their figures the same way.
/// </summary>
public static class PlotFigures
{
    public const string LatencyAxis = "median latency at batch 1 (ms, log scale)";
    public const string Top1Axis = "ImageNet top-1 (%, published)";

    public static Figure SpeedAccuracy(PlotsViewModel model)
    {
        var all = model.Series.SelectMany(s => s.WithTop1).Select(p => p.Result).ToList();
        var label = ConfigurationLabel.Distinguishing(all, "batch");
        var series = new List<FigureSeries>();
        for (var i = 0; i < model.Series.Count; i++)
        {
            var s = model.Series[i];
            var name = SeriesName.Of(s.Agent, model.Devices.GetValueOrDefault(s.Agent));
            series.Add(Points(name, FigurePalette.Of(i), s.WithTop1.Select(p => Point(p.Result, p.LatencyMs, p.Top1!.Value, label))));
            series.Add(Front($"{s.Agent}: Pareto front", FigurePalette.Of(i), s.Front.Select(p => Point(p.Result, p.LatencyMs, p.Top1!.Value, label))));
        }

        return new Figure("speed-accuracy", "Top-1 vs latency", new Axis(LatencyAxis, AxisScale.Log), new Axis(Top1Axis), series);
    }

    public static Figure ThroughputAccuracy(PlotsViewModel model)
    {
        var all = model.Throughput.SelectMany(s => s.WithTop1).Select(p => p.Result).ToList();
        var label = ConfigurationLabel.Distinguishing(all, "batch");
        var series = new List<FigureSeries>();
        for (var i = 0; i < model.Throughput.Count; i++)
        {
            var s = model.Throughput[i];
            var color = FigurePalette.Of(model.Series.Select(a => a.Agent).ToList().IndexOf(s.Agent) is >= 0 and var at ? at : i);
            var name = SeriesName.Of(s.Agent, model.Devices.GetValueOrDefault(s.Agent));
            series.Add(Points(name, color, s.WithTop1.Select(p => Point(p.Result, p.ImagesPerSecond, p.Top1!.Value, label, $" (batch {p.Batch})"))));
            series.Add(Front($"{s.Agent}: Pareto front", color, s.Front.Select(p => Point(p.Result, p.ImagesPerSecond, p.Top1!.Value, label))));
        }

        return new Figure("throughput-accuracy", "Top-1 vs throughput", new Axis("throughput at the best batch (images/s, log scale)", AxisScale.Log),
            new Axis(Top1Axis), series);
    }

    public static Figure MacsLatency(PlotsViewModel model)
    {
        var all = model.Series.SelectMany(s => s.Points).Select(p => p.Result).ToList();
        var label = ConfigurationLabel.Distinguishing(all, "batch");
        var series = model.Series.Select((s, i) => Points(SeriesName.Of(s.Agent, model.Devices.GetValueOrDefault(s.Agent)), FigurePalette.Of(i),
            s.Points.Select(p => Point(p.Result, p.GigaMacs, p.LatencyMs, label)))).ToList();
        return new Figure("macs-latency", "MACs vs measured latency", new Axis("MACs (G, log scale)", AxisScale.Log), new Axis(LatencyAxis, AxisScale.Log),
            series);
    }

    public static Figure Resolution(PlotsViewModel model) => new("latency-resolution", $"Latency vs input resolution on {model.Agent}",
        new Axis("input resolution (px)"), new Axis(LatencyAxis, AxisScale.Log),
        [.. model.ResolutionLines.Select((line, i) => new FigureSeries(line.Name, FigurePalette.Of(i), SeriesStyle.LinesAndMarkers,
            [.. line.Points.Select(p => new FigurePoint(p.Resolution, p.LatencyMs, "", $"{line.Name} · {p.Resolution} px: {Ms(p.LatencyMs)}"))],
            ShowLabels: false))]);

    public static Figure History(ResultHistory history)
    {
        var categories = history.Points.Select(p => "#" + p.CampaignId.ToString(CultureInfo.InvariantCulture)).ToList();
        int IndexOf(long campaign) => history.Points.ToList().FindIndex(p => p.CampaignId == campaign);
        var series = new List<FigureSeries>
        {
            new(history.Key.ToString(), FigurePalette.Of(0), SeriesStyle.LinesAndMarkers,
                [.. history.Points.Select((p, i) => new FigurePoint(i, p.MedianMs, "",
                    $"campaign {p.CampaignId}, {p.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}: {Ms(p.MedianMs)}"))], ShowLabels: false),
        };
        // A change marks the first campaign of the new level: red where it got slower, green where faster.
        foreach (var (slower, name, color) in new[] { (true, "slower (regression)", "#d62728"), (false, "faster", "#2ca02c") })
        {
            var changes = history.Changes.Where(c => c.Change > 0 == slower).ToList();
            if (changes.Count > 0)
            {
                series.Add(new FigureSeries(name, color, SeriesStyle.Markers,
                    [.. changes.Select(c => new FigurePoint(IndexOf(c.CampaignId), c.AfterMedianMs, ChangeText(c), $"campaign {c.CampaignId}: {ChangeText(c)}"))],
                    Symbol: "x"));
            }
        }

        return new Figure("history", $"History of {history.Key}", new Axis("campaign", Categories: categories), new Axis("median latency (ms)"), series);
    }

    /// <summary>The Results page's models × agents matrix as a picture (latency, and the speed-up against the reference).</summary>
    public static MatrixFigure Matrix(SpeedupMatrix matrix, string scope) => new("speedup-matrix",
        matrix.Reference is { } reference ? $"Speed-up against {reference} (median latency at batch 1)" : "Median latency at batch 1",
        scope, [.. matrix.Rows.Select(r => r.Model)], matrix.Agents,
        [.. matrix.Rows.Select(r => (IReadOnlyList<MatrixCell?>)[.. r.Cells.Select(Cell)])], matrix.Reference);

    private static MatrixCell? Cell(SpeedupCell? c) => c is null
        ? null
        : new MatrixCell(Ms(c.LatencyMs) + (c.Speedup is { } s ? $"  {s.ToString("0.00", CultureInfo.InvariantCulture)}×" : ""), c.Speedup);

    public static string ChangeText(ChangePoint change) =>
        $"{change.BeforeMedianMs.ToString("0.000", CultureInfo.InvariantCulture)} → {change.AfterMedianMs.ToString("0.000", CultureInfo.InvariantCulture)} ms "
        + $"({(change.Change >= 0 ? "+" : "")}{(change.Change * 100).ToString("0.0", CultureInfo.InvariantCulture)} %)";

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + " ms";

    private static FigurePoint Point(ResultView r, double x, double y, Func<ResultView, string> label, string suffix = "") =>
        new(x, y, label(r) + suffix, $"{ConfigurationLabel.Full(r)} on {r.Agent}: {Ms(r.Summary.P50Ms)} p50, {r.Summary.ThroughputIps.ToString("0.#", CultureInfo.InvariantCulture)} images/s"
            + (r.Top1 is { } top1 ? $", top-1 {top1.ToString("0.0", CultureInfo.InvariantCulture)} %" : ""));

    private static FigureSeries Points(string name, string color, IEnumerable<FigurePoint> points) =>
        new(name, color, SeriesStyle.Markers, [.. points]);

    private static FigureSeries Front(string name, string color, IEnumerable<FigurePoint> points) =>
        new(name, color, SeriesStyle.Line, [.. points], ShowLabels: false);
}
