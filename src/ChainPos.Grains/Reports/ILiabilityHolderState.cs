namespace ChainPos.Grains.Reports;

/// <summary>The part of a gift card's or loyalty account's state that its liability shard relies on.</summary>
public interface ILiabilityHolderState
{
    /// <summary>Number of balance changes since liability reporting began: the version of the current balance.</summary>
    long LiabilityVersion { get; }

    /// <summary>The newest version the shard has durably counted (0: none), once this holder has stored it.</summary>
    long LiabilityCountedVersion { get; set; }

    /// <summary>The balance counted at <see cref="LiabilityCountedVersion"/>.</summary>
    long LiabilityCountedBalance { get; set; }
}
