using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace LowFormerBench.Cli.Rendering;

/// <summary>RFC 4180 CSV of flat records, with the same snake_case names as the JSON output.</summary>
public static class CsvOutput
{
    public static void Write<T>(IEnumerable<T> rows)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => IsFlat(p.PropertyType)).ToArray();
        Console.Out.WriteLine(string.Join(',', properties.Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name))));
        foreach (var row in rows)
        {
            Console.Out.WriteLine(string.Join(',', properties.Select(p => Field(p.GetValue(row)))));
        }
    }

    // Nested records (an operator profile) do not fit a column; JSON carries them.
    private static bool IsFlat(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTimeOffset) || t == typeof(DateTime);
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
