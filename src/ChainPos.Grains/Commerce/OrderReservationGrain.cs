using ChainPos.Abstractions.Commerce;
using ChainPos.Grains.Catalog;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Stores;
using ChainPos.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.Commerce;

/// <summary>
/// An online order's reservation. Split over several files: the lifecycle calls here, reserving in
/// <c>.Reserve.cs</c> and <c>.Plan.cs</c> (where the units come from), the durable phases and their stock effects
/// (and the effect-retry reminder) in <c>.Effects.cs</c>.
/// Every public call first finishes whatever a previous turn left half done (<see cref="RecoverAsync"/>), and records
/// the expiry of an active reservation past its expiry (the stock grains let its units go by themselves, so nothing
/// waits for this grain to be called); since the grain is single-threaded, an expiry and a commit are two turns, and
/// the first one wins.
/// </summary>
/// <remarks>
/// One activation per order, created by the gateway that took the web shop's call: it is placed on that silo
/// (prefer-local), which saves a hop to another silo and the resource-optimized placement's work on every new order
/// (placement was 3 % of a flash-sale node's CPU). Its next call (commit, release) usually comes minutes later, so an idle
/// activation is collected after 5 minutes rather than 15: a flash sale's hundreds of thousands of orders do not stay in
/// silo memory, and a later call reads the order again.
/// </remarks>
[Orleans.Placement.PreferLocalPlacement]
[CollectionAgeLimit(Minutes = 5)]
internal sealed partial class OrderReservationGrain(
    [PersistentState("order-reservation", StorageNames.Grains)] IPersistentState<OrderReservationState> state,
    IOptions<CommerceOptions> options,
    TimeProvider time,
    ProductCache productCache,
    KnownStores knownStores,
    ILogger<OrderReservationGrain> logger) : Grain, IOrderReservationGrain, IRemindable
{
    private readonly CommerceOptions _options = options.Value;
    private string _orderId = "";

    private OrderReservationState S => state.State;

    private DateTimeOffset Now => time.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _orderId = this.GetPrimaryKeyString()["order:".Length..];
        return Task.CompletedTask;
    }

    public async Task<ReservationView> ExtendAsync(TimeSpan ttl)
    {
        await RecoverAsync();
        ReservationRules.RequireTtl(ttl, _options);
        RequireActive("extended");
        var expiresAt = Now + ttl;

        // The stock backstops first: they only ever move later, so a failure below leaves nothing inconsistent.
        await ForEachAllocationAsync((stock, id) => stock.ExtendReservationAsync(id, expiresAt), "extend");
        S.ExpiresAt = expiresAt;
        await WriteAsync();
        await AddToPickListAsync();
        return View();
    }

    public Task<ReservationView> CommitAsync() => CommitCoreAsync(null);

    private async Task<ReservationView> CommitCoreAsync(string? customerId)
    {
        await RecoverAsync();
        if (S.Phase is OrderPhase.Committed or OrderPhase.Committing)
        {
            return View(replayed: true);
        }

        RequireActive("committed");
        await AssignCustomerAsync(customerId);
        S.Phase = OrderPhase.Committing;
        S.FinishedAt = Now;
        await WriteAsync();
        await FinishCommitAsync();
        return View();
    }

    public async Task<ReservationView> ReleaseAsync()
    {
        await RecoverAsync();
        if (S.Phase is OrderPhase.Released or OrderPhase.Expired or OrderPhase.Releasing)
        {
            return View(replayed: true);
        }

        if (S.Phase is OrderPhase.Committed or OrderPhase.Committing)
        {
            throw PosException.Precondition($"The reservation of order '{_orderId}' was committed (paid); refund it with a return instead.");
        }

        RequireActive("released");
        S.Phase = OrderPhase.Releasing;
        S.Expiring = false;
        S.FinishedAt = Now;
        await WriteAsync();
        await FinishReleaseAsync();
        return View();
    }

    public async Task<ReservationView> GetAsync()
    {
        await RecoverAsync();
        RequireExists();
        return View();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _reminderMayExist = true;
        await RecoverAsync();
        switch (S.Phase)
        {
            case OrderPhase.Active:
                // A pickup order's entry that failed beside its decision (idempotent when it is there). Expiry is the
                // stock grains' job now; an expiry reminder of an order reserved before is no longer needed.
                await AddToPickListAsync();
                await DisarmReminderAsync();
                break;
            case OrderPhase.Committing or OrderPhase.Releasing:
                // Effects still failing: keep ticking until they land.
                break;
            default:
                await DisarmReminderAsync();
                break;
        }
    }

    private void RequireExists()
    {
        if (S.Phase is OrderPhase.None or OrderPhase.Refused)
        {
            throw PosException.NotFound($"Order '{_orderId}' has no reservation.");
        }
    }

    private void RequireActive(string action)
    {
        RequireExists();
        switch (S.Phase)
        {
            case OrderPhase.Active:
                return;
            case OrderPhase.Expired or OrderPhase.Releasing when S.Expiring:
                throw PosException.Precondition($"The reservation of order '{_orderId}' expired at {S.ExpiresAt:u}; it cannot be {action}. Reserve again.");
            case OrderPhase.Released or OrderPhase.Releasing:
                throw PosException.Precondition($"The reservation of order '{_orderId}' was released; it cannot be {action}. Reserve again.");
            default:
                throw PosException.Precondition($"The reservation of order '{_orderId}' was committed; it cannot be {action}.");
        }
    }

    private ReservationView View(bool replayed = false)
    {
        var status = S.Phase switch
        {
            OrderPhase.Active => ReservationStatus.Active,
            OrderPhase.Committing or OrderPhase.Committed => ReservationStatus.Committed,
            OrderPhase.Releasing => S.Expiring ? ReservationStatus.Expired : ReservationStatus.Released,
            OrderPhase.Released => ReservationStatus.Released,
            OrderPhase.Expired => ReservationStatus.Expired,
            _ => throw new InvalidOperationException($"Order {_orderId} has no reservation to show ({S.Phase})."),
        };
        var lines = S.Lines.Select(l => new ReservationLineView(
            l.Sku, l.Name, l.Quantity, l.UnitPrice, l.UnitPrice * l.Quantity,
            [.. l.Allocations.Where(a => a.Granted > 0).Select(a => new AllocationView(a.LocationId, a.Granted!.Value))])).ToList();
        return new ReservationView(_orderId, status, S.PickupLocationId, S.Currency, lines, lines.Sum(l => l.LineTotal),
            S.CreatedAt, S.ExpiresAt, S.FinishedAt, replayed, S.CustomerId);
    }
}
