using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.Gateway.Tests.TestData;

namespace ChainPos.Gateway.Tests;

/// <summary>Builders for what a register sends, so tests read as the basket they ring up.</summary>
internal static class Till
{
    public static async Task<OpenShiftResponse> OpenShiftAsync(Clients clients, string registerId, long openingFloat = 10_000, string storeId = S1) =>
        await clients.Checkout.OpenShiftAsync(new OpenShiftRequest
        {
            StoreId = storeId,
            RegisterId = registerId,
            ShiftId = $"shift-{storeId}-{registerId}",
            CashierId = Cashier,
            CashierPin = CashierPin,
            OpeningFloat = openingFloat,
        });

    public static SaleLine Line(string sku, int quantity) => new() { Sku = sku, Quantity = quantity };

    public static Tender Cash(long amount) => new() { Type = TenderType.Cash, Amount = amount };

    public static Tender Card(long amount) => new()
    {
        Type = TenderType.Card, Amount = amount, CardToken = "tok_test_1", CardBrand = "VISA", CardLast4 = "4242",
    };

    public static Tender GiftCardTender(string code, long amount, string holdId = "") => new()
    {
        Type = TenderType.GiftCard, Amount = amount, GiftCardCode = code, HoldId = holdId,
    };

    public static Tender Points(string customerId, long value, string holdId = "") => new()
    {
        Type = TenderType.LoyaltyPoints, Amount = value, CustomerId = customerId, HoldId = holdId,
    };

    public static CompleteSaleRequest Sale(string registerId, string saleId, IEnumerable<SaleLine> lines, IEnumerable<Tender> tenders, string storeId = S1) => new()
    {
        StoreId = storeId,
        RegisterId = registerId,
        SaleId = saleId,
        Currency = Currency,
        Lines = { lines },
        Tenders = { tenders },
    };

    public static async Task<GetStockResponse> StockAsync(Clients clients, params string[] skus) =>
        await clients.Stock.GetStockAsync(new GetStockRequest { LocationId = S1, Skus = { skus } });

    /// <summary>Waits until the register's outbox has delivered: the stock of each SKU reads as expected.</summary>
    public static async Task<Dictionary<string, long>> StockWhenAsync(Clients clients, Dictionary<string, long> expected)
    {
        var levels = await Eventually.UntilAsync(
            () => StockAsync(clients, [.. expected.Keys]),
            r => r.Levels.All(l => l.OnHand == expected[l.Sku]));
        return levels.Levels.ToDictionary(l => l.Sku, l => l.OnHand);
    }
}
