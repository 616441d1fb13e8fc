using System.Collections.Immutable;
using System.Globalization;

namespace LowFormerBench.Core.Jobs;

/// <summary>
/// The batch sizes of a throughput batch sweep, one rule for <c>lfb measure --batch-sweep</c> and a suite's
/// <c>batch_sweep</c>: a list as given ("1,8,64"), or a maximum ("64") meaning the powers of two up to it, the
/// maximum itself included.
/// </summary>
public static class BatchSweepSizes
{
    public const int MaxBatch = JobSpec.MaxBatch;

    public const string Hint = "give a list such as 1,2,4,8 or a maximum such as 32";

    /// <summary>Parses "1,2,4,16" or "N".</summary>
    /// <param name="error">Why <paramref name="text"/> is not a sweep, naming the bad part and what to give.</param>
    public static bool TryParse(string? text, out ImmutableArray<int> batches, out string error)
    {
        batches = [];
        error = string.Empty;
        var parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value is < 1 or > MaxBatch)
            {
                error = $"batch sweep '{text}': '{part}' is not a batch size from 1 to {MaxBatch}; {Hint}";
                return false;
            }

            values.Add(value);
        }

        if (values.Count == 0)
        {
            error = $"batch sweep '{text}' is empty; {Hint}";
            return false;
        }

        batches = values.Count == 1 ? UpTo(values[0]) : FromList(values);
        return true;
    }

    /// <summary>The powers of two below <paramref name="max"/>, then <paramref name="max"/>.</summary>
    public static ImmutableArray<int> UpTo(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var values = new List<int>();
        for (var b = 1; b < max; b *= 2)
        {
            values.Add(b);
        }

        values.Add(max);
        return [.. values];
    }

    /// <summary>The given batches without repeats, smallest first.</summary>
    public static ImmutableArray<int> FromList(IEnumerable<int> batches) => [.. batches.Distinct().Order()];
}
