using System.Globalization;
using ChainPos.Abstractions.Loyalty;
using LoyaltyTier = ChainPos.Abstractions.Loyalty.LoyaltyTier;
using ChainPos.Grains.Hosting;
using ChainPos.Abstractions.Reports;
using ChainPos.Grains.Allowances;
using ChainPos.Grains.Holds;
using ChainPos.Grains.Reports;
using ChainPos.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.Loyalty;

internal sealed partial class LoyaltyAccountGrain(
    [PersistentState("loyalty", StorageNames.Grains)] IPersistentState<LoyaltyAccountState> state,
    IOptions<CheckoutOptions> options,
    IOptions<CommerceOptions> commerce,
    TimeProvider time,
    ChainPosMetrics metrics,
    ILogger<LoyaltyAccountGrain> logger) : Grain, ILoyaltyAccountGrain
{
    private const int AppliedKept = 500;
    private const int RecentKept = 50;
    private const string Noun = "Points hold";

    private LiabilityPusher? _liability;

    private LoyaltyAccountState S => state.State;

    private LiabilityPusher Liability => _liability ??= new LiabilityPusher(this, () => S, GrainFactory, LiabilityKind.LoyaltyPoints, commerce, time, logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A change stored just before a crash may not have reached the shard: report the stored points again (the
        // shard ignores a version it already holds).
        ReportLiability();
        Liability.ForgetStored();
        return Task.CompletedTask;
    }

    /// <summary>Writes the state; then the liability shard may forget the counted base this write stored.</summary>
    private Task WriteStateAsync() => Liability.WriteAsync(state.WriteStateAsync);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Liability.StoreAtDeactivationAsync(state.WriteStateAsync);

    /// <summary>Call after a write that stored a points change and its <see cref="LoyaltyAccountState.LiabilityVersion"/>.</summary>
    private void ReportLiability() => Liability.Schedule(S.LiabilityVersion, S.Points, LiabilityKeys.Points);

    public async Task<bool> CountLiabilityAsync()
    {
        if (!S.Enrolled || S.LiabilityVersion > 0)
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

    private string CustomerId => this.GetPrimaryKeyString()["cust:".Length..];

    private long Available => S.Points - HoldBook.Held(S.Holds) - AllowanceBook.Held(S.Leases, time.GetUtcNow());

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
        await WriteStateAsync();
        return View();
    }

    public Task<LoyaltyAccountView?> GetAsync() => Task.FromResult(S.Enrolled ? View() : null);

    public async Task<HoldView> HoldPointsAsync(string holdId, long points, TimeSpan ttl, HoldOwner? owner)
    {
        RequireEnrolled();
        if (HoldBook.FindRepeat(S.Holds, holdId, points, Noun) is { } repeat)
        {
            return HoldBook.View(holdId, repeat, Available);
        }

        HoldBook.RequireValid(points, ttl, Noun);
        await SettleAsync();
        if (points > Available)
        {
            throw PosException.Precondition($"Customer '{CustomerId}' has {Available} points available; {points} are needed.");
        }

        var hold = HoldBook.Place(S.Holds, holdId, points, ttl, owner, time.GetUtcNow());
        await WriteStateAsync();
        return HoldBook.View(holdId, hold, Available);
    }

    public async Task<HoldView> ClaimHoldAsync(string holdId, long points, TimeSpan ttl, HoldOwner owner)
    {
        await SettleAsync();
        var hold = HoldBook.Claim(S.Holds, holdId, points, ttl, owner, time.GetUtcNow(), Noun);
        await WriteStateAsync();
        return HoldBook.View(holdId, hold, Available);
    }

    public async Task<HoldView> VoidHoldAsync(string holdId)
    {
        var (hold, changed) = HoldBook.Void(S.Holds, holdId, time.GetUtcNow(), Noun);
        if (changed)
        {
            await WriteStateAsync();
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
        S.LiabilityVersion++;
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

        await WriteStateAsync();
        ReportLiability();
        metrics.LoyaltyApplied(entry.PointsEarned, entry.PointsRefunded, entry.PointsEarned + entry.PointsRefunded - points);
    }

    private async Task SettleAsync()
    {
        if (await HoldBook.SettleExpiredAsync(S.Holds, time.GetUtcNow(), options.Value.HoldSettleDelay, GrainFactory))
        {
            await WriteStateAsync();
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
