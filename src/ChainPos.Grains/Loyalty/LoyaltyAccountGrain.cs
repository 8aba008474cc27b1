using System.Globalization;
using ChainPos.Abstractions.Loyalty;
using LoyaltyTier = ChainPos.Abstractions.Loyalty.LoyaltyTier;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Holds;
using ChainPos.Storage;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.Loyalty;

internal sealed class LoyaltyAccountGrain(
    [PersistentState("loyalty", StorageNames.Grains)] IPersistentState<LoyaltyAccountState> state,
    IOptions<CheckoutOptions> options,
    TimeProvider time) : Grain, ILoyaltyAccountGrain
{
    private const int AppliedKept = 500;
    private const int RecentKept = 50;
    private static readonly TimeSpan MaxTtl = TimeSpan.FromHours(24);

    private LoyaltyAccountState S => state.State;

    private string CustomerId => this.GetPrimaryKeyString()["cust:".Length..];

    private long Available => S.Points - HoldBook.Held(S.Holds);

    public async Task<LoyaltyAccountView> EnrolAsync(string displayName, string? email, string storeId)
    {
        if (S.Enrolled)
        {
            return View();
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 80)
        {
            throw PosException.Invalid("display_name is required (at most 80 characters).");
        }

        if (email is { Length: > 0 } && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal)))
        {
            throw PosException.Invalid($"'{email}' is not an e-mail address.");
        }

        Ids.Require(storeId, "store_id");
        S.Enrolled = true;
        S.DisplayName = displayName.Trim();
        S.Email = string.IsNullOrEmpty(email) ? null : email;
        S.EnrolledAt = time.GetUtcNow();
        S.EnrolledStore = storeId;
        await state.WriteStateAsync();
        return View();
    }

    public Task<LoyaltyAccountView?> GetAsync() => Task.FromResult(S.Enrolled ? View() : null);

    public async Task<HoldView> HoldPointsAsync(string holdId, long points, TimeSpan ttl, HoldOwner? owner)
    {
        Ids.Require(holdId, "hold_id");
        RequireEnrolled();
        if (S.Holds.TryGetValue(holdId, out var existing))
        {
            return existing.Amount == points
                ? HoldBook.View(holdId, existing, Available)
                : throw new PosException(ErrorCode.AlreadyExists, $"Hold '{holdId}' already exists for a different number of points.");
        }

        if (points <= 0)
        {
            throw PosException.Invalid("Points to hold must be positive.");
        }

        if (ttl <= TimeSpan.Zero || ttl > MaxTtl)
        {
            throw PosException.Invalid("A hold lives between 1 second and 24 hours.");
        }

        await SettleAsync();
        if (points > Available)
        {
            throw PosException.Precondition($"Customer '{CustomerId}' has {Available} points available; {points} are needed.");
        }

        var now = time.GetUtcNow();
        var hold = new HoldEntry { Amount = points, ExpiresAt = now + ttl, Owner = owner, ChangedAt = now };
        S.Holds[holdId] = hold;
        HoldBook.Prune(S.Holds);
        await state.WriteStateAsync();
        return HoldBook.View(holdId, hold, Available);
    }

    public async Task<HoldView> ClaimHoldAsync(string holdId, long points, TimeSpan ttl, HoldOwner owner)
    {
        await SettleAsync();
        var hold = HoldBook.Require(S.Holds, holdId);
        if (hold.Status != HoldStatus.Active)
        {
            throw PosException.Precondition($"Points hold '{holdId}' is {hold.Status.ToString().ToLowerInvariant()}; place a new hold.");
        }

        if (hold.Amount != points)
        {
            throw PosException.Invalid($"Points hold '{holdId}' is for {hold.Amount} points, but the tender needs {points}.");
        }

        if (hold.Owner is { } current && current != owner)
        {
            throw PosException.Precondition($"Points hold '{holdId}' already belongs to sale '{current.SaleId}'.");
        }

        var now = time.GetUtcNow();
        hold.Owner = owner;
        hold.ExpiresAt = now + ttl;
        hold.ChangedAt = now;
        await state.WriteStateAsync();
        return HoldBook.View(holdId, hold, Available);
    }

    public async Task<HoldView> VoidHoldAsync(string holdId)
    {
        var hold = HoldBook.Require(S.Holds, holdId);
        if (hold.Status == HoldStatus.Captured)
        {
            throw PosException.Precondition($"Points hold '{holdId}' was already used by a sale; refund it with a return.");
        }

        if (hold.Status == HoldStatus.Active)
        {
            hold.Status = HoldStatus.Voided;
            hold.ChangedAt = time.GetUtcNow();
            await state.WriteStateAsync();
        }

        return HoldBook.View(holdId, hold, Available);
    }

    public async Task ApplyAsync(LoyaltyEntry entry)
    {
        if (S.Applied.Contains(entry.Reference))
        {
            return;
        }

        RequireEnrolled();
        long points = entry.PointsEarned + entry.PointsRefunded;
        if (entry.CaptureHoldId is { } holdId)
        {
            var hold = HoldBook.Require(S.Holds, holdId);
            if (hold.Status == HoldStatus.Active)
            {
                hold.Status = HoldStatus.Captured;
                hold.ChangedAt = entry.At;
                points -= hold.Amount;
            }
            else if (hold.Status != HoldStatus.Captured)
            {
                throw PosException.Precondition($"Points hold '{holdId}' was {hold.Status}; it cannot be captured.");
            }
        }

        // Clawed-back points may take the balance below zero: the customer already spent them.
        S.Points += points;
        var month = entry.At.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        S.SpendByMonth[month] = S.SpendByMonth.GetValueOrDefault(month) + entry.Spend;
        foreach (var old in S.SpendByMonth.Keys.Where(m => string.CompareOrdinal(m, entry.At.UtcDateTime.AddMonths(-11).ToString("yyyy-MM", CultureInfo.InvariantCulture)) < 0).ToList())
        {
            S.SpendByMonth.Remove(old);
        }

        var rolling = S.SpendByMonth.Values.Sum();
        S.Tier = rolling >= entry.Rule.GoldSpend ? LoyaltyTier.Gold : rolling >= entry.Rule.SilverSpend ? LoyaltyTier.Silver : LoyaltyTier.Standard;
        S.Recent.Insert(0, new LoyaltyActivityView(entry.Reference, entry.StoreId, points, entry.Spend, entry.At));
        if (S.Recent.Count > RecentKept)
        {
            S.Recent.RemoveRange(RecentKept, S.Recent.Count - RecentKept);
        }

        S.Applied.Add(entry.Reference);
        if (S.Applied.Count > AppliedKept)
        {
            S.Applied.RemoveRange(0, S.Applied.Count - AppliedKept);
        }

        await state.WriteStateAsync();
    }

    private async Task SettleAsync()
    {
        if (await HoldBook.SettleExpiredAsync(S.Holds, time.GetUtcNow(), options.Value.HoldSettleDelay, GrainFactory))
        {
            await state.WriteStateAsync();
        }
    }

    private void RequireEnrolled()
    {
        if (!S.Enrolled)
        {
            throw PosException.NotFound($"Customer '{CustomerId}' is not enrolled in loyalty.");
        }
    }

    private LoyaltyAccountView View() => new(CustomerId, S.DisplayName, S.Points, Available, S.Tier, S.SpendByMonth.Values.Sum(), [.. S.Recent], S.EnrolledAt);
}
