namespace LowFormerBench.ModelZoo.Probes.Families;

/// <summary>Checks a family's parameter lists against what it accepts, collecting every problem with its allowed values.</summary>
internal sealed class ParameterCheck(ProbeFamily family, List<string> errors)
{
    public const int MaxChannels = 1024;
    public const int MaxResolution = 224;

    public List<string> Errors => errors;

    public IReadOnlyList<int> OneOf(string key, IReadOnlyList<int>? given, IReadOnlyList<int> defaults, IReadOnlyList<int> allowed)
    {
        var values = given ?? defaults;
        foreach (var bad in values.Where(v => !allowed.Contains(v)))
        {
            Fail($"{key} {bad} is not allowed; allowed: {string.Join(", ", allowed)}");
        }

        return Checked(key, values);
    }

    public IReadOnlyList<int> InRange(string key, IReadOnlyList<int>? given, IReadOnlyList<int> defaults, int min, int max)
    {
        var values = given ?? defaults;
        foreach (var bad in values.Where(v => v < min || v > max))
        {
            Fail($"{key} {bad} is out of range; allowed: {min} to {max}");
        }

        return Checked(key, values);
    }

    public IReadOnlyList<string> Names(string key, IReadOnlyList<string>? given, IReadOnlyList<string> defaults, IReadOnlyList<string> allowed)
    {
        var values = given ?? defaults;
        foreach (var bad in values.Where(v => !allowed.Contains(v)))
        {
            Fail($"{key} '{bad}' is not known; allowed: {string.Join(", ", allowed)}");
        }

        if (values.Count == 0)
        {
            Fail($"{key} must list at least one value; allowed: {string.Join(", ", allowed)}");
        }

        return values;
    }

    public void Fail(string problem) => errors.Add($"probe {family.Name()}: {problem}");

    public void Fail(string probe, string problem) => errors.Add($"probe {probe}: {problem}");

    private IReadOnlyList<int> Checked(string key, IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            Fail($"{key} must list at least one value");
        }

        return values;
    }
}
