using ChainPos.Abstractions.Checkout;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Receipts of sales, returns and voids as the API returns them.</summary>
internal static class ReceiptMapping
{
    public static V1.CompleteSaleResponse ToProto(this SaleReceipt receipt) => new()
    {
        SaleId = receipt.SaleId,
        ReceiptSequence = receipt.ReceiptSequence,
        ReceiptNumber = receipt.ReceiptNumber,
        Currency = receipt.Currency,
        Lines = { receipt.Lines.Select(ToProto) },
        Subtotal = receipt.Subtotal,
        DiscountTotal = receipt.DiscountTotal,
        TaxTotal = receipt.TaxTotal,
        Total = receipt.Total,
        Taxes = { receipt.Taxes.Select(ToProto) },
        Tendered = receipt.Tendered,
        Change = receipt.Change,
        PointsEarned = receipt.PointsEarned,
        Promotions = { receipt.Promotions },
        Replayed = receipt.Replayed,
        CompletedAt = ProtoValues.ToTimestamp(receipt.CompletedAt),
    };

    public static V1.ReturnItemsResponse ToProto(this ReturnReceipt receipt) => new()
    {
        ReturnId = receipt.ReturnId,
        ReceiptSequence = receipt.ReceiptSequence,
        ReceiptNumber = receipt.ReceiptNumber,
        Currency = receipt.Currency,
        Lines = { receipt.Lines.Select(ToProto) },
        RefundTotal = receipt.RefundTotal,
        TaxRefunded = receipt.TaxRefunded,
        Replayed = receipt.Replayed,
    };

    public static V1.VoidSaleResponse ToProto(this VoidReceipt receipt) => new()
    {
        VoidId = receipt.VoidId,
        SaleId = receipt.SaleId,
        ReceiptSequence = receipt.ReceiptSequence,
        ReceiptNumber = receipt.ReceiptNumber,
        RefundTotal = receipt.RefundTotal,
        Replayed = receipt.Replayed,
    };

    public static V1.PricedSaleLine ToProto(this PricedLineView line) => new()
    {
        LineNo = line.LineNo,
        Sku = line.Sku,
        Name = line.Name,
        Quantity = line.Quantity,
        UnitPrice = line.UnitPrice,
        Gross = line.Gross,
        Discount = line.Discount,
        Net = line.Net,
        Tax = line.Tax,
        TaxClass = line.TaxClass,
        Promotions = { line.Promotions },
        WeightGrams = line.WeightGrams ?? 0,
    };

    public static V1.TaxAmount ToProto(this TaxView tax) => new()
    {
        TaxClass = tax.TaxClass,
        RateBasisPoints = tax.RateBasisPoints,
        Inclusive = tax.Inclusive,
        Taxable = tax.Taxable,
        Tax = tax.Tax,
    };
}
