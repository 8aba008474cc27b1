using ChainPos.Abstractions.Checkout;
using ChainPos.Storage;

namespace ChainPos.Grains.Checkout;

/// <summary>
/// One sale's record (receipt, tenders) and the returns and void claimed against it. Inserted once when the register
/// delivers the sale, by <see cref="SaleRecordWriter"/> straight into this grain's row (no activation); read again only
/// for a return, a late retry or a reprint, mostly within minutes: activations are collected after 2 idle minutes, so
/// a busy day's hundreds of thousands of sales do not stay in silo memory. Because the row can appear under an
/// activation that found none, every call that finds no sale reads the row again first.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
internal sealed class SaleRecordGrain(
    [PersistentState(SaleRecordGrain.StateName, StorageNames.Grains)] IPersistentState<SaleRecordState> state) : Grain, ISaleRecordGrain
{
    public const string StateName = "sale";

    private bool _fresh = true; // the activation's own read has not been used yet

    public async Task RecordAsync(SaleRecordData sale)
    {
        await RefreshIfEmptyAsync();
        if (state.State.Sale is { } existing)
        {
            if (existing.StoreId != sale.StoreId || existing.RegisterId != sale.RegisterId)
            {
                throw new PosException(ErrorCode.AlreadyExists, $"Sale id '{sale.Receipt.SaleId}' is already recorded for another register.");
            }

            return;
        }

        state.State.Sale = sale;
        await state.WriteStateAsync();
    }

    public async Task<SaleRecordView?> GetAsync()
    {
        await RefreshIfEmptyAsync();
        return state.State.Sale is { } sale ? new SaleRecordView(sale, [.. state.State.Returns], state.State.VoidId) : null;
    }

    public async Task<ReturnClaim> ClaimReturnAsync(string returnId, IReadOnlyList<ReturnLineSpec> lines, long expectedRefundTotal)
    {
        await RefreshIfEmptyAsync();
        var sale = state.State.Sale ?? throw PosException.NotFound("Sale is not recorded.");
        if (state.State.Returns.FirstOrDefault(r => r.ReturnId == returnId) is { } done)
        {
            return done;
        }

        if (state.State.VoidId is not null)
        {
            throw PosException.Precondition($"Sale '{sale.Receipt.SaleId}' was voided; there is nothing left to return.");
        }

        var claim = ReturnCalculator.Claim(returnId, sale.Receipt, state.State.Returns, lines);
        if (claim.RefundTotal != expectedRefundTotal)
        {
            throw PosException.Precondition($"Another return of sale '{sale.Receipt.SaleId}' was recorded meanwhile; the refund is now {claim.RefundTotal}. Ring the return again.");
        }

        state.State.Returns.Add(claim);
        await state.WriteStateAsync();
        return claim;
    }

    public async Task MarkVoidedAsync(string voidId)
    {
        await RefreshIfEmptyAsync();
        var sale = state.State.Sale ?? throw PosException.NotFound("Sale is not recorded.");
        if (state.State.VoidId == voidId)
        {
            return;
        }

        if (state.State.VoidId is not null)
        {
            throw PosException.Precondition($"Sale '{sale.Receipt.SaleId}' is already voided.");
        }

        if (state.State.Returns.Count > 0)
        {
            throw PosException.Precondition($"Goods of sale '{sale.Receipt.SaleId}' were already returned; refund the rest with a return.");
        }

        state.State.VoidId = voidId;
        await state.WriteStateAsync();
    }

    /// <summary>With no sale in memory, reads the row again (the writer may have inserted it since), except on the
    /// activation's first call, which the activation's own read just served.</summary>
    private async Task RefreshIfEmptyAsync()
    {
        if (state.State.Sale is null && !_fresh)
        {
            await state.ReadStateAsync();
        }

        _fresh = false;
    }
}
