using ChainPos.Abstractions.Checkout;
using ChainPos.Storage;

namespace ChainPos.Grains.Checkout;

/// <summary>
/// One sale's record (receipt, tenders) and the returns and void claimed against it. Written once when the register
/// delivers the sale, read again only for a return, a late retry or a reprint, mostly within minutes: activations are
/// collected after 2 idle minutes, so a busy day's hundreds of thousands of sales do not stay in silo memory.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
internal sealed class SaleRecordGrain(
    [PersistentState("sale", StorageNames.Grains)] IPersistentState<SaleRecordState> state) : Grain, ISaleRecordGrain
{
    public async Task RecordAsync(SaleRecordData sale)
    {
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

    public Task<SaleRecordView?> GetAsync() => Task.FromResult(state.State.Sale is { } sale
        ? new SaleRecordView(sale, [.. state.State.Returns], state.State.VoidId)
        : null);

    public async Task<ReturnClaim> ClaimReturnAsync(string returnId, IReadOnlyList<ReturnLineSpec> lines, long expectedRefundTotal)
    {
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
}
