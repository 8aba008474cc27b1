using ChainPos.Abstractions.Allowances;

namespace ChainPos.Grains.Allowances;

/// <summary>One allowance in an <see cref="AllowanceBook"/>.</summary>
[GenerateSerializer]
public sealed class AllowanceEntry
{
    [Id(0)] public string StoreId { get; set; } = "";
    [Id(1)] public string RegisterId { get; set; } = "";
    [Id(2)] public long Granted { get; set; }
    [Id(3)] public long Spent { get; set; }
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(5)] public AllowanceStatus Status { get; set; } = AllowanceStatus.Active;
    [Id(6)] public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>
/// Allowances leased to registers for offline spending, shared by the gift card and loyalty account grains. While a
/// lease is active its unspent part is held out of the available balance, so the most a register can spend offline is
/// bounded by what it was granted. A lease is released (returned, or expired <see cref="ExpiryGrace"/> after its
/// expiry: register clocks drift) but spends synced later are still charged: a sale made offline is never lost.
/// </summary>
internal static class AllowanceBook
{
    /// <summary>How long after its expiry a lease is still held: the register stops spending at expiry by its own clock.</summary>
    public static readonly TimeSpan ExpiryGrace = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan MinTtl = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxTtl = TimeSpan.FromDays(7);
    private const int FinishedKept = 100;
    private const int SpendsKept = 1000;

    /// <summary>What active leases still hold out of the balance.</summary>
    public static long Held(Dictionary<string, AllowanceEntry> leases, DateTimeOffset now) =>
        leases.Values.Where(l => IsHeld(l, now)).Sum(l => Math.Max(0, l.Granted - l.Spent));

    /// <summary>The lease as it stands at <paramref name="now"/> (an active lease past expiry and grace shows as expired).</summary>
    public static AllowanceView View(string leaseId, AllowanceEntry l, long availableAfter, DateTimeOffset now) =>
        new(leaseId, l.StoreId, l.RegisterId, l.Granted, l.Spent, l.ExpiresAt,
            l.Status == AllowanceStatus.Active && !IsHeld(l, now) ? AllowanceStatus.Expired : l.Status, availableAfter);

    /// <summary>Marks leases past expiry and grace as expired; true when anything changed (the caller persists).</summary>
    public static bool Settle(Dictionary<string, AllowanceEntry> leases, DateTimeOffset now)
    {
        var changed = false;
        foreach (var lease in leases.Values.Where(l => l.Status == AllowanceStatus.Active && !IsHeld(l, now)))
        {
            lease.Status = AllowanceStatus.Expired;
            lease.ChangedAt = now;
            changed = true;
        }

        return changed;
    }

    /// <summary>A repeated lease id: the existing lease if it is this register's, else AlreadyExists; null when new.</summary>
    public static AllowanceEntry? FindRepeat(Dictionary<string, AllowanceEntry> leases, string leaseId, string storeId, string registerId)
    {
        RequireIds(leaseId, storeId, registerId);
        if (!leases.TryGetValue(leaseId, out var existing))
        {
            return null;
        }

        return existing.StoreId == storeId && existing.RegisterId == registerId
            ? existing
            : throw new PosException(ErrorCode.AlreadyExists, $"Allowance '{leaseId}' already exists for another register; use a new lease id.");
    }

    /// <summary>Checks what a new lease needs: a positive maximum and a life of 1 minute to 7 days.</summary>
    public static void RequireValid(long maxAmount, TimeSpan ttl)
    {
        if (maxAmount <= 0)
        {
            throw PosException.Invalid($"An allowance must be for a positive amount (got {maxAmount}).");
        }

        RequireTtl(ttl);
    }

    /// <summary>Adds an active lease of <paramref name="amount"/> (the caller has checked the available balance).</summary>
    public static AllowanceEntry Grant(Dictionary<string, AllowanceEntry> leases, string leaseId, string storeId, string registerId, long amount, TimeSpan ttl, DateTimeOffset now)
    {
        var lease = new AllowanceEntry { StoreId = storeId, RegisterId = registerId, Granted = amount, ExpiresAt = now + ttl, ChangedAt = now };
        leases[leaseId] = lease;
        Prune(leases);
        return lease;
    }

