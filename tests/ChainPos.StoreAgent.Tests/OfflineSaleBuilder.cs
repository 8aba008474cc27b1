using ChainPos.Api.V1;
using Google.Protobuf.WellKnownTypes;
using static ChainPos.StoreAgent.Tests.Chain;

namespace ChainPos.StoreAgent.Tests;

/// <summary>Offline sales as an agent sends them: every line in the 20 % tax-inclusive class, totals that add up.</summary>
internal static class OfflineSaleBuilder
{
    public static SubmitOfflineSaleRequest Sale(string registerId, string saleId, long sequence, string shiftId, DateTimeOffset at, params (string Sku, int Quantity, long UnitPrice)[] lines)
    {
        var request = new SubmitOfflineSaleRequest
        {
            StoreId = Store, RegisterId = registerId, SaleId = saleId, RegisterSequence = sequence, ShiftId = shiftId,
            CashierId = Cashier, Currency = Currency, OccurredAt = Timestamp.FromDateTimeOffset(at),
        };
        foreach (var (sku, quantity, unit) in lines)
        {
            var gross = unit * quantity;
            request.Lines.Add(new OfflineSaleLine
            {
                Sku = sku, Name = sku, Quantity = quantity, UnitPrice = unit, Gross = gross, Discount = 0, Net = gross,
                Tax = InclusiveTax(gross), TaxClass = "standard",
            });
        }

        request.Subtotal = request.Lines.Sum(l => l.Gross);
        request.TaxTotal = request.Lines.Sum(l => l.Tax);
        request.Total = request.Subtotal;
        request.Taxes.Add(new TaxAmount { TaxClass = "standard", RateBasisPoints = 2000, Inclusive = true, Taxable = request.Total, Tax = request.TaxTotal });
        request.Tenders.Add(new Tender { Type = TenderType.Cash, Amount = request.Total });
        return request;
    }

    /// <summary>Pays by card instead (the terminal approved it offline: token, brand, last four).</summary>
    public static SubmitOfflineSaleRequest ByCard(this SubmitOfflineSaleRequest sale)
    {
        sale.Tenders.Clear();
        sale.Tenders.Add(new Tender { Type = TenderType.Card, Amount = sale.Total, CardToken = "tok_offline_1", CardBrand = "VISA", CardLast4 = "4242" });
        return sale;
    }

    private static long InclusiveTax(long gross) => (long)Math.Round(gross * 2000m / 12000m, MidpointRounding.AwayFromZero);
}
