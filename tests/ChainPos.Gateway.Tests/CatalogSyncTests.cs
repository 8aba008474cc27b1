using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class CatalogSyncTests(GatewayFixture fixture)
{
    private const int SyncProducts = 3000;

    [Fact]
    public async Task SyncCatalog_SmallPagesOverThousands_EveryProductExactlyOnceThenDeltas()
    {
        var admin = fixture.Admin.Catalog;
        var skus = Enumerable.Range(1, SyncProducts).Select(n => $"SYNC-{n:D5}").ToList();
        foreach (var (chunk, i) in skus.Chunk(1000).Select((c, i) => (c, i)))
        {
            await admin.UpsertProductsAsync(new UpsertProductsRequest
            {
                OperationId = $"sync-load-{i}",
                Products = { chunk.Select(sku => Product(sku, "Sync " + sku, 100, "standard", "sync")) },
            });
        }

        var (full, cursor, version) = await SyncAllAsync(fixture.S1Agent, cursor: "", pageSize: 97);

        Assert.Equal(full.Count, full.Select(p => p.Sku).Distinct().Count());
        Assert.Superset(skus.ToHashSet(), full.Select(p => p.Sku).ToHashSet());
        Assert.Superset(Products.Select(p => p.Sku).ToHashSet(), full.Select(p => p.Sku).ToHashSet());
        Assert.Equal(full.OrderBy(p => p.Version).ThenBy(p => p.Sku, StringComparer.Ordinal).Select(p => p.Sku), full.Select(p => p.Sku));
        Assert.Equal(version, full.Max(p => p.Version));

        var changed = await admin.UpsertProductsAsync(new UpsertProductsRequest
        {
            OperationId = "sync-change",
            Products = { Product("SYNC-00007", "Sync changed", 250, "standard", "sync"), Product("SYNC-02999", "Sync changed", 260, "reduced", "sync"), Product("SYNC-NEW", "Brand new", 10, "standard", "sync") },
        });
        Assert.Equal((version + 1, 3), (changed.CatalogVersion, changed.Count));

        var (delta, cursor2, version2) = await SyncAllAsync(fixture.S1Agent, cursor, pageSize: 2);
        Assert.Equal(["SYNC-00007", "SYNC-02999", "SYNC-NEW"], delta.Select(p => p.Sku));
        Assert.All(delta, p => Assert.Equal(changed.CatalogVersion, p.Version));
        Assert.Equal((250L, "standard"), (delta[0].Price, delta[0].TaxClass));
        Assert.Equal((260L, "reduced"), (delta[1].Price, delta[1].TaxClass));
        Assert.Equal(changed.CatalogVersion, version2);

        var (nothing, cursor3, _) = await SyncAllAsync(fixture.S1Agent, cursor2, pageSize: 1000);
        Assert.Empty(nothing);
        Assert.Equal(cursor2, cursor3);
    }

    [Fact]
    public async Task SyncCatalog_BadCursor_InvalidArgument()
    {
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.S1Agent.Catalog.SyncCatalogAsync(new SyncCatalogRequest { Cursor = "not-a-cursor" }));
    }

    [Fact]
    public async Task SyncCatalog_PageSizeAboveMax_InvalidArgument()
    {
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.S1Agent.Catalog.SyncCatalogAsync(new SyncCatalogRequest { PageSize = 5001 }));
    }

    [Fact]
    public async Task GetProducts_KnownAndUnknown_ListsMissing()
    {
        var response = await fixture.S1Agent.Catalog.GetProductsAsync(new GetProductsRequest { Skus = { "TEE", "NOPE", "OLD", "TEE" } });

        Assert.Equal(["TEE", "OLD"], response.Products.Select(p => p.Sku));
        Assert.Equal(["NOPE"], response.MissingSkus);
        var tee = response.Products[0];
        Assert.Equal(("T-shirt", 1999L, "EUR", "standard", "apparel", true), (tee.Name, tee.Price, tee.Currency, tee.TaxClass, tee.Category, tee.Active));
        Assert.Equal(["4006381333931"], tee.Barcodes);
        Assert.False(response.Products[1].Active);
    }

    [Fact]
    public async Task GetProducts_501Skus_ResourceExhausted()
    {
        await Expect.StatusAsync(StatusCode.ResourceExhausted, fixture.S1Agent.Catalog.GetProductsAsync(new GetProductsRequest { Skus = { Enumerable.Range(0, 501).Select(i => $"X{i}") } }));
    }

    [Fact]
    public async Task UpsertProducts_BadBarcode_InvalidArgumentAndNothingWritten()
    {
        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest
        {
            OperationId = "bad-barcode",
            Products = { Product("GOOD-1", "Good", 100, "standard", "misc"), Product("BAD-1", "Bad", 100, "standard", "misc", barcode: "4006381333932") },
        }));

        Assert.Contains("barcode '4006381333932' is not a valid EAN-13", error.Status.Detail, StringComparison.Ordinal);
        var read = await fixture.Admin.Catalog.GetProductsAsync(new GetProductsRequest { Skus = { "GOOD-1", "BAD-1" } });
        Assert.Empty(read.Products);
    }

    [Fact]
    public async Task UpsertProducts_NoProducts_InvalidArgument()
    {
        await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest { OperationId = "empty" }));
    }

    private static async Task<(List<Product> Products, string Cursor, long Version)> SyncAllAsync(Clients clients, string cursor, int pageSize)
    {
        var products = new List<Product>();
        long version = 0;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await clients.Catalog.SyncCatalogAsync(new SyncCatalogRequest { Cursor = cursor, PageSize = pageSize });
            Assert.True(page.Products.Count <= pageSize);
            products.AddRange(page.Products);
            cursor = page.NextCursor;
            version = page.CatalogVersion;
            if (!page.HasMore)
            {
                return (products, cursor, version);
            }
        }

        throw new InvalidOperationException("The sync did not finish in 1000 pages.");
    }
}
