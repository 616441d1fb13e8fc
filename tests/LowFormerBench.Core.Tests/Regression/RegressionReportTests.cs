using LowFormerBench.Core.Regression;
using Xunit;

namespace LowFormerBench.Core.Tests.Regression;

public sealed class RegressionReportTests
{
    private static readonly KeyValuePair<string, string>[] Context =
    [
        new("commit", "0123abcd"), new("branch", "feature/faster-attention"), new("run", "https://github.com/acme/lowformer/actions/runs/42"),
    ];

    [Fact]
    public void MarkdownReport_EveryVerdict_MatchesGoldenFile() =>
        GoldenFile.Verify("regression/report.md", MarkdownReport.Write(Report(), Context));

    [Fact]
    public void JUnitReport_EveryVerdict_MatchesGoldenFile() =>
        GoldenFile.Verify("regression/report.junit.xml", JUnitReport.Write(Report()));

    [Fact]
    public void JUnitReport_SlowerRow_OneFailure()
    {
        var xml = System.Xml.Linq.XDocument.Parse(JUnitReport.Write(Report()));

        Assert.Equal(Report().Rows.Count, xml.Descendants("testcase").Count());
        Assert.Single(xml.Descendants("failure"));
    }

    /// <summary>One row of each verdict, from seeded simulated samples.</summary>
    internal static RegressionReport Report()
    {
        var random = new Random(42);
        RowKey Key(string model) => SimulatedRuns.Key with { Model = model };
        var candidate = new List<MeasuredRow>();
        var baseline = new List<MeasuredRow>();
        void Pair(string model, int count, double before, double after, double sigma, string fingerprint = "env-a")
        {
            baseline.Add(SimulatedRuns.Row(SimulatedRuns.Samples(random, count, before, sigma), key: Key(model)));
            candidate.Add(SimulatedRuns.Row(SimulatedRuns.Samples(random, count, after, sigma), fingerprint, Key(model)));
        }

        Pair("slower|net", 200, 10, 11, 0.05);
        Pair("faster-net", 200, 10, 9, 0.05);
        Pair("same-net", 200, 10, 10, 0.02);
        Pair("noisy-net", 10, 10, 10.5, 0.25);
        Pair("moved-net", 50, 10, 10, 0.05, "env-b");
        candidate.Add(SimulatedRuns.Row(SimulatedRuns.Samples(random, 20, 3, 0.05), key: Key("new-net")));
        baseline.Add(SimulatedRuns.Row(SimulatedRuns.Samples(random, 20, 3, 0.05), key: Key("gone-net")));
        var spread = new Dictionary<RowKey, double> { [Key("same-net")] = 0.004, [Key("slower|net")] = 0.01 };
        return RegressionComparer.Compare(12, candidate, 9, baseline, RegressionOptions.Default with { AssumedRunToRunSpread = 0 }, spread) with { HistoryCampaigns = 5 };
    }
}
