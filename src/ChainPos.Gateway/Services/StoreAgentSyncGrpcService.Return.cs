using ChainPos.Api.V1;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>Cash returns a register refunded offline, in its offline order; only the agent of the register's store.</summary>
public sealed partial class StoreAgentSyncGrpcService
{
    public override async Task<SubmitOfflineReturnResponse> SubmitOfflineReturn(SubmitOfflineReturnRequest request, ServerCallContext context)
    {
        var register = AgentRegister(context, request.StoreId, request.RegisterId);
        RequestLimits.AtMost(request.Lines.Count, RequestLimits.MaxSaleLines, "return lines");
        return (await register.SubmitOfflineReturnAsync(request.ToGrain())).ToProto();
    }
}
