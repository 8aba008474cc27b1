using ChainPos.Abstractions.Checkout;

namespace ChainPos.Grains.Holds;

/// <summary>One hold in a <see cref="HoldBook"/>.</summary>
[GenerateSerializer]
public sealed class HoldEntry
{
    [Id(0)] public long Amount { get; set; }
    [Id(1)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(2)] public HoldStatus Status { get; set; } = HoldStatus.Active;
    [Id(3)] public HoldOwner? Owner { get; set; }
    [Id(4)] public DateTimeOffset ChangedAt { get; set; }
    /// <summary>The owner said its sale committed: keep the hold until the capture arrives.</summary>
    [Id(5)] public bool OwnerCommitted { get; set; }
}

/// <summary>
/// Holds on a balance (gift card money or loyalty points), shared by both grains. An active hold
/// counts against the available balance until it is captured, voided or settled after expiry.
/// A hold that belongs to a register's sale is only released after asking that register whether
/// the sale committed (and the register refuses to commit with a hold close to expiry), so a
/// capture can never arrive for a hold that was already given back.
/// </summary>
internal static class HoldBook
{
    private const int FinishedKept = 100;

    public static long Held(Dictionary<string, HoldEntry> holds) =>
        holds.Values.Where(h => h.Status == HoldStatus.Active).Sum(h => h.Amount);

    public static HoldView View(string id, HoldEntry h, long availableAfter) => new(id, h.Amount, h.ExpiresAt, h.Status, availableAfter);

    /// <summary>Settles expired holds; returns true when anything changed (the caller persists).</summary>
    public static async Task<bool> SettleExpiredAsync(Dictionary<string, HoldEntry> holds, DateTimeOffset now, TimeSpan settleDelay, IGrainFactory grains)
    {
        var changed = false;
        foreach (var (id, hold) in holds.Where(h => h.Value.Status == HoldStatus.Active && h.Value.ExpiresAt <= now && !h.Value.OwnerCommitted).ToList())
        {
            if (hold.Owner is { } owner)
            {
                if (now < hold.ExpiresAt + settleDelay)
                {
                    continue;
                }

                var register = grains.Grain<IRegisterGrain>(GrainKeys.Register(owner.StoreId, owner.RegisterId));
                if (await register.GetSaleOutcomeAsync(owner.SaleId) == SaleOutcome.Committed)
                {
                    hold.OwnerCommitted = true;
                    changed = true;
                    continue;
                }
            }

            hold.Status = HoldStatus.Expired;
            hold.ChangedAt = now;
            changed = true;
        }

        return changed;
    }

    /// <summary>Forgets the oldest finished holds beyond a fixed number (they only serve idempotent retries).</summary>
    public static void Prune(Dictionary<string, HoldEntry> holds)
    {
        var finished = holds.Where(h => h.Value.Status != HoldStatus.Active).ToList();
        foreach (var (id, _) in finished.OrderBy(h => h.Value.ChangedAt).Take(Math.Max(0, finished.Count - FinishedKept)))
        {
            holds.Remove(id);
        }
    }

    public static HoldEntry Require(Dictionary<string, HoldEntry> holds, string holdId) =>
        holds.TryGetValue(holdId, out var hold) ? hold : throw PosException.NotFound($"Hold '{holdId}' does not exist.");

    private static readonly TimeSpan MaxTtl = TimeSpan.FromHours(24);

    /// <summary>
    /// A retried hold: the existing entry when <paramref name="holdId"/> was already placed for the same
    /// amount (the retry changes nothing), null when it is new; AlreadyExists for a different amount.
    /// </summary>
    public static HoldEntry? FindRepeat(Dictionary<string, HoldEntry> holds, string holdId, long amount, string noun)
    {
        Ids.Require(holdId, "hold_id");
        if (!holds.TryGetValue(holdId, out var existing))
        {
            return null;
        }

        return existing.Amount == amount
            ? existing
            : throw new PosException(ErrorCode.AlreadyExists, $"{noun} '{holdId}' already exists for a different amount ({existing.Amount}).");
    }

    /// <summary>Checks what every new hold needs: a positive amount and a life of 1 s to 24 h.</summary>
    public static void RequireValid(long amount, TimeSpan ttl, string noun)
    {
        if (amount <= 0)
        {
            throw PosException.Invalid($"A {noun.ToLowerInvariant()} must be for a positive amount.");
        }

        if (ttl <= TimeSpan.Zero || ttl > MaxTtl)
        {
            throw PosException.Invalid($"A {noun.ToLowerInvariant()} lives between 1 second and 24 hours.");
        }
    }

    /// <summary>Adds an active hold (the caller has checked the available balance) and forgets old finished ones.</summary>
    public static HoldEntry Place(Dictionary<string, HoldEntry> holds, string holdId, long amount, TimeSpan ttl, HoldOwner? owner, DateTimeOffset now)
    {
        var hold = new HoldEntry { Amount = amount, ExpiresAt = now + ttl, Owner = owner, ChangedAt = now };
        holds[holdId] = hold;
        Prune(holds);
        return hold;
    }

    /// <summary>Binds an active hold to a sale before it commits: same amount, not another sale's, expiry extended.</summary>
    public static HoldEntry Claim(Dictionary<string, HoldEntry> holds, string holdId, long amount, TimeSpan ttl, HoldOwner owner, DateTimeOffset now, string noun)
    {
        var hold = Require(holds, holdId);
        if (hold.Status != HoldStatus.Active)
        {
            throw PosException.Precondition($"{noun} '{holdId}' is {hold.Status.ToString().ToLowerInvariant()}; place a new hold.");
        }

        if (hold.Amount != amount)
        {
            throw PosException.Invalid($"{noun} '{holdId}' is for {hold.Amount}, but the tender needs {amount}.");
        }

        if (hold.Owner is { } current && current != owner)
        {
            throw PosException.Precondition($"{noun} '{holdId}' already belongs to sale '{current.SaleId}'.");
        }

        hold.Owner = owner;
        hold.ExpiresAt = now + ttl;
        hold.ChangedAt = now;
        return hold;
    }

    /// <summary>Releases an active hold; returns the hold and whether anything changed. A captured hold cannot be voided.</summary>
    public static (HoldEntry Hold, bool Changed) Void(Dictionary<string, HoldEntry> holds, string holdId, DateTimeOffset now, string noun)
    {
        var hold = Require(holds, holdId);
        if (hold.Status == HoldStatus.Captured)
        {
            throw PosException.Precondition($"{noun} '{holdId}' was already captured by a sale; refund it with a return.");
        }

        if (hold.Status != HoldStatus.Active)
        {
            return (hold, false);
        }

        hold.Status = HoldStatus.Voided;
        hold.ChangedAt = now;
        return (hold, true);
    }
}
