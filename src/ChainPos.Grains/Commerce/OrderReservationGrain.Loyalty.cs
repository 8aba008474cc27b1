using ChainPos.Abstractions.Commerce;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Abstractions.Reports;
using ChainPos.Abstractions.Stores;
using ChainPos.Grains.Checkout;

namespace ChainPos.Grains.Commerce;

/// <summary>
/// The committed order as a sale: the customer who earns points by it (one loyalty entry, referenced by the order id,
/// applied as a commit effect and so retried with the stock effects until it lands) and the record reports read.
/// </summary>
internal sealed partial class OrderReservationGrain
{
    /// <summary>The store id on loyalty entries of shipped orders when no web store is configured.</summary>
    public const string DefaultWebStoreId = "web";

    public Task<ReservationView> CommitForCustomerAsync(string? customerId) => CommitCoreAsync(customerId);

    public async Task<WebOrderRecord> GetSaleRecordAsync()
    {
        await RecoverAsync();
        RequireExists();
        if (S.Phase is not (OrderPhase.Committed or OrderPhase.Committing))
        {
            throw PosException.Precondition($"Order '{_orderId}' is not committed ({View().Status}); it has no sale record.");
        }

        return SaleRecord();
    }

    private WebOrderRecord SaleRecord()
    {
        var view = View();
        return new WebOrderRecord(
            _orderId, S.Currency,
            [.. view.Lines.Select(l => new WebOrderLine(l.Sku, l.Name, l.Quantity, l.UnitPrice, l.LineTotal, [.. l.Allocations.Select(a => new WebOrderAllocation(a.LocationId, a.Quantity))]))],
            view.Total, S.PickupLocationId, S.CustomerId, S.CreatedAt, S.FinishedAt ?? S.CreatedAt);
    }

    /// <summary>
    /// Before the commit decision: names the customer given with the commit (or collection), checking the account
    /// exists. Refusals change nothing. A customer named at reserve time stays; naming another one is refused.
    /// </summary>
    private async Task AssignCustomerAsync(string? customerId)
    {
        if (customerId is null || customerId == S.CustomerId)
        {
            return;
        }

        if (!Ids.IsValid(customerId))
        {
            throw PosException.Invalid($"customer_id must be 1-64 characters of letters, digits, '.', '_', ':' or '-' (got '{(customerId.Length > 40 ? customerId[..40] + "…" : customerId)}').");
        }

        if (S.CustomerId is { } reserved)
        {
            throw PosException.Precondition($"Order '{_orderId}' was reserved for customer '{reserved}', not '{customerId}'.");
        }

        if (await Loyalty(customerId).GetAsync() is null)
        {
            throw PosException.NotFound($"Customer '{customerId}' is not enrolled in loyalty.");
        }

        S.CustomerId = customerId;
    }

    /// <summary>A commit effect: the customer earns points for the order total, once (the account de-duplicates by order id).</summary>
    private async Task EarnLoyaltyAsync()
    {
        if (S.CustomerId is not { } customer)
        {
            return;
        }

        if (await Loyalty(customer).GetAsync() is null)
        {
            // Checked when the customer was named; only a caller that skipped the check gets here. Retrying cannot help.
            logger.WebOrderCustomerMissing(_orderId, customer);
            return;
        }

        var storeId = S.PickupLocationId ?? _options.WebStoreId;
        var settings = storeId is null ? null : await GrainFactory.Grain<IStoreGrain>(GrainKeys.Store(storeId)).GetAsync();
        var rule = settings is null ? LoyaltyRule.Default : SalePricing.LoyaltyRule(settings);
        var total = S.Lines.Sum(l => l.UnitPrice * l.Quantity);
        var points = LoyaltyRules.PointsEarned(total, Currencies.MinorDigits(S.Currency), rule);
        var entry = new LoyaltyEntry(
            "web-order:" + _orderId, settings?.StoreId ?? DefaultWebStoreId, total, points, null, 0,
            new LoyaltyRuleSpecRef(rule.SilverSpend, rule.GoldSpend), S.FinishedAt ?? Now);
        await Loyalty(customer).ApplyAsync(entry);
    }

    /// <summary>
    /// A commit effect: the order counts in the store-day reports of the stores that fulfil it. Retried with the other
    /// effects until it lands; the store-day grains count each order id once.
    /// </summary>
    private Task ReportSaleAsync() =>
        GrainFactory.Grain<ISalesReportFeedGrain>(ReportKeys.Feed).ReportWebOrderAsync(SaleRecord());

    /// <summary>
    /// Once <see cref="OrderPhase.Committed"/> is durable the order is never reported again, so the store-days may drop
    /// its id (they keep their sets bounded that way). Best effort, off the caller's path: if it is lost, the id simply
    /// stays in that day's set.
    /// </summary>
    private void ForgetReportedSale() =>
        GrainFactory.Grain<ISalesReportFeedGrain>(ReportKeys.Feed).ForgetWebOrderAsync(SaleRecord()).Ignore();

    private ILoyaltyAccountGrain Loyalty(string customerId) => GrainFactory.Grain<ILoyaltyAccountGrain>(GrainKeys.Loyalty(customerId));
}
