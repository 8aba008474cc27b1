using ChainPos.Abstractions.Commerce;

namespace ChainPos.Grains.Commerce;

/// <summary>Collecting a pickup order at the register: the commit, made by the pickup store.</summary>
internal sealed partial class OrderReservationGrain
{
    public async Task<ReservationView> CollectAsync(string storeId, string? customerId = null)
    {
        await RecoverAsync();
        RequireExists();
        if (S.PickupLocationId is not { } pickup)
        {
            throw PosException.Precondition($"Order '{_orderId}' is shipped, not picked up in a store; it cannot be collected at a register.");
        }

        if (!string.Equals(pickup, storeId, StringComparison.Ordinal))
        {
            throw PosException.Denied($"Order '{_orderId}' is for pickup at store {pickup}, not {storeId}.");
        }

        return await CommitCoreAsync(customerId);
    }
}
