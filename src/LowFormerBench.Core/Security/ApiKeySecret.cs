using System.Security.Cryptography;
using System.Text;

namespace LowFormerBench.Core.Security;

/// <summary>
/// An API key as a user holds it: <c>lfb_&lt;id&gt;_&lt;secret&gt;</c>. The id (12 hex digits) finds the stored row
/// without a scan; the secret is 32 random bytes, so a plain SHA-256 of the whole key is enough to store (no one can
/// guess a 256-bit secret, so a slow password hash would buy nothing).
/// </summary>
public sealed record ApiKeySecret(string Id, string Plaintext)
{
    private const string Prefix = "lfb_";
    private const int IdLength = 12;

    public static ApiKeySecret Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new ApiKeySecret(id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>The key's parts when <paramref name="presented"/> has the shape of a key; null otherwise.</summary>
    public static ApiKeySecret? TryParse(string? presented)
    {
        if (presented is null || presented.Length < Prefix.Length + IdLength + 2 || !presented.StartsWith(Prefix, StringComparison.Ordinal)
            || presented[Prefix.Length + IdLength] != '_')
        {
            return null;
        }

        var id = presented.Substring(Prefix.Length, IdLength);
        return id.All(Uri.IsHexDigit) ? new ApiKeySecret(id.ToLowerInvariant(), presented) : null;
    }

    public byte[] Hash() => SHA256.HashData(Encoding.UTF8.GetBytes(Plaintext));

    /// <summary>Constant-time comparison with a stored hash.</summary>
    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(), storedHash);
}

/// <summary>Who a verified credential belongs to.</summary>
public sealed record ApiIdentity(string KeyId, string Name, ApiRole Role);
