using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Shifts, shift reports and cash movements.</summary>
internal static class ShiftMapping
{
    public static OpenShiftCommand ToGrain(this V1.OpenShiftRequest request) =>
        new(request.ShiftId, request.CashierId, request.CashierPin, request.OpeningFloat);

    public static CashMovementCommand ToGrain(this V1.RecordCashMovementRequest request) => new(
        request.OperationId,
        request.Type switch
        {
            V1.CashMovementType.PaidIn => CashMovementType.PaidIn,
            V1.CashMovementType.PaidOut => CashMovementType.PaidOut,
            V1.CashMovementType.NoSale => CashMovementType.NoSale,
            _ => throw PosException.Invalid("type is required: paid in, paid out or no sale."),
        },
        request.Amount,
        request.Reason);

    public static V1.OpenShiftResponse ToProto(this ShiftOpened opened) => new()
    {
        ShiftId = opened.ShiftId,
        OpenedAt = ProtoValues.ToTimestamp(opened.OpenedAt),
        NextReceiptSequence = opened.NextReceiptSequence,
    };

    public static V1.ShiftReport ToProto(this ShiftReportView report) => new()
    {
        StoreId = report.StoreId,
        RegisterId = report.RegisterId,
        ShiftId = report.ShiftId,
        CashierId = report.CashierId,
        Currency = report.Currency,
        OpenedAt = ProtoValues.ToTimestamp(report.OpenedAt),
        ClosedAt = report.ClosedAt is { } closed ? ProtoValues.ToTimestamp(closed) : null,
        Closed = report.ClosedAt is not null,
        OpeningFloat = report.OpeningFloat,
        SalesCount = report.SalesCount,
        SalesTotal = report.SalesTotal,
        RefundsCount = report.RefundsCount,
        RefundsTotal = report.RefundsTotal,
        DiscountsTotal = report.DiscountsTotal,
        TaxTotal = report.TaxTotal,
        Tenders = { report.Tenders.Select(t => new V1.TenderTotal { Type = t.Type.ToProto(), Amount = t.Amount, Count = t.Count }) },
        PaidIn = report.PaidIn,
        PaidOut = report.PaidOut,
        NoSaleCount = report.NoSaleCount,
        ExpectedCash = report.ExpectedCash,
        CountedCash = report.CountedCash,
        CashVariance = report.CashVariance,
        FirstReceiptSequence = report.FirstReceiptSequence,
        LastReceiptSequence = report.LastReceiptSequence,
        LateSalesCount = report.LateSalesCount,
        LateSalesTotal = report.LateSalesTotal,
        LateRefundsCount = report.LateRefundsCount,
        LateRefundsTotal = report.LateRefundsTotal,
    };
}
