using ChainPos.Api.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace ChainPos.LoadGen.ChainDay;

/// <summary>ChainPos through its gateway: the admin credential for the tills and seeding, the e-commerce one for the web shop.</summary>
internal sealed class ChainPosSystem(CallInvoker admin, CallInvoker commerce) : IChainDaySystem
{
    private const string Cashier = "L1";
    private const string Pin = "4321";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly CheckoutService.CheckoutServiceClient _checkout = new(admin);
    private readonly CommerceService.CommerceServiceClient _commerce = new(commerce);
    private readonly StockService.StockServiceClient _stock = new(admin);
    private readonly LoyaltyService.LoyaltyServiceClient _loyalty = new(admin);
    private readonly GiftCardService.GiftCardServiceClient _gifts = new(admin);

    public string Name => "chainpos";

    public async Task SeedAsync(ChainDayPlan plan) => await new ChainPosSeeder(admin).SeedAsync(plan);

    public async Task<long> OpenShiftAsync(string store, string register, string runId)
    {
        try
        {
            var report = await _checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = store, RegisterId = register });
            if (!report.Closed)
            {
                await _checkout.CloseShiftAsync(new CloseShiftRequest { StoreId = store, RegisterId = register, ShiftId = report.ShiftId, CountedCash = report.ExpectedCash });
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            // The register never had a shift.
        }

        var opened = await _checkout.OpenShiftAsync(new OpenShiftRequest { StoreId = store, RegisterId = register, ShiftId = "cd-" + runId, CashierId = Cashier, CashierPin = Pin });
        return opened.NextReceiptSequence - 1;
    }

    public async Task<SaleResult> SellAsync(string store, string register, SaleOperation sale)
    {
        var request = new CompleteSaleRequest
        {
            StoreId = store, RegisterId = register, SaleId = sale.SaleId, Currency = ChainDayPlan.Currency, ExpectedTotal = sale.Total,
            CustomerId = sale.CustomerId ?? "", OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
        };
        request.Lines.AddRange(sale.Lines.Select(l => new SaleLine { Sku = l.Sku, Quantity = l.Quantity }));
        if (sale.GiftCardAmount > 0)
        {
            request.Tenders.Add(new Tender { Type = TenderType.GiftCard, Amount = sale.GiftCardAmount, GiftCardCode = sale.GiftCardCode! });
        }

        if (sale.Total - sale.GiftCardAmount > 0)
        {
            request.Tenders.Add(new Tender { Type = TenderType.Cash, Amount = sale.Total - sale.GiftCardAmount });
        }

        var r = await _checkout.CompleteSaleAsync(request, deadline: DateTime.UtcNow + Deadline);
        return new SaleResult(sale.SaleId, store, register, r.ReceiptSequence, r.Total, r.PointsEarned, sale.CustomerId, [.. r.Lines.Select(l => (l.Sku, l.Quantity, l.Net))]);
    }

    public async Task<ReturnResult> ReturnAsync(string store, string register, string returnId, SaleResult original, int lineIndex)
    {
        var line = original.Lines[lineIndex];
        var request = new ReturnItemsRequest
        {
            StoreId = store, RegisterId = register, ReturnId = returnId, OriginalSaleId = original.SaleId, Currency = ChainDayPlan.Currency, Reason = "load test",
            Lines = { new ReturnLine { Sku = line.Sku, Quantity = line.Quantity } },
            RefundTenders = { new Tender { Type = TenderType.Cash, Amount = line.Net } },
        };
        var r = await _checkout.ReturnItemsAsync(request, deadline: DateTime.UtcNow + Deadline);
        return new ReturnResult(r.ReceiptSequence, r.RefundTotal, LoyaltyMath.ClawBack(original, r.RefundTotal));
    }

    public async Task<bool> ReserveAsync(WebOrderOperation order)
    {
        var request = new ReserveStockRequest { OrderId = order.OrderId, PickupLocationId = order.Location, TtlSeconds = 600 };
        request.Lines.AddRange(order.Lines.Select(l => new ReserveLine { Sku = l.Sku, Quantity = l.Quantity }));
        try
        {
            await _commerce.ReserveStockAsync(request, deadline: DateTime.UtcNow + Deadline);
            return true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return false;
        }
    }

    public async Task CommitAsync(string orderId) =>
        await _commerce.CommitReservationAsync(new OrderRequest { OrderId = orderId }, deadline: DateTime.UtcNow + Deadline);

    public async Task ReleaseAsync(string orderId) =>
        await _commerce.ReleaseReservationAsync(new OrderRequest { OrderId = orderId }, deadline: DateTime.UtcNow + Deadline);

    public async Task<Snapshot> ReadAsync(ChainDayPlan plan, IEnumerable<StockKey> stock, IEnumerable<(string Store, string Register)> registers)
    {
        var levels = new System.Collections.Concurrent.ConcurrentDictionary<StockKey, StockReading>();
        var pages = stock.GroupBy(k => k.Location).SelectMany(g => g.Select(k => k.Sku).Chunk(500).Select(skus => (Location: g.Key, Skus: skus))).ToList();
        await SeedProgress.ForEachAsync("read stock", pages, 8, async page =>
        {
            var response = await _stock.GetStockAsync(new GetStockRequest { LocationId = page.Location, Skus = { page.Skus } });
            foreach (var l in response.Levels)
            {
                levels[new StockKey(l.LocationId, l.Sku)] = new StockReading(l.OnHand, l.Reserved, l.SafetyStock);
            }
        });

        var gifts = new System.Collections.Concurrent.ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await SeedProgress.ForEachAsync("read gift cards", plan.AllGiftCards.ToList(), 16, async code =>
            gifts[code] = (await _gifts.GetGiftCardBalanceAsync(new GetGiftCardBalanceRequest { Code = code })).Balance);
        var points = new System.Collections.Concurrent.ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await SeedProgress.ForEachAsync("read loyalty", plan.AllCustomers.ToList(), 16, async id =>
            points[id] = (await _loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = id })).Points);
        var counters = new System.Collections.Concurrent.ConcurrentDictionary<string, RegisterReading>(StringComparer.Ordinal);
        await SeedProgress.ForEachAsync("read registers", registers.ToList(), 16, async r =>
        {
            var report = await _checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = r.Store, RegisterId = r.Register });
            counters[Ledger.RegisterKey(r.Store, r.Register)] = new RegisterReading(report.LastReceiptSequence);
        });
        return new Snapshot(levels, gifts, points, counters);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Loyalty arithmetic both systems share.</summary>
internal static class LoyaltyMath
{
    /// <summary>1 point per whole currency unit of the total (the seeded stores' rule).</summary>
    public static long Earned(long total) => total <= 0 ? 0 : total / 100;

    /// <summary>Points taken back for a refund: floor(points earned × refund ÷ sale total), as ChainPos does.</summary>
    public static long ClawBack(SaleResult original, long refund) =>
        original.CustomerId is null || original.PointsEarned <= 0 || original.Total == 0 ? 0 : (long)Math.Floor((decimal)original.PointsEarned * refund / original.Total);
}
