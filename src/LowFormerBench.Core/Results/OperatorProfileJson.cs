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
}
