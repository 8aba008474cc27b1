namespace ChainPos.Storage;

/// <summary>Where a ChainPos node keeps its cluster membership, grain state and reminders.</summary>
public enum StorageProvider
{
    /// <summary>One embedded SQLite file (single node, localhost clustering). The default.</summary>
    Sqlite = 1,

    /// <summary>PostgreSQL for clustering, grain state and reminders (multi-node).</summary>
    Postgres = 2,

    /// <summary>Process memory only: nothing survives a restart. Tests and demos.</summary>
    Memory = 3,
}
