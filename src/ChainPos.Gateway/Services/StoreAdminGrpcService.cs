using ChainPos.Abstractions;
using ChainPos.Abstractions.Stores;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ChainPos.Gateway.Services;

/// <summary>Store configuration: admin writes; a store agent may read its own store (never PIN hashes).</summary>
public sealed class StoreAdminGrpcService(IGrainFactory grains, ILogger<StoreAdminGrpcService> logger) : StoreAdminService.StoreAdminServiceBase
{
    public override async Task<StoreConfig> ConfigureStore(ConfigureStoreRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        caller.RequireAdmin();
        var store = request.Store ?? throw PosException.Invalid("store is required.");
        Ids.Require(store.StoreId, "store_id");
        RequestLimits.AtMost(store.Employees.Count, RequestLimits.MaxStoreEntries, "employees");
        RequestLimits.AtMost(store.Promotions.Count, RequestLimits.MaxStoreEntries, "promotions");
        RequestLimits.AtMost(store.TaxRates.Count, RequestLimits.MaxStoreEntries, "tax rates");
        RequestLimits.AtMost(store.RegisterIds.Count, RequestLimits.MaxStoreEntries, "registers");
        var settings = await Store(store.StoreId).ConfigureAsync(store.ToGrain());
        logger.StoreConfigured(settings.StoreId, caller.Name, settings.Version);
        return settings.ToProto();
    }

    public override async Task<StoreConfig> GetStore(GetStoreRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStore(request.StoreId);
        Ids.Require(request.StoreId, "store_id");
        var settings = await Store(request.StoreId).GetAsync()
            ?? throw PosException.NotFound($"Store '{request.StoreId}' does not exist.");
        return settings.ToProto();
    }

    private IStoreGrain Store(string storeId) => grains.Grain<IStoreGrain>(GrainKeys.Store(storeId));
}
