namespace LowFormerBench.Coordinator.Storage;

/// <summary>The few SQL expressions SQLite and PostgreSQL spell differently; everything else the stores write is portable.</summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(StorageEngine.Sqlite);

    public static readonly SqlDialect Postgres = new(StorageEngine.Postgres);

    private SqlDialect(StorageEngine engine) => Engine = engine;

    public StorageEngine Engine { get; }

    /// <summary>
    /// <c>column</c> is one of the list parameter's values. Dapper expands <c>IN @p</c> for SQLite and passes an array to
    /// Npgsql, which PostgreSQL matches with <c>= ANY</c>.
    /// </summary>
    public string InList(string column, string parameter) =>
        Engine == StorageEngine.Postgres ? $"{column} = ANY({parameter})" : $"{column} IN {parameter}";

    /// <summary>The text of one top-level key of a JSON object column; <paramref name="keyParameter"/> holds <see cref="JsonKey"/>'s value.</summary>
    public string JsonText(string column, string keyParameter) =>
        Engine == StorageEngine.Postgres ? $"({column}::jsonb ->> {keyParameter})" : $"json_extract({column}, {keyParameter})";

    /// <summary>The parameter value naming <paramref name="key"/> for <see cref="JsonText"/>: a quoted JSON path in SQLite, the bare key in PostgreSQL.</summary>
    public string JsonKey(string key) =>
        Engine == StorageEngine.Postgres ? key : $"$.\"{key.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    /// <summary>1-based position of <paramref name="needle"/> in <paramref name="haystack"/>, 0 when absent (no LIKE wildcards).</summary>
    public string Position(string haystack, string needle) =>
        Engine == StorageEngine.Postgres ? $"strpos({haystack}, {needle})" : $"instr({haystack}, {needle})";
}
