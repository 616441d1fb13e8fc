namespace LowFormerBench.Core.Suites;

/// <summary>
/// A <c>probes:</c> entry of a suite: a shipped set by name, or one family with parameter lists. Family and parameter
/// names and their ranges are checked later, by whoever knows the zoo's probes, with <see cref="Location"/> in the message.
/// </summary>
/// <param name="Set">Set name (<c>paper-blocks</c>), or null for a family entry.</param>
/// <param name="Family">Family name, or null for a set.</param>
/// <param name="Parameters">The family's parameters, each a list of values as written.</param>
public sealed record SuiteProbe(string? Set, string? Family, IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters, SuiteLocation Location);
