using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>What a move from SQLite to PostgreSQL copied: rows per table, equal on both sides when it returned.</summary>
public sealed record DatabaseCopyReport(IReadOnlyList<(string Table, long Rows)> Tables, TimeSpan Elapsed);

/// <summary>
/// Moves a farm's SQLite file into an empty PostgreSQL database (<c>lfb db migrate</c>): both are brought to this build's
/// schema, then every table the file has is copied, parents before children, with its ids as they are, in ONE
/// PostgreSQL transaction that commits only when each table's row count is the same on both sides. Triggers are off
/// during the copy (result_configurations is copied as it was, not counted again), and identity counters are moved past
/// the copied ids. A table or column the PostgreSQL schema lacks stops the move: nothing is dropped silently.
/// </summary>
public static class DatabaseCopy
{
    public static async Task<DatabaseCopyReport> SqliteToPostgresAsync(string sqlitePath, string postgres, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(sqlitePath))
        {
            throw new FileNotFoundException($"there is no SQLite database at {Path.GetFullPath(sqlitePath)}; pass the farm's file with --from");
        }

        if (!PostgresAddress.IsPostgres(postgres))
        {
            throw new ArgumentException($"--to must name a PostgreSQL database (postgres://USER@HOST:5432/NAME or Host=…;Database=…), not '{postgres}'");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var source = new SqliteConnectionFactory(sqlitePath);
        // The same step `lfb up` takes on the file at start: a farm file from an older lfb gets this build's schema.
        await new Migrator(source).MigrateAsync(cancellationToken);
        await using var target = new PostgresConnectionFactory(postgres);
        await new Migrator(target).MigrateAsync(cancellationToken);

        await using var from = await source.OpenSqliteAsync(cancellationToken: cancellationToken);
        await using var to = (NpgsqlConnection)await target.OpenAsync(cancellationToken);
        // A consistent snapshot of the file even while a coordinator writes to it.
        await using var read = from.BeginTransaction(deferred: true);
        await using var write = await to.BeginTransactionAsync(cancellationToken);
        var tables = await TablesInOrderAsync(from, read, cancellationToken);
        var copied = new List<(string Table, long Rows)>();
        foreach (var table in tables)
        {
            var columns = await ColumnsAsync(from, read, to, table, cancellationToken);
            if (await to.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {table};", transaction: write, cancellationToken: cancellationToken)) > 0)
            {
                throw new InvalidOperationException(
                    $"the PostgreSQL database {target.Location} already holds rows in {table}: move a farm into a new, empty database (createdb NAME)");
            }

            await to.ExecuteAsync(new CommandDefinition($"ALTER TABLE {table} DISABLE TRIGGER USER;", transaction: write, cancellationToken: cancellationToken));
            var rows = await CopyTableAsync(from, read, to, table, columns, cancellationToken);
            await to.ExecuteAsync(new CommandDefinition($"ALTER TABLE {table} ENABLE TRIGGER USER;", transaction: write, cancellationToken: cancellationToken));
            var there = await to.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {table};", transaction: write, cancellationToken: cancellationToken));
            var here = await from.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {table};", transaction: read, cancellationToken: cancellationToken));
            if (rows != here || there != here)
            {
                throw new InvalidOperationException($"copying {table} read {rows} of {here} rows and PostgreSQL holds {there}; nothing was committed");
            }

            await MoveIdentityPastAsync(to, write, table, cancellationToken);
            copied.Add((table, here));
        }

        await write.CommitAsync(cancellationToken);
        return new DatabaseCopyReport(copied, clock.Elapsed);
    }

    // Parents before children (foreign keys), so each row's references exist when it arrives.
    private static async Task<List<string>> TablesInOrderAsync(SqliteConnection from, SqliteTransaction read, CancellationToken cancellationToken)
    {
        var names = (await from.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'schema_migrations' ORDER BY name;",
            transaction: read, cancellationToken: cancellationToken))).ToList();
        var parents = new Dictionary<string, HashSet<string>>();
        foreach (var name in names)
        {
            parents[name] = [.. (await from.QueryAsync<string>(new CommandDefinition($"SELECT \"table\" FROM pragma_foreign_key_list('{name}');",
                transaction: read, cancellationToken: cancellationToken))).Where(p => p != name)];
        }

