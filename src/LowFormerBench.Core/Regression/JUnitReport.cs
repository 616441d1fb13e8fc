using System.Globalization;
using System.Text;
using System.Xml;

namespace LowFormerBench.Core.Regression;

/// <summary>
/// The comparison as JUnit XML, one test case per row: slower fails; inconclusive, environment changed and missing
/// are skipped with the reason, so CI dashboards show them without failing the build.
/// </summary>
public static class JUnitReport
{
    public static string Write(RegressionReport report)
    {
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(new StringWriterUtf8(text), settings))
        {
            var failures = report.Count(Verdict.Slower).ToString(CultureInfo.InvariantCulture);
            var skipped = report.Rows.Count(IsSkipped).ToString(CultureInfo.InvariantCulture);
            var tests = report.Rows.Count.ToString(CultureInfo.InvariantCulture);
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "lfb ci");
            xml.WriteAttributeString("tests", tests);
            xml.WriteAttributeString("failures", failures);
            xml.WriteAttributeString("skipped", skipped);
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", $"campaign {report.CandidateCampaignId} vs baseline {report.BaselineCampaignId}");
            xml.WriteAttributeString("tests", tests);
            xml.WriteAttributeString("failures", failures);
            xml.WriteAttributeString("skipped", skipped);
            xml.WriteAttributeString("errors", "0");
            foreach (var row in report.Rows)
            {
                WriteCase(xml, row);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return text.Append('\n').ToString();
    }

    /// <summary>One test case for a run that produced no comparison: an error when the run failed, passed otherwise (no baseline yet).</summary>
    public static string WriteWithoutComparison(string message, bool failed)
    {
        var escaped = System.Security.SecurityElement.Escape(message);
        var body = failed
            ? $"      <error type=\"run failed\" message=\"{escaped}\" />\n"
            : $"      <system-out>{escaped}</system-out>\n";
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" +
               $"<testsuites name=\"lfb ci\" tests=\"1\" failures=\"0\" errors=\"{(failed ? 1 : 0)}\">\n" +
               $"  <testsuite name=\"lfb ci\" tests=\"1\" failures=\"0\" errors=\"{(failed ? 1 : 0)}\" skipped=\"0\">\n" +
               "    <testcase classname=\"lfb\" name=\"benchmark run\">\n" + body + "    </testcase>\n  </testsuite>\n</testsuites>\n";
    }

    private static void WriteCase(XmlWriter xml, RowComparison row)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", $"lfb.{row.Key.Model}");
        xml.WriteAttributeString("name", row.Key.ToString());
        var summary = $"{ReportFormat.VerdictLabel(row)}: {(row.Paired ? "reference" : "baseline")} p50 {ReportFormat.Ms(row.BaselineMedianMs)}, candidate p50 {ReportFormat.Ms(row.CandidateMedianMs)}, " +
                      $"change {ReportFormat.Change(row.Change)}, interval {ReportFormat.Interval(row.Ratio)}, p {ReportFormat.PValue(row.PValue)}" +
                      (row.Note.Length > 0 ? $"; {row.Note}" : "");
        if (row.Verdict == Verdict.Slower)
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("type", "slower");
            xml.WriteAttributeString("message", $"{(row.Paired ? "slower (paired)" : "slower")}: {ReportFormat.Change(row.Change)}, interval {ReportFormat.Interval(row.Ratio)}");
            xml.WriteString(summary);
            xml.WriteEndElement();
        }
        else if (IsSkipped(row))
        {
            xml.WriteStartElement("skipped");
            xml.WriteAttributeString("message", summary);
            xml.WriteEndElement();
        }
        else
        {
            xml.WriteElementString("system-out", summary);
        }

        xml.WriteEndElement();
    }

    private static bool IsSkipped(RowComparison row) => row.Verdict is Verdict.Inconclusive or Verdict.EnvironmentChanged or Verdict.Missing;

    // StringWriter reports UTF-16, which XmlWriter would then declare; the files are written as UTF-8.
    private sealed class StringWriterUtf8(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
