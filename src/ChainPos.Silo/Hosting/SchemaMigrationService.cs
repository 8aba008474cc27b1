using ChainPos.Storage;
using Microsoft.Extensions.Options;

namespace ChainPos.Silo.Hosting;

/// <summary>
/// Applies the database schema before Orleans starts (it is registered first, and hosted services
/// start in order). Idempotent, and safe when several silos start at once.
/// </summary>
internal sealed partial class SchemaMigrationService(IOptions<ChainPosStorageOptions> options, ILogger<SchemaMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(options.Value, cancellationToken);
        LogApplied(logger, options.Value.Provider, Describe(options.Value));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static Task MigrateAsync(ChainPosStorageOptions storage, CancellationToken cancellationToken) => storage.Provider switch
    {
        StorageProvider.Postgres => SchemaMigrator.ApplyPostgresAsync(storage.PostgresConnectionString
            ?? throw new InvalidOperationException("Set ChainPos:Storage:PostgresConnectionString for the Postgres provider."), cancellationToken),
        StorageProvider.Sqlite => SchemaMigrator.ApplySqliteAsync(storage.SqlitePath, cancellationToken),
        _ => Task.CompletedTask,
    };

    public static string Describe(ChainPosStorageOptions storage) => storage.Provider switch
    {
        StorageProvider.Sqlite => Path.GetFullPath(storage.SqlitePath),
        StorageProvider.Postgres => "PostgreSQL",
        _ => "memory (nothing survives a restart)",
    };

    [LoggerMessage(LogLevel.Information, "Schema ready: {Provider} at {Location}")]
    private static partial void LogApplied(ILogger logger, StorageProvider provider, string location);
}
