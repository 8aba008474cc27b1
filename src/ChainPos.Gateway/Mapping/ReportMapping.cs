using ChainPos.Abstractions.Reports;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Report views to their protobuf messages.</summary>
internal static class ReportMapping
{
    public static V1.DaySales ToProto(this DaySalesView d) => new()
    {
        StoreId = d.StoreId,
        Day = d.Day,
        Currency = d.Currency,
        SalesCount = d.SalesCount,
        Items = d.Items,
        Subtotal = d.Subtotal,
        DiscountTotal = d.DiscountTotal,
        TaxTotal = d.TaxTotal,
        Total = d.Total,
        GiftCardsSold = d.GiftCardsSold,
        GiftCardsRedeemed = d.GiftCardsRedeemed,
        PointsEarned = d.PointsEarned,
        PointsRedeemed = d.PointsRedeemed,
        Hours = { d.Hours.Select(ToProto) },
        Tenders = { d.Tenders.Select(ToProto) },
        TaxRates = { d.TaxRates.Select(t => new V1.TaxRateTotal { TaxClass = t.TaxClass, RateBasisPoints = t.RateBasisPoints, Net = t.Net, Tax = t.Tax, Gross = t.Gross }) },
        Registers = { d.Registers.Select(ToProto) },
        Categories = { d.Categories.Select(ToProto) },
        TopSkus = { d.TopSkus.Select(s => new V1.SkuSales { Sku = s.Sku, Name = s.Name, Category = s.Category, Quantity = s.Quantity, Net = s.Net }) },
        OtherSkusNet = d.OtherSkusNet,
        LastSaleAt = d.LastSaleAt is { } last ? ProtoValues.ToTimestamp(last) : null,
        ReturnsCount = d.ReturnsCount,
        ReturnsTotal = d.ReturnsTotal,
        ReturnsTax = d.ReturnsTax,
        VoidsCount = d.VoidsCount,
        VoidsTotal = d.VoidsTotal,
        VoidsTax = d.VoidsTax,
        NetTotal = d.NetTotal,
        NetTaxTotal = d.NetTaxTotal,
        WebOrdersCount = d.WebOrdersCount,
        WebOrdersTotal = d.WebOrdersTotal,
    };

    public static V1.ChainDaySales ToProto(this ChainDaySalesView c) => new()
    {
        Day = c.Day,
        Total = c.Total?.ToProto(),
        Stores = { c.Stores.Select(ToProto) },
    };

    public static V1.Liability ToProto(this ChainLiabilityView l) => new()
    {
        GiftCards = { l.GiftCards.Select(t => new V1.LiabilityAmount { Currency = t.Unit, Amount = t.Amount, Holders = t.Holders }) },
        LoyaltyPoints = l.LoyaltyPoints.Amount,
        LoyaltyAccounts = l.LoyaltyPoints.Holders,
    };

    private static V1.AmountCount ToProto(AmountCount a) => new() { Key = a.Key, Amount = a.Amount, Count = a.Count };
}
