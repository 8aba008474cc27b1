using ChainPos.Abstractions;
using ChainPos.Abstractions.Catalog;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Import;
using ChainPos.Gateway.Mapping;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ChainPos.Gateway.Services;

/// <summary>The chain's catalogue: reads for every authenticated caller, writes for admin.</summary>
public sealed class CatalogGrpcService(IGrainFactory grains, ILogger<CatalogGrpcService> logger) : CatalogService.CatalogServiceBase
{
    public override async Task<SyncCatalogResponse> SyncCatalog(SyncCatalogRequest request, ServerCallContext context)
    {
        context.GetCaller();
        var pageSize = request.PageSize == 0 ? CatalogSync.DefaultPageSize : request.PageSize;
        if (pageSize is < 1 or > CatalogSync.MaxPageSize)
        {
            throw PosException.Invalid($"page_size must be 1..{CatalogSync.MaxPageSize} (got {request.PageSize}); 0 means {CatalogSync.DefaultPageSize}.");
        }

        var page = await CatalogSync.ReadAsync(grains, SyncCursor.Decode(request.Cursor), pageSize);
        return new SyncCatalogResponse
        {
            Products = { page.Products.Select(p => p.ToProto()) },
            NextCursor = page.Next.Encode(),
            HasMore = page.HasMore,
            CatalogVersion = page.PublishedVersion,
        };
    }

    public override async Task<GetProductsResponse> GetProducts(GetProductsRequest request, ServerCallContext context)
    {
        context.GetCaller();
        RequestLimits.Between1And(request.Skus.Count, RequestLimits.MaxSkusPerRead, "SKUs");
        foreach (var sku in request.Skus)
        {
            Ids.Require(sku, "sku");
        }

        var wanted = request.Skus.Distinct(StringComparer.Ordinal).ToList();
        var reads = wanted.GroupBy(GrainKeys.CatalogShardOf)
            .Select(g => grains.Grain<ICatalogShardGrain>(GrainKeys.CatalogShard(g.Key)).GetAsync([.. g]));
        var found = (await Task.WhenAll(reads)).SelectMany(p => p).ToDictionary(p => p.Sku, StringComparer.Ordinal);
        return new GetProductsResponse
        {
            Products = { wanted.Where(found.ContainsKey).Select(sku => found[sku].ToProto()) },
            MissingSkus = { wanted.Where(sku => !found.ContainsKey(sku)) },
        };
    }

    public override async Task<UpsertProductsResponse> UpsertProducts(UpsertProductsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        caller.RequireAdmin();
        Ids.Require(request.OperationId, "operation_id");
        RequestLimits.Between1And(request.Products.Count, RequestLimits.MaxProductsPerWrite, "products");
        return await UpsertAsync(caller, "upsert", request.OperationId, [.. request.Products.Select(p => p.ToGrain())]);
    }

    public override async Task<UpsertProductsResponse> ImportProducts(ImportProductsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        caller.RequireAdmin();
        Ids.Require(request.OperationId, "operation_id");
        var products = ProductCsv.Parse(request.Csv.Span);
        return await UpsertAsync(caller, "import", request.OperationId, products);
    }

    private async Task<UpsertProductsResponse> UpsertAsync(Caller caller, string operation, string operationId, IReadOnlyList<ProductInfo> products)
    {
        var version = await grains.Grain<ICatalogGrain>(GrainKeys.Catalog).UpsertAsync(operationId, products);
        logger.ProductsWritten(operation, operationId, caller.Name, products.Count, version);
        return new UpsertProductsResponse { CatalogVersion = version, Count = products.Count };
    }
}