    /// <summary>Extends an active lease of this register.</summary>
    public static AllowanceEntry Renew(Dictionary<string, AllowanceEntry> leases, string leaseId, string storeId, string registerId, TimeSpan ttl, DateTimeOffset now)
    {
        RequireTtl(ttl);
        var lease = RequireOwn(leases, leaseId, storeId, registerId);
        if (lease.Status != AllowanceStatus.Active)
        {
            throw PosException.Precondition($"Allowance '{leaseId}' is {lease.Status.ToString().ToLowerInvariant()}; lease a new one.");
        }

        lease.ExpiresAt = now + ttl;
        lease.ChangedAt = now;
        return lease;
    }

    /// <summary>Releases an active lease of this register; returns it and whether anything changed.</summary>
    public static (AllowanceEntry Lease, bool Changed) Return(Dictionary<string, AllowanceEntry> leases, string leaseId, string storeId, string registerId, DateTimeOffset now)
    {
        var lease = RequireOwn(leases, leaseId, storeId, registerId);
        if (lease.Status != AllowanceStatus.Active)
        {
            return (lease, false);
        }

        lease.Status = AllowanceStatus.Returned;
        lease.ChangedAt = now;
        return (lease, true);
    }

    /// <summary>
    /// Charges a spend against its lease (if the lease is still known) and remembers its id. Returns the part of the
    /// amount the lease did not hold (0 normally; more when it was exceeded, returned, expired or is unknown), or null
    /// when the spend was already applied.
    /// </summary>
    public static long? Spend(Dictionary<string, AllowanceEntry> leases, List<string> spends, AllowanceSpend spend, DateTimeOffset now)
    {
        if (spends.Contains(spend.SpendId))
        {
            return null;
        }

        Settle(leases, now);
        long beyond = spend.Amount;
        if (leases.TryGetValue(spend.LeaseId, out var lease))
        {
            var held = IsHeld(lease, now) ? Math.Max(0, lease.Granted - lease.Spent) : 0;
            beyond = Math.Max(0, spend.Amount - held);
            lease.Spent += spend.Amount;
            lease.ChangedAt = now;
        }

        spends.Add(spend.SpendId);
        if (spends.Count > SpendsKept)
        {
            spends.RemoveRange(0, spends.Count - SpendsKept);
        }

        return beyond;
    }

    private static bool IsHeld(AllowanceEntry l, DateTimeOffset now) => l.Status == AllowanceStatus.Active && now < l.ExpiresAt + ExpiryGrace;

    private static AllowanceEntry RequireOwn(Dictionary<string, AllowanceEntry> leases, string leaseId, string storeId, string registerId)
    {
        RequireIds(leaseId, storeId, registerId);
        if (!leases.TryGetValue(leaseId, out var lease))
        {
            throw PosException.NotFound($"Allowance '{leaseId}' does not exist.");
        }

        return lease.StoreId == storeId && lease.RegisterId == registerId
            ? lease
            : throw PosException.Denied($"Allowance '{leaseId}' belongs to register {lease.StoreId}/{lease.RegisterId}, not {storeId}/{registerId}.");
    }

    private static void RequireIds(string leaseId, string storeId, string registerId)
    {
        Ids.Require(leaseId, "lease_id");
        Ids.Require(storeId, "store_id");
        Ids.Require(registerId, "register_id");
    }

    private static void RequireTtl(TimeSpan ttl)
    {
        if (ttl < MinTtl || ttl > MaxTtl)
        {
            throw PosException.Invalid($"An allowance lives between 1 minute and 7 days (got {ttl}).");
        }
    }

    /// <summary>Forgets the oldest finished leases beyond a fixed number (spends against a forgotten lease are still charged).</summary>
    private static void Prune(Dictionary<string, AllowanceEntry> leases)
    {
        var finished = leases.Where(l => l.Value.Status != AllowanceStatus.Active).ToList();
        foreach (var (id, _) in finished.OrderBy(l => l.Value.ChangedAt).Take(Math.Max(0, finished.Count - FinishedKept)))
        {
            leases.Remove(id);
        }
    }
}
