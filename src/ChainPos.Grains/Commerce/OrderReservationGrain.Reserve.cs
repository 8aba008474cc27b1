using ChainPos.Abstractions.Commerce;

namespace ChainPos.Grains.Commerce;

/// <summary>
/// Reserving: validate, price from the catalogue, choose locations, write the attempt (<see cref="OrderPhase.Reserving"/>),
/// reserve at every location, then write <see cref="OrderPhase.Active"/> and the pick-list entry side by side. Any refusal or failure rolls the whole attempt
/// back first: all lines or none. No expiry reminder per order: the stock grains let the units go at the expiry.
/// </summary>
/// <remarks>
/// An order with one allocation (one line at one location — the flash-sale shape) skips the
/// <see cref="OrderPhase.Reserving"/> write; the stock grain's ledger is then the only record of the attempt until
/// <see cref="OrderPhase.Active"/> is written. That is still exactly once: the stock reservation id is
/// <c>orderId#attempt</c>, and the attempt number is not durable until a write, so a retry after a crash asks again
/// under the same id and the stock grain answers with what it holds (no second hold). A retry that asks for something
/// else than the lost attempt is told by the stock grain's answer (a different granted quantity): the roll-back releases
/// the stale hold and writes the attempt as refused (FailedPrecondition), and the next retry uses a new attempt number.
/// An attempt whose caller never comes back holds its units until the stock grain's expiry lets them go.
/// </remarks>
internal sealed partial class OrderReservationGrain
{
    public async Task<ReservationView> ReserveAsync(ReserveCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        ReservationRules.Validate(command, _options);
        await RecoverAsync();
        if (S.Phase is not (OrderPhase.None or OrderPhase.Refused))
        {
            return ReservationRules.SameRequest(S, command)
                ? View(replayed: true)
                : throw new PosException(ErrorCode.AlreadyExists,
                    $"Order '{_orderId}' already has a reservation with other lines or another location; use a new order id.");
        }

        var (lines, currency) = await PriceAsync(command.Lines);
        var pickup = command.PickupLocationId;
        Dictionary<string, Dictionary<string, long>>? candidates = null;
        if (pickup is not null)
        {
            await RequireStoreAsync(pickup);
            lines.ForEach(l => l.Allocations.Add(new AllocationState { LocationId = pickup, Requested = l.Quantity }));
        }
        else
        {
            candidates = await ReadCandidatesAsync(lines, command.ShipFromLocationIds);
            PlanFromIndex(lines, candidates, command.ShipFromLocationIds is { Count: > 0 });
        }

        var now = Now;
        S.Phase = OrderPhase.Reserving;
        S.Attempt++;
        S.Lines = lines;
        S.PickupLocationId = pickup;
        S.ShipFrom = [.. command.ShipFromLocationIds ?? []];
        S.CustomerId = command.CustomerId;
        S.Currency = currency;
        S.CreatedAt = now;
        S.ExpiresAt = now + command.Ttl;
        S.FinishedAt = null;
        S.Expiring = false;
        if (IsSingleAllocation())
        {
            _attemptOnlyInMemory = true;
        }
        else
        {
            await WriteAsync();
        }

        try
        {
            var seen = await GrantAsync(candidates);
            ThrowIfShort(seen);
            S.Phase = OrderPhase.Active;
        }
        catch (Exception) when (S.Phase == OrderPhase.Reserving)
        {
            await RollBackAsync();
            throw;
        }

        // The decision and the pick-list entry are written side by side (one round of durable writes, not two in a row:
        // in a pickup flash sale this is a third of the caller's wait). The pick list is a view the order drives from
        // its own durable state: if its entry fails after the decision is durable, the order answers all the same and
        // its retry reminder adds the entry (ReceiveReminder); if the decision's write fails, the activation is dropped
        // and the entry is one the caller's retry finds again (same attempt, same order id).
        var listed = AddToPickListAsync();
        var decided = WriteAsync();
        Exception? unlisted = null;
        try
        {
            await listed;
        }
        catch (Exception e)
        {
            unlisted = e;
        }

        await decided;
        if (unlisted is not null)
        {
            await DeferEffectsAsync(unlisted);
        }

        return View();
    }

    /// <summary>Lines priced from the catalogue: unknown SKUs are NotFound, discontinued ones FailedPrecondition.</summary>
    private async Task<(List<OrderLineState> Lines, string Currency)> PriceAsync(IReadOnlyList<OrderLineSpec> wanted)
    {
        var found = await productCache.GetAsync(wanted.Select(l => l.Sku));
        var lines = new List<OrderLineState>(wanted.Count);
        foreach (var line in wanted)
        {
            var product = found.GetValueOrDefault(line.Sku) ?? throw PosException.NotFound($"SKU '{line.Sku}' is not in the catalogue.");
            if (!product.Active)
            {
                throw PosException.Precondition($"SKU '{line.Sku}' ({product.Name}) is discontinued and cannot be sold.");
            }

            lines.Add(new OrderLineState { Sku = line.Sku, Name = product.Name, Quantity = line.Quantity, UnitPrice = product.Price });
        }

        var currencies = found.Values.Select(p => p.Currency).Distinct(StringComparer.Ordinal).ToList();
        if (currencies.Count > 1)
        {
            throw PosException.Precondition($"The lines are priced in different currencies ({string.Join(", ", currencies)}); reserve them as separate orders.");
        }

        return (lines, currencies[0]);
    }

    private async Task RequireStoreAsync(string storeId)
    {
        if (!await knownStores.ExistsAsync(storeId))
        {
            throw PosException.NotFound($"Store '{storeId}' does not exist; pickup needs a configured store.");
        }
    }
}
