using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.Observability.Tests.Chain;

namespace ChainPos.Observability.Tests;

/// <summary>Business metrics scraped from <c>/metrics</c> after sales rung through the real gRPC API.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed class MetricsEndpointTests(ObservabilityFixture fixture)
{
    private static readonly (string, string) Eur = ("chainpos_currency", Currency);

    [Fact]
    public async Task Metrics_AfterSalesRetryAndReturn_CountExactlyWhatWasCommitted()
    {
        const string store = "OBS-SCRAPE";
        var inStore = ("chainpos_store_id", store);
        var before = await fixture.ScrapeAsync();
        await fixture.OpenShiftAsync(store);

        // 2 × 8.99 + 1.50 = 19.48, paid 10.00 by card and 10.00 cash: 0.52 change, so 9.48 cash stays in the drawer.
        var first = Sale(store, "scrape-1", [Line("MUG", 2), Line("PEN", 1)], [Card(1000), Cash(1000)]);
        var receipt = await fixture.Admin.Checkout.CompleteSaleAsync(first);
        Assert.Equal((1948L, 52L), (receipt.Total, receipt.Change));
        var second = await fixture.Admin.Checkout.CompleteSaleAsync(Sale(store, "scrape-2", [Line("TEE", 3)], [Cash(5997)]));
        Assert.Equal(5997L, second.Total);
        Assert.True((await fixture.Admin.Checkout.CompleteSaleAsync(first)).Replayed);
        var refund = await fixture.Admin.Checkout.ReturnItemsAsync(new ReturnItemsRequest
        {
            StoreId = store, RegisterId = "R1", ReturnId = "scrape-return-1", OriginalSaleId = "scrape-1", Currency = Currency,
            Lines = { new ReturnLine { Sku = "PEN", Quantity = 1 } }, RefundTenders = { Cash(150) }, Reason = "not needed",
        });
        Assert.Equal(150L, refund.RefundTotal);

        var after = await fixture.ScrapeAsync();
        Assert.Equal((2d, 6d, 7945d), (after.Value("chainpos_sales_total", inStore, Eur), after.Value("chainpos_sale_items_total", inStore, Eur),
            after.Value("chainpos_sale_revenue_total", inStore, Eur)));
        Assert.Equal((1d, 150d), (after.Value("chainpos_refunds_total", inStore, Eur, ("chainpos_refund_kind", "return")),
            after.Value("chainpos_refund_amount_total", inStore, Eur, ("chainpos_refund_kind", "return"))));
        Assert.Equal((0d, 0d), (after.Value("chainpos_refunds_total", inStore, Eur, ("chainpos_refund_kind", "void")),
            after.Value("chainpos_sales_total", ("chainpos_store_id", "OBS-NOBODY"), Eur)));

        // Series without a store label are chain-wide: compare with the scrape before (tests of one collection run one at a time).
        Assert.Equal((1d, 1000d), Delta(before, after, "chainpos_sale_tenders_total", "chainpos_sale_tender_amount_total", "card"));
        Assert.Equal((2d, 6945d), Delta(before, after, "chainpos_sale_tenders_total", "chainpos_sale_tender_amount_total", "cash"));
        Assert.Equal((2d, 6d), (Change(before, after, "chainpos_sale_basket_items_count"), Change(before, after, "chainpos_sale_basket_items_sum")));
        Assert.Equal((2d, 7945d), (Change(before, after, "chainpos_sale_basket_amount_count", Eur), Change(before, after, "chainpos_sale_basket_amount_sum", Eur)));
        Assert.Equal((0d, 2d), (Change(before, after, "chainpos_sale_basket_items_bucket", ("le", "2")), Change(before, after, "chainpos_sale_basket_items_bucket", ("le", "3"))));

        // Every effect is delivered in the end: nothing stays pending.
        var settled = await Eventually.UntilAsync(fixture.ScrapeAsync, m => m.Value("chainpos_outbox_pending") == 0);
        Assert.Equal(0d, settled.Value("chainpos_outbox_pending"));
    }

    [Fact]
    public async Task Metrics_AfterGiftCardAndLoyaltySale_CountHoldCaptureAndPoints()
    {
        const string store = "OBS-CARD";
        var before = await fixture.ScrapeAsync();
        await fixture.OpenShiftAsync(store);
        var sale = Sale(store, "card-1", [Line("TEE", 1)], [GiftCardTender(1000), Card(999)]);
        sale.CustomerId = Customer;
        var receipt = await fixture.Admin.Checkout.CompleteSaleAsync(sale);
        Assert.Equal((1999L, 190L), (receipt.Total, receipt.PointsEarned));

        // The hold is placed before the commit; its capture and the points arrive with the outbox delivery.
        var after = await Eventually.UntilAsync(fixture.ScrapeAsync,
            m => GiftCardChange(before, m, "capture").Count == 1 && Change(before, m, "chainpos_loyalty_points_total", ("chainpos_loyalty_change", "earned")) == 190);
        Assert.Equal((1d, 1000d), GiftCardChange(before, after, "hold"));
        Assert.Equal((1d, 1000d), GiftCardChange(before, after, "capture"));
        Assert.Equal((0d, 0d), GiftCardChange(before, after, "void"));
        Assert.Equal(190d, Change(before, after, "chainpos_loyalty_points_total", ("chainpos_loyalty_change", "earned")));
        Assert.Equal(0d, Change(before, after, "chainpos_loyalty_points_total", ("chainpos_loyalty_change", "redeemed")));
        Assert.Equal((1d, 1000d), Delta(before, after, "chainpos_sale_tenders_total", "chainpos_sale_tender_amount_total", "gift_card"));
        Assert.Equal((1d, 999d), Delta(before, after, "chainpos_sale_tenders_total", "chainpos_sale_tender_amount_total", "card"));
    }

    private static double Change(MetricsText before, MetricsText after, string name, params (string, string)[] labels) =>
        after.Value(name, labels) - before.Value(name, labels);

    private static (double Count, double Amount) Delta(MetricsText before, MetricsText after, string count, string amount, string tenderType) =>
        (Change(before, after, count, ("chainpos_tender_type", tenderType)), Change(before, after, amount, ("chainpos_tender_type", tenderType), Eur));

    private static (double Count, double Amount) GiftCardChange(MetricsText before, MetricsText after, string operation) =>
        (Change(before, after, "chainpos_giftcard_operations_total", ("chainpos_giftcard_operation", operation)),
         Change(before, after, "chainpos_giftcard_amount_total", ("chainpos_giftcard_operation", operation), Eur));
}
