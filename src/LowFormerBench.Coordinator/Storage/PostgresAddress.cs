using System.Text.RegularExpressions;
using Npgsql;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>
/// Reads a <c>--db</c> value naming a PostgreSQL database: a URL (<c>postgres://user:password@host:port/database?sslmode=require</c>,
/// as libpq and most hosting services write it) or an Npgsql connection string (<c>Host=…;Database=…</c>).
/// </summary>
public static partial class PostgresAddress
{
    public static bool IsPostgres(string database) =>
        database.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || database.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || HostKey().IsMatch(database);

    /// <summary>An Npgsql connection string for the value; a malformed one fails with what was wrong.</summary>
    public static string ToConnectionString(string database)
    {
        if (!database.Contains("://", StringComparison.Ordinal))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(database).ConnectionString;
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--db {Redact(database)} is not a valid PostgreSQL connection string: {e.Message}. " +
                    "Write Host=HOST;Port=5432;Database=NAME;Username=USER or postgres://USER@HOST:5432/NAME", nameof(database), e);
            }
        }

        if (!Uri.TryCreate(database, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"--db {Redact(database)} is not a valid PostgreSQL URL; write postgres://USER:PASSWORD@HOST:5432/NAME", nameof(database));
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var name = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (name.Length > 0)
        {
            builder.Database = name;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            try
            {
                // libpq's names where Npgsql spells them differently; the rest are Npgsql keywords as they are.
                builder[key.ToLowerInvariant() switch { "sslmode" => "SSL Mode", "application_name" => "Application Name", _ => key }] = value;
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--db: the URL's parameter {key} is not one PostgreSQL connections know ({e.Message})", nameof(database), e);
            }
        }

        return builder.ConnectionString;
    }

    // A password never goes into an error message or a log.
    private static string Redact(string database) => PasswordPart().Replace(database, "${key}=***");

    [GeneratedRegex(@"(^|;)\s*(host|server)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex HostKey();

    [GeneratedRegex(@"(?<key>password|pwd)\s*=[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPart();
}
