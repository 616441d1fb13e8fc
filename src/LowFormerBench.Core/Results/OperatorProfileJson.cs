using System.Text.Json;

namespace LowFormerBench.Core.Results;

/// <summary>
/// The operator profile as it travels (JobResult.operator_profile_json) and is stored (results.operator_profile_json):
/// snake_case JSON, the same names <c>lfb measure --profile --format json</c> prints.
/// </summary>
public static class OperatorProfileJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Serialize(OperatorProfile profile) => JsonSerializer.Serialize(profile, Options);

    /// <exception cref="InvalidDataException">Not a profile in this format.</exception>
    public static OperatorProfile Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<OperatorProfile>(json, Options)
                   ?? throw new InvalidDataException("the operator profile JSON is null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the operator profile JSON cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// What makes a parsed profile unusable: JSON that parses can still lack its lists (<c>{}</c> leaves them unset, and
    /// every reader would then fail) or carry negative times. Empty when the profile can be stored and shown.
    /// </summary>
    public static IReadOnlyList<string> Problems(OperatorProfile profile)
    {
        var problems = new List<string>();
        if (profile.Operators.IsDefault || profile.Nodes.IsDefault || profile.Notes.IsDefault || profile.OptimizationLevel is null)
        {
            problems.Add("optimization_level, operators, nodes and notes must all be present (the lists possibly empty)");
            return problems;
        }

        if (profile.ProfiledRuns < 0 || !double.IsFinite(profile.KernelMs) || profile.KernelMs < 0 || profile.ModelMacs < 0 || profile.AttributedMacs < 0)
        {
            problems.Add("profiled_runs, kernel_ms, model_macs and attributed_macs must be finite and not negative");
        }

        if (profile.Operators.Any(o => o is null || o.OpType is null || !Fine(o.TimeMs) || !Fine(o.TimeShare) || !Fine(o.MacShare) || o.Kernels < 0 || o.Macs < 0))
        {
            problems.Add("every operator needs an op_type and finite, non-negative kernels, time_ms, time_share, macs and mac_share");
        }

        if (profile.Nodes.Any(n => n is null || n.Kernel is null || n.KernelOp is null || n.OpType is null || n.Provider is null
                                   || !Fine(n.TimeMs) || !Fine(n.TimeShare) || !Fine(n.MacShare) || n.Macs < 0))
        {
            problems.Add("every node needs kernel, kernel_op, op_type and provider, and finite, non-negative time_ms, time_share, macs and mac_share");
        }

        if (profile.Notes.Any(n => n is null))
        {
            problems.Add("notes must be strings");
        }

        return problems;
    }

    private static bool Fine(double value) => double.IsFinite(value) && value >= 0;
}
