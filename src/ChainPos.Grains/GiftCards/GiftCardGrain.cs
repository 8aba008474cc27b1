using ChainPos.Abstractions.GiftCards;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Holds;
using ChainPos.Storage;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.GiftCards;

internal sealed class GiftCardGrain(
    [PersistentState("giftcard", StorageNames.Grains)] IPersistentState<GiftCardState> state,
    IOptions<CheckoutOptions> options,
    TimeProvider time) : Grain, IGiftCardGrain
{
    private const int LoadsKept = 200;
    private const long MaxBalance = 100_000_00;
    private static readonly TimeSpan MaxTtl = TimeSpan.FromHours(24);

    private GiftCardState S => state.State;

    private long Available => S.Balance - HoldBook.Held(S.Holds);

    public async Task<GiftCardView> LoadAsync(string operationId, long amount, string currency, string maskedCode)
    {
        Ids.Require(operationId, "operation_id");
        if (S.Loads.Contains(operationId))
        {
            return View();
        }

        if (amount <= 0 || S.Balance + amount > MaxBalance)
        {
            throw PosException.Invalid($"A load must be positive and keep the balance at most {MaxBalance} minor units.");
        }

        Currencies.Require(currency);
        if (S.Currency is { } existing && existing != currency)
        {
            throw PosException.Precondition($"Gift card {S.MaskedCode} holds {existing}; it cannot be loaded with {currency}.");
        }

        S.Issued = true;
        S.Currency = currency;
        S.MaskedCode = maskedCode;
        S.Balance += amount;
        S.Loads.Add(operationId);
        if (S.Loads.Count > LoadsKept)
        {
            S.Loads.RemoveRange(0, S.Loads.Count - LoadsKept);
        }

        await state.WriteStateAsync();
        return View();
    }

    public Task<GiftCardView> GetAsync() => Task.FromResult(View());

    public async Task<HoldView> HoldAsync(string holdId, long amount, string currency, TimeSpan ttl, HoldOwner? owner)
    {
        Ids.Require(holdId, "hold_id");
        if (S.Holds.TryGetValue(holdId, out var existing))
        {
            return existing.Amount == amount
                ? HoldBook.View(holdId, existing, Available)
                : throw new PosException(ErrorCode.AlreadyExists, $"Hold '{holdId}' already exists for a different amount.");
        }

        RequireIssued();
        if (currency != S.Currency)
        {
            throw PosException.Invalid($"Gift card {S.MaskedCode} holds {S.Currency}, not {currency}.");
        }

        if (amount <= 0)
        {
            throw PosException.Invalid("A hold amount must be positive.");
        }

        if (ttl <= TimeSpan.Zero || ttl > MaxTtl)
        {
            throw PosException.Invalid("A hold lives between 1 second and 24 hours.");
        }

        await SettleAsync();
        if (amount > Available)
        {
            throw PosException.Precondition($"Gift card {S.MaskedCode} has {Currencies.Format(Available, S.Currency!)} available; " +
                $"it cannot cover {Currencies.Format(amount, S.Currency!)}. Take the rest with another tender.");
        }

        var now = time.GetUtcNow();
        var hold = new HoldEntry { Amount = amount, ExpiresAt = now + ttl, Owner = owner, ChangedAt = now };
        S.Holds[holdId] = hold;
        HoldBook.Prune(S.Holds);
        await state.WriteStateAsync();
        return HoldBook.View(holdId, hold, Available);
    }

    public async Task<HoldView> ClaimHoldAsync(string holdId, long amount, TimeSpan ttl, HoldOwner owner)
    {
        await SettleAsync();
        var hold = HoldBook.Require(S.Holds, holdId);
        if (hold.Status != HoldStatus.Active)
        {
            throw PosException.Precondition($"Hold '{holdId}' is {hold.Status.ToString().ToLowerInvariant()}; place a new hold.");
        }

        if (hold.Amount != amount)
        {
            throw PosException.Invalid($"Hold '{holdId}' is for {hold.Amount}, but the tender is {amount}.");
        }

        if (hold.Owner is { } current && current != owner)
        {
            throw PosException.Precondition($"Hold '{holdId}' already belongs to sale '{current.SaleId}'.");
        }

        var now = time.GetUtcNow();
        hold.Owner = owner;
        hold.ExpiresAt = now + ttl;
        hold.ChangedAt = now;
        await state.WriteStateAsync();
        return HoldBook.View(holdId, hold, Available);
    }

    public async Task CaptureAsync(string holdId)
    {
        var hold = HoldBook.Require(S.Holds, holdId);
        switch (hold.Status)
        {
            case HoldStatus.Captured:
                return;
            case HoldStatus.Active:
                break;
            default:
                throw PosException.Precondition($"Hold '{holdId}' on {S.MaskedCode} was {hold.Status}; it cannot be captured.");
        }

        S.Balance -= hold.Amount;
        hold.Status = HoldStatus.Captured;
        hold.ChangedAt = time.GetUtcNow();
        await state.WriteStateAsync();
    }

    public async Task<HoldView> VoidHoldAsync(string holdId)
    {
        var hold = HoldBook.Require(S.Holds, holdId);
        if (hold.Status == HoldStatus.Captured)
        {
            throw PosException.Precondition($"Hold '{holdId}' was already captured by a sale; refund it with a return.");
        }

        if (hold.Status == HoldStatus.Active)
        {
            hold.Status = HoldStatus.Voided;
            hold.ChangedAt = time.GetUtcNow();
            await state.WriteStateAsync();
        }

        return HoldBook.View(holdId, hold, Available);
    }

    private async Task SettleAsync()
    {
        if (await HoldBook.SettleExpiredAsync(S.Holds, time.GetUtcNow(), options.Value.HoldSettleDelay, GrainFactory))
        {
            await state.WriteStateAsync();
        }
    }

    private void RequireIssued()
    {
        if (!S.Issued)
        {
            throw PosException.NotFound("This gift card has not been issued; activate it with a gift card sale line first.");
        }
    }

    private GiftCardView View() => new(S.MaskedCode, S.Currency, S.Balance, Available, S.Issued);
}
