namespace ChainPos.Abstractions;

/// <summary>
/// The database failed under a grain call (connection lost, too many clients, a server restart). Carries
/// the driver's message and SQL state across process boundaries, which the driver's own exception types
/// cannot do. Nothing was acknowledged: the caller retries with the same id.
/// </summary>
[GenerateSerializer, Alias("chainpos.StorageFailureException")]
public sealed class StorageFailureException : Exception
{
    public StorageFailureException()
    {
    }

    public StorageFailureException(string message)
        : base(message)
    {
    }

    public StorageFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageFailureException(string message, string? sqlState)
        : base(message) => SqlState = sqlState;

    /// <summary>The database's error code (e.g. PostgreSQL's 53300 "too many connections"), when it gave one.</summary>
    [Id(0)]
    public string? SqlState { get; private set; }
}
