using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace LowFormerBench.Core.Security;

/// <summary>
/// Certificates of a farm's own CA: the coordinator checks agents' client certificates against it, and agents and the
/// CLI check the coordinator's server certificate against it, without installing the CA in the machine's store.
/// </summary>
public static class CertificateTrust
{
    /// <summary>Every certificate in a PEM file (a CA, or a bundle).</summary>
    public static X509Certificate2Collection LoadPemBundle(string path)
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(path);
        if (bundle.Count == 0)
        {
            throw new InvalidDataException($"{path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }

        return bundle;
    }

    /// <summary>A certificate with its private key: PEM (key in <paramref name="keyPath"/> or in the same file) or PKCS#12.</summary>
    public static X509Certificate2 LoadWithKey(string certificatePath, string? keyPath, string? password)
    {
        var extension = Path.GetExtension(certificatePath).ToLowerInvariant();
        if (extension is ".pfx" or ".p12")
        {
            return X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password);
        }

        var key = string.IsNullOrWhiteSpace(keyPath) ? certificatePath : keyPath;
        var certificate = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(certificatePath, key)
            : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, key);
        // SslStream wants a key it can hand to the TLS stack; a PKCS#12 round trip gives one on every platform.
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }

    /// <summary>Whether <paramref name="certificate"/> chains to one of <paramref name="roots"/> (and only those).</summary>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection roots, X509Certificate2Collection? intermediates = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        // A private farm CA publishes no revocation lists; revoke an agent by its per-agent token instead.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (intermediates is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        }

        return chain.Build(certificate);
    }

    /// <summary>A client-side check of the server certificate: the usual checks, except that the roots are the farm's CA.</summary>
    public static RemoteCertificateValidationCallback TrustOnly(X509Certificate2Collection roots) =>
        (_, certificate, chain, errors) =>
        {
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                return false;
            }

            var extra = chain is null ? null : new X509Certificate2Collection(chain.ChainElements.Select(e => e.Certificate).ToArray());
            return ChainsTo(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), roots, extra);
        };
}
