using ChainPos.Abstractions.Reports;

namespace ChainPos.Grains.Checkout;

internal sealed partial class RegisterGrain
{
    /// <summary>
    /// The reports' outbox target: the feed routes the sale to its store-day report, which de-duplicates on
    /// (register, outbox sequence). Takes a list so a batched outbox can hand over many sales in one call.
    /// </summary>
    private Task ReportSalesAsync(IReadOnlyList<ReportedSale> sales) =>
        GrainFactory.Grain<ISalesReportFeedGrain>(ReportKeys.Feed).ReportSalesAsync(_storeId, _registerId, sales);

    /// <summary>Returns and voids go the same way, de-duplicated on (register, outbox sequence) by a mark of their own.</summary>
    private Task ReportRefundsAsync(IReadOnlyList<ReportedRefund> refunds) =>
        GrainFactory.Grain<ISalesReportFeedGrain>(ReportKeys.Feed).ReportRefundsAsync(_storeId, _registerId, refunds);

    private async Task ReportSalesThenRefundsAsync(IReadOnlyList<ReportedSale> sales, IReadOnlyList<ReportedRefund> refunds)
    {
        await ReportSalesAsync(sales);
        await ReportRefundsAsync(refunds);
    }
}
