using System.Diagnostics.CodeAnalysis;

namespace LowFormerBench.Core.Models;

/// <summary>
/// A model file's SHA-256 as 64 lowercase hex characters: what names a blob in the coordinator's store and in an agent's
/// cache. Parsed once where a digest arrives (a request, an assignment, a stored row), so nothing that is not one (a
/// "../../x", an absolute path, an empty string) can ever reach a path.
/// </summary>
public readonly record struct ModelDigest
{
    public const int Length = 64;

    private readonly string? _hex;

    private ModelDigest(string hex) => _hex = hex;

    /// <summary>The 64 lowercase hex characters.</summary>
    public string Hex => _hex ?? throw new InvalidOperationException("an unset ModelDigest (default) names no model");

    /// <summary>The file name a store or cache keeps this model under: <c>&lt;hex&gt;.onnx</c>.</summary>
    public string FileName => Hex + ".onnx";

    public static bool TryParse([NotNullWhen(true)] string? text, out ModelDigest digest)
    {
        digest = default;
        if (text is null || text.Length != Length)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        digest = new ModelDigest(text);
        return true;
    }

    /// <exception cref="FormatException">Not 64 lowercase hex characters; the message says what arrived (shortened).</exception>
    public static ModelDigest Parse(string? text) => TryParse(text, out var digest)
        ? digest
        : throw new FormatException(Describe(text));

    /// <summary>The digest of bytes already hashed (a SHA-256 of 32 bytes).</summary>
    public static ModelDigest FromHash(ReadOnlySpan<byte> sha256) => sha256.Length == 32
        ? new ModelDigest(Convert.ToHexStringLower(sha256))
        : throw new ArgumentException($"a SHA-256 is 32 bytes, not {sha256.Length}", nameof(sha256));

    /// <summary>Why <paramref name="text"/> is not a digest, for refusals.</summary>
    public static string Describe(string? text)
    {
        var shown = text is null ? "nothing" : text.Length > 80 ? $"'{text[..80]}…' ({text.Length} characters)" : $"'{text}'";
        return $"{shown} is not a SHA-256 of a model: expected 64 lowercase hex characters (0-9, a-f)";
    }

    public override string ToString() => _hex ?? "";
}