        var ordered = new List<string>();
        while (ordered.Count < names.Count)
        {
            var ready = names.Where(n => !ordered.Contains(n) && parents[n].All(ordered.Contains)).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException($"the tables {string.Join(", ", names.Except(ordered))} reference each other in a cycle; they cannot be copied in order");
            }

            ordered.AddRange(ready);
        }

        return ordered;
    }

    private static async Task<List<(string Name, string Type)>> ColumnsAsync(SqliteConnection from, SqliteTransaction read, NpgsqlConnection to, string table,
        CancellationToken cancellationToken)
    {
        var sqlite = (await from.QueryAsync<string>(new CommandDefinition($"SELECT name FROM pragma_table_info('{table}') ORDER BY cid;",
            transaction: read, cancellationToken: cancellationToken))).ToList();
        var postgres = (await to.QueryAsync<(string Name, string Type)>(new CommandDefinition("""
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position;
            """, new { table }, cancellationToken: cancellationToken))).ToDictionary(c => c.Name, c => c.Type);
        if (postgres.Count == 0)
        {
            throw new InvalidOperationException($"the PostgreSQL schema has no table {table}, which the SQLite file has: its migration needs a PostgreSQL twin");
        }

        var lacking = sqlite.Where(c => !postgres.ContainsKey(c)).ToList();
        return lacking.Count == 0 ? [.. sqlite.Select(c => (c, postgres[c]))] : throw new InvalidOperationException(
            $"the PostgreSQL table {table} lacks the column(s) {string.Join(", ", lacking)}: its migration needs a PostgreSQL twin");
    }

    private static async Task<long> CopyTableAsync(SqliteConnection from, SqliteTransaction read, NpgsqlConnection to, string table, List<(string Name, string Type)> columns,
        CancellationToken cancellationToken)
    {
        var list = string.Join(", ", columns.Select(c => c.Name));
        await using var command = from.CreateCommand();
        command.Transaction = read;
        command.CommandText = $"SELECT {list} FROM {table};";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await using var import = await to.BeginBinaryImportAsync($"COPY {table} ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await import.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                await WriteAsync(import, reader, i, columns[i], table, cancellationToken);
            }

            rows++;
        }

        await import.CompleteAsync(cancellationToken);
        return rows;
    }

    private static Task WriteAsync(NpgsqlBinaryImporter import, DbDataReader reader, int i, (string Name, string Type) column, string table,
        CancellationToken cancellationToken)
    {
        if (reader.IsDBNull(i))
        {
            return import.WriteNullAsync(cancellationToken);
        }

        var value = reader.GetValue(i);
        var invariant = CultureInfo.InvariantCulture;
        return column.Type switch
        {
            "bigint" => import.WriteAsync(Convert.ToInt64(value, invariant), NpgsqlDbType.Bigint, cancellationToken),
            "integer" => import.WriteAsync(Convert.ToInt32(value, invariant), NpgsqlDbType.Integer, cancellationToken),
            "double precision" => import.WriteAsync(Convert.ToDouble(value, invariant), NpgsqlDbType.Double, cancellationToken),
            "real" => import.WriteAsync(Convert.ToSingle(value, invariant), NpgsqlDbType.Real, cancellationToken),
            "boolean" => import.WriteAsync(Convert.ToInt64(value, invariant) != 0, NpgsqlDbType.Boolean, cancellationToken),
            "text" => import.WriteAsync(Convert.ToString(value, invariant)!, NpgsqlDbType.Text, cancellationToken),
            "bytea" => import.WriteAsync(value as byte[] ?? throw new InvalidOperationException(
                $"{table}.{column.Name} holds a {value.GetType().Name} where PostgreSQL expects bytes"), NpgsqlDbType.Bytea, cancellationToken),
            _ => throw new InvalidOperationException($"{table}.{column.Name} is a PostgreSQL {column.Type}, which the move does not know how to write"),
        };
    }

    // Copied ids came with their values; the next id PostgreSQL hands out must come after them.
    private static async Task MoveIdentityPastAsync(NpgsqlConnection to, NpgsqlTransaction write, string table, CancellationToken cancellationToken)
    {
        var identity = await to.QueryAsync<string>(new CommandDefinition("""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @table AND is_identity = 'YES';
            """, new { table }, write, cancellationToken: cancellationToken));
        foreach (var column in identity)
        {
            await to.ExecuteAsync(new CommandDefinition(
                $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE(MAX({column}), 0) + 1, false) FROM {table};",
                transaction: write, cancellationToken: cancellationToken));
        }
    }
}
