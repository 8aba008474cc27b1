using ChainPos.Abstractions.Stores;

namespace ChainPos.Grains.Stores;

/// <summary>Persisted state of a store (state name "store").</summary>
[GenerateSerializer]
public sealed class StoreState
{
    [Id(0)]
    public StoreSettings? Settings { get; set; }
}
