namespace ChainPos.Storage;

/// <summary>Names of the grain storage providers that <see cref="SiloStorageExtensions.UseChainPosStorage"/> registers.</summary>
public static class StorageNames
{
    /// <summary>The grain storage for all ChainPos grain state: <c>[PersistentState("state-name", StorageNames.Grains)]</c>.</summary>
    public const string Grains = "pos";
}
