using ChainPos.Api.V1;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>No-sale drawer openings a register made offline, in its offline order; only the agent of the register's store.</summary>
public sealed partial class StoreAgentSyncGrpcService
{
    public override async Task<SubmitOfflineNoSaleResponse> SubmitOfflineNoSale(SubmitOfflineNoSaleRequest request, ServerCallContext context)
    {
        var register = AgentRegister(context, request.StoreId, request.RegisterId);
        return (await register.SubmitOfflineNoSaleAsync(request.ToGrain())).ToProto();
    }
}
