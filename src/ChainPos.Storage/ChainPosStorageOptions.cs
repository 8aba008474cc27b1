namespace ChainPos.Storage;

/// <summary>Storage settings shared by the silo wiring, the client wiring and the schema migrator.</summary>
public sealed class ChainPosStorageOptions
{
    /// <summary>Which database backs the node.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>SQLite database file; a relative path is resolved against the current directory.</summary>
    public string SqlitePath { get; set; } = "data/chainpos.db";

    /// <summary>Npgsql connection string; required when <see cref="Provider"/> is <see cref="StorageProvider.Postgres"/>.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// <c>PRAGMA synchronous=FULL</c> (true, the default: a commit survives power loss) or <c>NORMAL</c>
    /// (about 4x the write rate, but the last commits can be lost on power loss, not on a process crash).
    /// </summary>
    public bool SqliteSynchronousFull { get; set; } = true;

    /// <summary>
    /// Grain state through the group-commit provider (table <c>pos_grain_state_gc</c>) instead of the ADO.NET
    /// provider: concurrent grain writes share one transaction and one commit, and each caller is acknowledged only
    /// after that commit. PostgreSQL and SQLite; reminders stay on ADO.NET. Off by default. The two providers keep
    /// their state in different tables: switching does not carry existing grain state over.
    /// </summary>
    public bool GroupCommit { get; set; }

    /// <summary>With <see cref="GroupCommit"/>: the most writes one transaction carries.</summary>
    public int GroupCommitMaxBatchWrites { get; set; } = 512;

    /// <summary>
    /// With <see cref="GroupCommit"/> on PostgreSQL: how many transactions may commit at once (the next batch fills
    /// while one commits either way). SQLite always commits one at a time.
    /// </summary>
    public int GroupCommitMaxConcurrentBatches { get; set; } = 2;

    /// <summary>Orleans <c>ClusterOptions.ClusterId</c> (the membership <c>DeploymentId</c>).</summary>
    public string ClusterId { get; set; } = "chainpos";

    /// <summary>Orleans <c>ClusterOptions.ServiceId</c> (part of every grain-state and reminder key).</summary>
    public string ServiceId { get; set; } = "chainpos";
}
