using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Reports;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Allowances;
using ChainPos.Grains.Holds;
using ChainPos.Grains.Reports;
using ChainPos.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.GiftCards;

internal sealed partial class GiftCardGrain(
    [PersistentState("giftcard", StorageNames.Grains)] IPersistentState<GiftCardState> state,
    IOptions<CheckoutOptions> options,
    IOptions<CommerceOptions> commerce,
    TimeProvider time,
    ChainPosMetrics metrics,
    ILogger<GiftCardGrain> logger) : Grain, IGiftCardGrain
{
    private const int LoadsKept = 200;
    private const long MaxBalance = 100_000_00;
    private const string Noun = "Hold";

    private LiabilityPusher? _liability;

    private GiftCardState S => state.State;

    private LiabilityPusher Liability => _liability ??= new LiabilityPusher(this, () => S, GrainFactory, LiabilityKind.GiftCards, commerce, time, logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A change stored just before a crash may not have reached the shard: report the stored balance again (the
        // shard ignores a version it already holds).
        ReportLiability();
        Liability.ForgetStored();
        return Task.CompletedTask;
    }

    /// <summary>Writes the state; then the liability shard may forget the counted base this write stored.</summary>
    private Task WriteStateAsync() => Liability.WriteAsync(state.WriteStateAsync);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Liability.StoreAtDeactivationAsync(state.WriteStateAsync);

    /// <summary>Call after a write that stored a balance change and its <see cref="GiftCardState.LiabilityVersion"/>.</summary>
    private void ReportLiability()
    {
        if (S.Currency is { } currency)
        {
            Liability.Schedule(S.LiabilityVersion, S.Balance, currency);
        }
    }

    public async Task<bool> CountLiabilityAsync()
    {
        if (S.Currency is null || S.LiabilityVersion > 0)
        {
            ReportLiability();
            return false;
        }

        // Stored before liability reporting: version 1 is stored before its report, so the shard counts it once.
        S.LiabilityVersion = 1;
        await WriteStateAsync();
        ReportLiability();
        return true;
    }

    private long Available => S.Balance - HoldBook.Held(S.Holds) - AllowanceBook.Held(S.Leases, time.GetUtcNow());

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
        S.LiabilityVersion++;
        S.Loads.Add(operationId);
        if (S.Loads.Count > LoadsKept)
        {
            S.Loads.RemoveRange(0, S.Loads.Count - LoadsKept);
        }

        await WriteStateAsync();
        ReportLiability();
        metrics.GiftCard(ChainPosMetrics.Tags.Load, amount, currency);
        return View();
    }

    public Task<GiftCardView> GetAsync() => Task.FromResult(View());

    public async Task<HoldView> HoldAsync(string holdId, long amount, string currency, TimeSpan ttl, HoldOwner? owner)
    {
        if (HoldBook.FindRepeat(S.Holds, holdId, amount, Noun) is { } repeat)
        {
            return HoldBook.View(holdId, repeat, Available);
        }

        RequireIssued();
        if (currency != S.Currency)
        {
            throw PosException.Invalid($"Gift card {S.MaskedCode} holds {S.Currency}, not {currency}.");
        }

        HoldBook.RequireValid(amount, ttl, Noun);
        await SettleAsync();
        if (amount > Available)
        {
            throw PosException.Precondition($"Gift card {S.MaskedCode} has {Currencies.Format(Available, S.Currency!)} available; " +
                $"it cannot cover {Currencies.Format(amount, S.Currency!)}. Take the rest with another tender.");
        }

        var hold = HoldBook.Place(S.Holds, holdId, amount, ttl, owner, time.GetUtcNow());
        await WriteStateAsync();
        metrics.GiftCard(ChainPosMetrics.Tags.Hold, amount, S.Currency);
        return HoldBook.View(holdId, hold, Available);
    }

    public async Task<HoldView> ClaimHoldAsync(string holdId, long amount, TimeSpan ttl, HoldOwner owner)
    {
        await SettleAsync();
        var hold = HoldBook.Claim(S.Holds, holdId, amount, ttl, owner, time.GetUtcNow(), Noun);
        await WriteStateAsync();
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
        S.LiabilityVersion++;
        hold.Status = HoldStatus.Captured;
        hold.ChangedAt = time.GetUtcNow();
        await WriteStateAsync();
        ReportLiability();
        metrics.GiftCard(ChainPosMetrics.Tags.Capture, hold.Amount, S.Currency);
    }

    public async Task<HoldView> VoidHoldAsync(string holdId)
    {
        var (hold, changed) = HoldBook.Void(S.Holds, holdId, time.GetUtcNow(), Noun);
        if (changed)
        {
            await WriteStateAsync();
            metrics.GiftCard(ChainPosMetrics.Tags.Void, hold.Amount, S.Currency);
        }

        return HoldBook.View(holdId, hold, Available);
    }

    private async Task SettleAsync()
    {
        if (await HoldBook.SettleExpiredAsync(S.Holds, time.GetUtcNow(), options.Value.HoldSettleDelay, GrainFactory))
        {
            await WriteStateAsync();
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
