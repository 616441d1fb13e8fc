using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LowFormerBench.Coordinator.Tests.Security;

/// <summary>A throwaway farm CA, written as PEM files the way an operator would hold them (openssl's layout).</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lfb-certs");

    public TestCertificates(string caName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={caName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CaPath = Path.Combine(_directory.FullName, "ca.pem");
        File.WriteAllText(CaPath, Ca.ExportCertificatePem());
    }

    public X509Certificate2 Ca { get; }

    public string CaPath { get; }

    /// <summary>A server certificate for 127.0.0.1 and localhost: (certificate PEM path, key PEM path).</summary>
    public (string Certificate, string Key) IssueServer() => Issue("coordinator", server: true);

    /// <summary>A client certificate (an agent's): (certificate PEM path, key PEM path).</summary>
    public (string Certificate, string Key) IssueClient(string name) => Issue(name, server: false);

    public X509Certificate2 LoadClient(string name)
    {
        var (certificate, key) = IssueClient(name);
        return Core.Security.CertificateTrust.LoadWithKey(certificate, key, null);
    }

    private (string, string) Issue(string name, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        using var issued = request.Create(Ca, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12),
            RandomNumberGenerator.GetBytes(12));
        var certificatePath = Path.Combine(_directory.FullName, $"{name}.pem");
        var keyPath = Path.Combine(_directory.FullName, $"{name}.key");
        File.WriteAllText(certificatePath, issued.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    public void Dispose()
    {
        Ca.Dispose();
        _directory.Delete(recursive: true);
    }
}
