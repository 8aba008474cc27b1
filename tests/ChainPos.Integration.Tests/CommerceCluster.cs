using System.Collections.Concurrent;
using ChainPos.Abstractions;
using ChainPos.Abstractions.Commerce;
using ChainPos.Abstractions.Stock;
using ChainPos.Grains.Hosting;
using Npgsql;
using Orleans.TestingHost;

namespace ChainPos.Integration.Tests;

/// <summary>
/// Silo configuration for the reservation tests: TTLs down to 1 s, stock grains letting reservations go 0.3 s after
/// the expiry in 0.25 s buckets, persisted reminders that tick every second (so the real reminder is exercised within
/// a test), and <see cref="GrantObserver"/> to see every stock grant.
/// </summary>
internal static class CommerceCluster
{
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(1);

    public static void Configure(ISiloBuilder silo)
    {
        silo.Configure<CommerceOptions>(o =>
        {
            o.MinReservationTtl = TimeSpan.FromSeconds(1);
            o.ExpiryReminderPeriod = ReminderPeriod;
            o.StockReservationGrace = TimeSpan.FromMilliseconds(300);
            o.ExpiryBucket = TimeSpan.FromMilliseconds(250);
            o.AvailabilityPushInterval = TimeSpan.FromMilliseconds(50);
            o.RetryDelay = TimeSpan.FromMilliseconds(200);
        });
        silo.AddIncomingGrainCallFilter<GrantObserver>();
    }

    public static IOrderReservationGrain Order(this Chain chain, string orderId) => chain.Grains.GetGrain<IOrderReservationGrain>(GrainKeys.Order(orderId));

    public static IAvailabilityGrain Availability(this Chain chain, string sku) => chain.Grains.GetGrain<IAvailabilityGrain>(GrainKeys.Availability(sku));

    /// <summary>Reminders (rows of this database) of the orders whose id starts with <paramref name="orderPrefix"/>: only orders whose effects failed have one.</summary>
    public static async Task<long> CountExpiryRemindersAsync(string db, string serviceId, string orderPrefix)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pos_reminder WHERE service_id = @s AND reminder_name = 'expiry' AND grain_id LIKE @g", connection);
        command.Parameters.AddWithValue("s", serviceId);
        command.Parameters.AddWithValue("g", "%order:" + orderPrefix + "%");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Reservation-expiry reminders (rows of this database) of the stock grain of <paramref name="sku"/> at <paramref name="location"/>.</summary>
    public static async Task<long> CountStockRemindersAsync(string db, string serviceId, string location, string sku)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pos_reminder WHERE service_id = @s AND reminder_name = 'reservation-expiry' AND grain_id LIKE @g", connection);
        command.Parameters.AddWithValue("s", serviceId);
        command.Parameters.AddWithValue("g", $"%stk:{location}/{sku}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A field of a grain's stored state (JSON in pos_grain_state), read without activating the grain.</summary>
    public static async Task<string?> StoredFieldAsync(string db, string serviceId, string stateName, string grainKey, string field)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT convert_from(payload, 'UTF8')::jsonb ->> @f FROM pos_grain_state WHERE service_id = @s AND state_name = @n AND grain_key_ext = @k",
            connection);
        command.Parameters.AddWithValue("f", field);
        command.Parameters.AddWithValue("s", serviceId);
        command.Parameters.AddWithValue("n", stateName);
        command.Parameters.AddWithValue("k", grainKey);
        return (string?)await command.ExecuteScalarAsync();
    }
}

/// <summary>
/// Sees every answer of <see cref="ISkuStockGrain.ReserveAsync"/> as the stock grain returned it: the level right
/// after its decision, inside its own turn. In-process silos share this process, so the test reads them here.
/// </summary>
internal sealed class GrantObserver : IIncomingGrainCallFilter
{
    public static ConcurrentQueue<StockReservation> Answers { get; } = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (context.Result is StockReservation answer)
        {
            Answers.Enqueue(answer);
        }
    }
}

/// <summary>One 2-silo PostgreSQL cluster shared by the reservation tests of the "commerce" collection.</summary>
public sealed class CommerceClusterFixture : IAsyncLifetime
{
    public const string ServiceId = "commerce-svc";

    public string Database { get; private set; } = "";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    internal Chain Chain => new(Cluster.Client);

    public async Task InitializeAsync()
    {
        Database = await PostgresCluster.CreateDatabaseAsync("commerce");
        Cluster = await PostgresCluster.StartAsync(Database, ServiceId, configureSilo: CommerceCluster.Configure);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class CommerceCollection : ICollectionFixture<CommerceClusterFixture>
{
    public const string Name = "commerce";
}
