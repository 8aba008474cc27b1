using ChainPos.Abstractions.Reports;
using ChainPos.Abstractions.Allowances;

namespace ChainPos.Abstractions.GiftCards;

[GenerateSerializer, Immutable, Alias("chainpos.GiftCardView")]
public sealed record GiftCardView(string MaskedCode, string? Currency, long Balance, long Available, bool Issued);

/// <summary>
/// One gift card, keyed by the hash of its code (<see cref="GrainKeys.GiftCard"/>): the code itself
/// is never stored. The balance never goes below zero: redemption is a hold that is later captured. Allowances leased
/// to registers (<see cref="IAllowanceGrain"/>) are held out of the available balance; only an offline spend beyond
/// its allowance can take the balance below zero, and it is reported.
/// </summary>
public interface IGiftCardGrain : IAllowanceGrain, ILiabilityHolderGrain
{
    /// <summary>Activates the card or adds to its balance. Idempotent by operation id.</summary>
    Task<GiftCardView> LoadAsync(string operationId, long amount, string currency, string maskedCode);

    [ReadOnly]
    Task<GiftCardView> GetAsync();

    /// <summary>
    /// Holds an amount (≤ available) until <paramref name="ttl"/> elapses. Idempotent by hold id.
    /// With an <paramref name="owner"/> the hold belongs to that register's sale.
    /// </summary>
    Task<HoldView> HoldAsync(string holdId, long amount, string currency, TimeSpan ttl, HoldOwner? owner);

    /// <summary>
    /// Binds an existing active hold to a sale before it commits: checks the amount, extends the
    /// expiry to <paramref name="ttl"/> from now and records the owner.
    /// </summary>
    Task<HoldView> ClaimHoldAsync(string holdId, long amount, TimeSpan ttl, HoldOwner owner);

    /// <summary>Turns a hold into a debit. Idempotent: capturing a captured hold is a no-op.</summary>
    Task CaptureAsync(string holdId);

    /// <summary>Releases an active hold. Voiding a voided hold is a no-op; a captured one cannot be voided.</summary>
    Task<HoldView> VoidHoldAsync(string holdId);
}
