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

    /// <summary>Orleans <c>ClusterOptions.ClusterId</c> (the membership <c>DeploymentId</c>).</summary>
    public string ClusterId { get; set; } = "chainpos";

    /// <summary>Orleans <c>ClusterOptions.ServiceId</c> (part of every grain-state and reminder key).</summary>
    public string ServiceId { get; set; } = "chainpos";
}
