using System.Globalization;

namespace LowFormerBench.Measurement.ExecutionProviders;

/// <summary>
/// One option a provider accepts: its key (ONNX Runtime's own name where it has one, so a stored
/// result can be reproduced by passing the same keys to ORT), what it does, its default, and how a
/// value is checked and normalised. A harness option (<see cref="IsHarnessOption"/>) is this runner's own,
/// not ORT's: it is recorded with the result like the others but never handed to ORT.
/// </summary>
public sealed class ProviderOption
{
    private readonly Func<string, (string? Value, string? Error)> parse;

    private ProviderOption(string key, string description, string? defaultValue, Func<string, (string?, string?)> parse, bool isHarnessOption = false)
    {
        Key = key;
        Description = description;
        Default = defaultValue;
        IsHarnessOption = isHarnessOption;
        this.parse = parse;
    }

    public string Key { get; }

    public string Description { get; }

    /// <summary>ONNX Runtime's own default, recorded explicitly in results; null where it has none worth recording (paths, sizes).</summary>
    public string? Default { get; }

    /// <summary>
    /// The runner's own option (how it binds memory), not ORT's: part of the effective options, so of the result
    /// and the environment fingerprint, but left out of the provider options given to ORT, which rejects keys it does not know.
    /// </summary>
    public bool IsHarnessOption { get; }

    /// <summary>This option as one of the runner's own, never passed to ORT.</summary>
    public ProviderOption AsHarnessOption() => new(Key, Description, Default, parse, isHarnessOption: true);

    public static ProviderOption Integer(string key, long min, long max, string? defaultValue, string description) =>
        new(key, description, defaultValue, raw =>
            long.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? (value.ToString(CultureInfo.InvariantCulture), null)
                : (null, $"{key} must be an integer from {min} to {max}, got '{raw}'"));

    public static ProviderOption Flag(string key, string defaultValue, string description) =>
        new(key, description, defaultValue, raw => raw.Trim().ToLowerInvariant() switch
        {
            "1" or "true" or "on" => ("1", null),
            "0" or "false" or "off" => ("0", null),
            _ => (null, $"{key} must be 0 or 1, got '{raw}'"),
        });

    public static ProviderOption Choice(string key, IReadOnlyList<string> choices, string defaultValue, string description) =>
        new(key, description, defaultValue, raw =>
            choices.FirstOrDefault(c => string.Equals(c, raw.Trim(), StringComparison.OrdinalIgnoreCase)) is { } choice
                ? (choice, null)
                : (null, $"{key} must be one of {string.Join(", ", choices)}, got '{raw}'"));

    public static ProviderOption Text(string key, string description) =>
        new(key, description, null, raw =>
            string.IsNullOrWhiteSpace(raw) ? (null, $"{key} must not be empty") : (raw.Trim(), null));

    /// <summary>The normalised value, or an error message that names the key and what it accepts.</summary>
    public (string? Value, string? Error) Parse(string raw) => parse(raw ?? string.Empty);

    public override string ToString() => Default is null ? $"{Key}: {Description}" : $"{Key} (default {Default}): {Description}";
}
