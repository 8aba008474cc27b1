using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>Cash returns a register refunded offline, in its offline order; only the agent of the register's store.</summary>
public sealed partial class StoreAgentSyncGrpcService
{
    public override async Task<SubmitOfflineReturnResponse> SubmitOfflineReturn(SubmitOfflineReturnRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStore(request.StoreId);
        Ids.Require(request.StoreId, "store_id");
        Ids.Require(request.RegisterId, "register_id");
        RequestLimits.AtMost(request.Lines.Count, RequestLimits.MaxSaleLines, "return lines");
        var register = grains.GetGrain<IRegisterGrain>(GrainKeys.Register(request.StoreId, request.RegisterId));
        return (await register.SubmitOfflineReturnAsync(request.ToGrain())).ToProto();
    }
}
