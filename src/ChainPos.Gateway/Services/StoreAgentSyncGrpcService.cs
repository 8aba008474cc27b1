using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>What a store agent sends when its link returns: the sales its registers made offline, in order.</summary>
public sealed partial class StoreAgentSyncGrpcService(IGrainFactory grains) : StoreAgentSyncService.StoreAgentSyncServiceBase
{
    public override async Task<SubmitOfflineSaleResponse> SubmitOfflineSale(SubmitOfflineSaleRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStore(request.StoreId);
        Ids.Require(request.StoreId, "store_id");
        Ids.Require(request.RegisterId, "register_id");
        RequestLimits.AtMost(request.Lines.Count, RequestLimits.MaxSaleLines, "sale lines");
        var register = grains.GetGrain<IRegisterGrain>(GrainKeys.Register(request.StoreId, request.RegisterId));
        return (await register.SubmitOfflineSaleAsync(request.ToGrain())).ToProto();
    }
}
