using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ChainPos.Gateway.Services;

/// <summary>
/// The register's side of selling. Every rpc names a store and register; a store agent reaches only
/// its own store. Shifts and cash movements here; sales in <c>.Sales.cs</c>, parked baskets in <c>.Parked.cs</c>.
/// </summary>
public sealed partial class CheckoutGrpcService(IGrainFactory grains, TimeProvider time, ILogger<CheckoutGrpcService> logger)
    : CheckoutService.CheckoutServiceBase
{
    public override async Task<OpenShiftResponse> OpenShift(OpenShiftRequest request, ServerCallContext context)
    {
        var register = Register(context, request.StoreId, request.RegisterId);
        return (await register.OpenShiftAsync(request.ToGrain())).ToProto();
    }

    public override async Task<ShiftReport> CloseShift(CloseShiftRequest request, ServerCallContext context)
    {
        var register = Register(context, request.StoreId, request.RegisterId);
        return (await register.CloseShiftAsync(request.ShiftId, request.CountedCash)).ToProto();
    }

    public override async Task<ShiftReport> GetShiftReport(GetShiftReportRequest request, ServerCallContext context)
    {
        var register = Register(context, request.StoreId, request.RegisterId);
        return (await register.GetShiftReportAsync()).ToProto();
    }

    public override async Task<RecordCashMovementResponse> RecordCashMovement(RecordCashMovementRequest request, ServerCallContext context)
    {
        var register = Register(context, request.StoreId, request.RegisterId);
        var expected = await register.RecordCashMovementAsync(request.ToGrain());
        return new RecordCashMovementResponse { OperationId = request.OperationId, ExpectedCash = expected };
    }

    /// <summary>Checks the caller may use the store, and the ids, before addressing the register.</summary>
    private IRegisterGrain Register(ServerCallContext context, string storeId, string registerId)
    {
        context.GetCaller().RequireStore(storeId);
        Ids.Require(storeId, "store_id");
        Ids.Require(registerId, "register_id");
        return grains.Grain<IRegisterGrain>(GrainKeys.Register(storeId, registerId));
    }
}
