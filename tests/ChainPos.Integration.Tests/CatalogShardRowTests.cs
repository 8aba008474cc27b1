using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using static ChainPos.Integration.Tests.Chain;

namespace ChainPos.Integration.Tests;

/// <summary>
/// Catalogue shards with the group-commit provider on PostgreSQL: each product is an entry row of its own, a price
/// change writes that product's row and not its whole shard, and a new cluster reads the shards back exactly.
/// </summary>
public sealed class CatalogShardRowTests
{
    private const string ServiceId = "catrow-svc";

    [Fact]
    public async Task A_price_change_writes_one_product_row_and_the_shards_read_back_after_a_restart()
    {
        var db = await PostgresCluster.CreateDatabaseAsync("catrow");
        var seed = Enumerable.Range(0, 300).Select(i => ($"P{i:D4}", 100L + i)).ToArray();
        long seeded, changed;
        await using (var cluster = await PostgresCluster.StartAsync(db, ServiceId, silos: 1, groupCommit: true))
        {
            var chain = new Chain(cluster.Client);
            seeded = await chain.AddProductsAsync("seed", seed);

            Assert.Equal(300, (await EntryStampsAsync(db)).Count);
            Assert.All(await ShardRowsAsync(db), row => Assert.DoesNotContain("\"Sku\"", row, StringComparison.Ordinal));
            var before = await EntryStampsAsync(db);

            changed = await chain.AddProductsAsync("price", ("P0007", 999));

            var after = await EntryStampsAsync(db);
            Assert.Equal(300, after.Count);
            var rewritten = after.Where(p => before[p.Key] != p.Value).Select(p => p.Key);
            Assert.Equal([$"{GrainKeys.CatalogShard(GrainKeys.CatalogShardOf("P0007"))}/P0007"], rewritten.Select(Shorten));
        }

        await using (var cluster = await PostgresCluster.StartAsync(db, ServiceId, silos: 1, groupCommit: true))
        {
            var shard = cluster.Client.GetGrain<ICatalogShardGrain>(GrainKeys.CatalogShard(GrainKeys.CatalogShardOf("P0007")));
            var found = (await shard.GetAsync(["P0007"])).Single();
            Assert.Equal((999L, changed), (found.Price, found.Version));
            var since = await shard.GetChangesAsync(seeded, "\uffff", long.MaxValue, 100); // after every product of the seed
            Assert.Equal(["P0007"], since.Select(p => p.Sku));

            var all = await Task.WhenAll(Enumerable.Range(0, GrainKeys.CatalogShardCount).Select(s =>
                cluster.Client.GetGrain<ICatalogShardGrain>(GrainKeys.CatalogShard(s)).GetChangesAsync(0, "", long.MaxValue, 1000)));
            var prices = all.SelectMany(p => p).ToDictionary(p => p.Sku, p => p.Price);
            Assert.Equal(seed.Select(p => p.Item1 == "P0007" ? (p.Item1, 999L) : p), prices.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        }
    }

    // "catshard:12/P0007" from the stored grain id "catalogshard/catshard:12" and entry key "P0007".
    private static string Shorten(string key) => key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>Every product entry row of the catalogue shards → the transaction that last wrote it.</summary>
    private static async Task<Dictionary<string, string>> EntryStampsAsync(string db) =>
        (await PostgresCluster.ReadColumnAsync(db,
            "SELECT grain_id || '/' || entry_key || '=' || xmin::text FROM pos_grain_entry_gc WHERE service_id = @s AND state_name = 'catalog-shard'",
            ServiceId))
        .Select(r => r.Split('=')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static async Task<List<string>> ShardRowsAsync(string db)
    {
        var rows = await PostgresCluster.ReadColumnAsync(db,
            "SELECT convert_from(payload, 'UTF8') FROM pos_grain_state_gc WHERE service_id = @s AND state_name = 'catalog-shard'", ServiceId);
        Assert.NotEmpty(rows);
        return rows;
    }
}
