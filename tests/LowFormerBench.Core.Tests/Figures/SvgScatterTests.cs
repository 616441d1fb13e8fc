using System.Xml.Linq;
using LowFormerBench.Core.Figures;
using Xunit;

namespace LowFormerBench.Core.Tests.Figures;

public sealed class SvgScatterTests
{
    private static readonly Figure Speed = new("speed", "Top-1 vs latency <test>", new Axis("latency (ms, log scale)", AxisScale.Log), new Axis("top-1 (%)"),
    [
        new FigureSeries("x64 (EPYC)", "#1f77b4", SeriesStyle.Markers,
            [new FigurePoint(4.1, 78.4, "lowformer-b0", "lowformer-b0 · 224 px"), new FigurePoint(5.2, 69.8, "resnet18", "resnet18 · 224 px")]),
        new FigureSeries("x64: Pareto front", "#1f77b4", SeriesStyle.Line, [new FigurePoint(4.1, 78.4, "", "")], ShowLabels: false),
    ]);

    [Fact]
    public void Render_WellFormedWithOnePointAndLabelPerMeasuredPoint()
    {
        var svg = XDocument.Parse(SvgScatter.Render(Speed));
        XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.Equal(2, svg.Descendants(ns + "circle").Count(c => (string?)c.Attribute("class") == "trace-point"));
        Assert.Equal(["lowformer-b0", "resnet18"], svg.Descendants(ns + "text").Where(t => (string?)t.Attribute("class") == "point-label").Select(t => t.Value));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "x64 (EPYC)");
        Assert.Equal("Top-1 vs latency <test>", svg.Descendants(ns + "title").First().Value);
    }

    [Fact]
    public void Render_Matrix_CellPerAgentAndModel()
    {
        var figure = new MatrixFigure("m", "Speed-up", "latest campaign", ["a", "b"], ["x64", "pi5"],
            [[new MatrixCell("4.1 ms 1.27×", 1.27), null], [new MatrixCell("5.2 ms", null), new MatrixCell("60 ms", 0.5)]], "b");

        var svg = XDocument.Parse(SvgMatrix.Render(figure));

        Assert.Equal(4, svg.Descendants().Count(e => (string?)e.Attribute("class") == "matrix-cell"));
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text" && e.Value == "4.1 ms 1.27×");
    }
}
