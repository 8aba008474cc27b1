namespace ChainPos.Abstractions.Commerce;

/// <summary>
/// The stock reservation of one online order: all lines or none, held until it is committed (paid), released
/// (cancelled) or expires. Every state change is durable before its effects on stock, and every effect is
/// idempotent, so a retry, a crash or the expiry reminder racing a commit never applies anything twice.
/// A persisted reminder releases the reservation at its expiry, also after a silo restart.
/// Key: <see cref="GrainKeys.Order"/>.
/// </summary>
public interface IOrderReservationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reserves every line or nothing. A refusal releases what was granted and throws FailedPrecondition naming
    /// the SKU and what is available. Idempotent by order id: a repeat answers with the reservation as it is now
    /// (<see cref="ReservationView.Replayed"/>); different lines for the same order id are AlreadyExists.
    /// </summary>
    Task<ReservationView> ReserveAsync(ReserveCommand command);

    /// <summary>Sets the expiry of an active reservation to now + <paramref name="ttl"/>.</summary>
    Task<ReservationView> ExtendAsync(TimeSpan ttl);

    /// <summary>
    /// The order was paid: commits every line's stock exactly once and keeps the priced lines as the sale's record
    /// (<see cref="GetSaleRecordAsync"/>); the order's customer, if any, earns loyalty points once (loyalty reference <c>web-order:{orderId}</c>).
    /// </summary>
    Task<ReservationView> CommitAsync();

    /// <summary>
    /// <see cref="CommitAsync"/> naming the customer who earns the points, when the reservation named none (NotFound
    /// when not enrolled; FailedPrecondition when the reservation names another one; null: as <see cref="CommitAsync"/>).
    /// </summary>
    Task<ReservationView> CommitForCustomerAsync(string? customerId);

    /// <summary>The order was cancelled: gives every reserved unit back, once.</summary>
    Task<ReservationView> ReleaseAsync();

    /// <summary>
    /// The customer collects a pickup order at the register of <paramref name="storeId"/>: commits it like
    /// <see cref="CommitAsync"/> (exactly once; a repeat answers replayed) and it leaves the pick list. Refused with
    /// PermissionDenied for an order to be collected at another store, FailedPrecondition for an order that ships or
    /// is expired or released, NotFound when the order has no reservation.
    /// </summary>
    Task<ReservationView> CollectAsync(string storeId, string? customerId = null);

    /// <summary>
    /// The committed order as a sale, for reports: lines, prices, where the units came from, the customer and when it
    /// was committed. FailedPrecondition while the order is not committed; NotFound when it has no reservation.
    /// </summary>
    [ReadOnly]
    Task<WebOrderRecord> GetSaleRecordAsync();

    /// <summary>The reservation; NotFound when the order has none.</summary>
    Task<ReservationView> GetAsync();
}
