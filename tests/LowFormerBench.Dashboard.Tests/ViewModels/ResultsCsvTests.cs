using LowFormerBench.Dashboard.Tests.Fakes;
using LowFormerBench.Dashboard.ViewModels;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.ViewModels;

public sealed class ResultsCsvTests
{
    [Fact]
    public async Task Write_HeaderThenOneLinePerResult_InvariantNumbers()
    {
        var writer = new StringWriter();

        await ResultsCsv.WriteAsync([Sample.Result(7, "lowformer-b0", "x64-box", 1.25, 78.4)], writer, CancellationToken.None);

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(ResultsCsv.Header, lines[0]);
        var fields = lines[1].Split(',');
        Assert.Equal(ResultsCsv.Header.Split(',').Length, fields.Length);
        Assert.Equal(["7", "1", "lowformer-b0"], fields[..3]);
        Assert.Equal("1.25", fields[Array.IndexOf(ResultsCsv.Header.Split(','), "p50_ms")]);
        Assert.Equal("78.4", fields[Array.IndexOf(ResultsCsv.Header.Split(','), "top1")]);
    }

    [Fact]
    public void Row_TimesAndThroughput_RoundedToSensibleDigits()
    {
        var fields = ResultsCsv.Row(Sample.Result(1, "m", "a", 1.234567891, null)).Split(',');
        var header = ResultsCsv.Header.Split(',');

        Assert.Equal("1.2346", fields[Array.IndexOf(header, "p50_ms")]);
        Assert.Equal("810", fields[Array.IndexOf(header, "throughput_ips")]);
    }

    [Fact]
    public void Row_FieldWithCommaOrQuote_QuotedAndDoubled()
    {
        var row = ResultsCsv.Row(Sample.Result(1, "my \"net\", v2", "agent", 1, null));

        Assert.StartsWith("1,1,\"my \"\"net\"\", v2\",", row, StringComparison.Ordinal);
        Assert.Contains(",,false,", row, StringComparison.Ordinal);
    }
}
