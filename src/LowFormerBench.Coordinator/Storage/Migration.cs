namespace LowFormerBench.Coordinator.Storage;

/// <summary>
/// One step of the schema, in the one ordered list both engines follow: its version, its name, and its text for each
/// engine (<c>Migrations/NNNN_name.sql</c> for SQLite, <c>Migrations/Postgres/NNNN_name.sql</c> for PostgreSQL).
/// </summary>
public sealed record Migration(long Version, string Name, string? SqliteSql, string? PostgresSql)
{
    /// <summary>The text for <paramref name="engine"/>; a step written for one engine only fails with the file to add.</summary>
    public string SqlFor(StorageEngine engine) => (engine == StorageEngine.Postgres ? PostgresSql : SqliteSql)
        ?? throw new InvalidOperationException(engine == StorageEngine.Postgres
            ? $"migration {Name} has no PostgreSQL text: add src/LowFormerBench.Coordinator/Storage/Migrations/Postgres/{Name}"
            : $"migration {Name} has no SQLite text: add src/LowFormerBench.Coordinator/Storage/Migrations/{Name}");

    /// <summary>Every migration embedded in this build, oldest first.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    private static List<Migration> Load()
    {
        var assembly = typeof(Migration).Assembly;
        var texts = new SortedDictionary<string, (string? Sqlite, string? Postgres)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var engine = resource.StartsWith("migrations/sqlite/", StringComparison.Ordinal) ? StorageEngine.Sqlite
                : resource.StartsWith("migrations/postgres/", StringComparison.Ordinal) ? StorageEngine.Postgres
                : (StorageEngine?)null;
            if (engine is null)
            {
                continue;
            }

            var name = resource[(resource.LastIndexOf('/') + 1)..];
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            var sql = reader.ReadToEnd();
            var pair = texts.GetValueOrDefault(name);
            texts[name] = engine == StorageEngine.Sqlite ? pair with { Sqlite = sql } : pair with { Postgres = sql };
        }

        var list = texts.Select(t => new Migration(long.Parse(t.Key[..4], System.Globalization.CultureInfo.InvariantCulture), t.Key, t.Value.Sqlite, t.Value.Postgres)).ToList();
        var twice = list.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? list : throw new InvalidOperationException(
            $"migrations {string.Join(" and ", twice.Select(m => m.Name))} share version {twice.Key}: give one the next free number");
    }
}
