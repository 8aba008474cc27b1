using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>No-sale drawer openings a register made offline, in its offline order; only the agent of the register's store.</summary>
public sealed partial class StoreAgentSyncGrpcService
{
    public override async Task<SubmitOfflineNoSaleResponse> SubmitOfflineNoSale(SubmitOfflineNoSaleRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStore(request.StoreId);
        Ids.Require(request.StoreId, "store_id");
        Ids.Require(request.RegisterId, "register_id");
        var register = grains.GetGrain<IRegisterGrain>(GrainKeys.Register(request.StoreId, request.RegisterId));
        return (await register.SubmitOfflineNoSaleAsync(request.ToGrain())).ToProto();
    }
}
