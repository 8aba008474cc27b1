namespace ChainPos.Abstractions.Commerce;

/// <summary>A line to pick for a pickup order.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.PickupLine")]
public sealed record PickupLine(string Sku, string Name, long Quantity);

/// <summary>An online order reserved for pickup at a store.</summary>
[GenerateSerializer, Immutable, Alias("chainpos.PickupEntry")]
public sealed record PickupEntry(string OrderId, IReadOnlyList<PickupLine> Lines, DateTimeOffset ReservedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// A store's pick list: the active online orders reserved for pickup there, kept by their order grains
/// (added when the reservation is granted, removed when it is committed, released or expires).
/// Key: <see cref="GrainKeys.PickList"/>.
/// </summary>
public interface IPickListGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates an order; ignored for an order that was removed already (a late repeat).</summary>
    Task AddAsync(PickupEntry entry);

    /// <summary>Removes an order. Idempotent.</summary>
    Task RemoveAsync(string orderId);

    /// <summary>The orders to pick, oldest reservation first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PickupEntry>> ListAsync();
}
