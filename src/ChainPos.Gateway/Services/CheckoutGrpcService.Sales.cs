using ChainPos.Api.V1;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

public sealed partial class CheckoutGrpcService
{
    public override async Task<CompleteSaleResponse> CompleteSale(CompleteSaleRequest request, ServerCallContext context)
    {
        var register = Register(context, request.StoreId, request.RegisterId);
        RequestLimits.AtMost(request.Lines.Count, RequestLimits.MaxSaleLines, "sale lines");
        RequestLimits.AtMost(request.CouponCodes.Count, RequestLimits.MaxCoupons, "coupon codes");
        var receipt = await register.CompleteSaleAsync(request.ToGrain());
        logger.SaleCompleted(receipt.SaleId, request.StoreId, request.RegisterId, receipt.ReceiptNumber, receipt.Total, receipt.Replayed);
        return receipt.ToProto();
    }

    public override async Task<ReturnItemsResponse> ReturnItems(ReturnItemsRequest request, ServerCallContext context)
    {
        var register = Register(context, request.StoreId, request.RegisterId);
        RequestLimits.AtMost(request.Lines.Count, RequestLimits.MaxReturnLines, "return lines");
        return (await register.ReturnAsync(request.ToGrain())).ToProto();
    }

    public override async Task<VoidSaleResponse> VoidSale(VoidSaleRequest request, ServerCallContext context)
    {
        var register = Register(context, request.StoreId, request.RegisterId);
        return (await register.VoidSaleAsync(request.ToGrain())).ToProto();
    }
}
