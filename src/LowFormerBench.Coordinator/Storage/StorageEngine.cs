namespace LowFormerBench.Coordinator.Storage;

/// <summary>The database engines the stores run on: SQLite embedded (one machine), PostgreSQL (a farm of replicas).</summary>
public enum StorageEngine
{
    Sqlite,
    Postgres,
}
