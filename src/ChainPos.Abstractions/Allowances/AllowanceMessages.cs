namespace ChainPos.Abstractions.Allowances;

[GenerateSerializer]
public enum AllowanceStatus
{
    /// <summary>Held out of the spendable balance for its register until it is returned or expires.</summary>
    Active = 1,

    /// <summary>Given back by its register: the unspent part went back to the balance.</summary>
    Returned = 2,

    /// <summary>Not renewed in time: the unspent part went back to the balance.</summary>
    Expired = 3,
}

/// <summary>
/// An allowance a gift card (minor units) or loyalty account (points) leased to one register so it can spend
/// offline. <see cref="Spent"/> is what that register's synced offline sales charged against it.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.AllowanceView")]
public sealed record AllowanceView(
    string LeaseId,
    string StoreId,
    string RegisterId,
    long Granted,
    long Spent,
    DateTimeOffset ExpiresAt,
    AllowanceStatus Status,
    long AvailableAfter)
{
    /// <summary>What the register may still spend from it (0 once it is no longer active).</summary>
    public long Remaining => Status == AllowanceStatus.Active ? Math.Max(0, Granted - Spent) : 0;
}

/// <summary>
/// One offline tender charged against a register's allowance, delivered from the register's outbox. Applied once by
/// <see cref="SpendId"/> (sale id and tender position), even when the lease has expired or was returned meanwhile.
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.AllowanceSpend")]
public sealed record AllowanceSpend(string SpendId, string LeaseId, string StoreId, string RegisterId, long Amount, DateTimeOffset At);

/// <summary>The operations a gift card grain and a loyalty account grain share for offline allowances.</summary>
public interface IAllowanceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Leases up to <paramref name="maxAmount"/> (never more than is available) to a register for <paramref name="ttl"/>
    /// (1 minute to 7 days). Idempotent by lease id: a repeat answers the first grant. NotFound for an unknown card or
    /// account; FailedPrecondition when nothing is available.
    /// </summary>
    Task<AllowanceView> LeaseAsync(string leaseId, string storeId, string registerId, long maxAmount, TimeSpan ttl);

    /// <summary>Extends an active lease of this register to <paramref name="ttl"/> from now.</summary>
    Task<AllowanceView> RenewLeaseAsync(string leaseId, string storeId, string registerId, TimeSpan ttl);

    /// <summary>Gives the unspent part back. Returning a lease that is no longer active changes nothing.</summary>
    Task<AllowanceView> ReturnLeaseAsync(string leaseId, string storeId, string registerId);

    /// <summary>The lease, or null when this card or account never granted it (or forgot it long ago).</summary>
    [ReadOnly]
    Task<AllowanceView?> GetLeaseAsync(string leaseId);

    /// <summary>
    /// Charges an offline spend against its lease, once by spend id. A spend beyond what the lease still holds is
    /// charged all the same (the sale happened) and reported as an overspend in the log and metrics.
    /// </summary>
    Task SpendLeaseAsync(AllowanceSpend spend);
}
