namespace ChainPos.Domain;

/// <summary>A loyalty member's tier, from rolling spend.</summary>
public enum LoyaltyTier
{
    /// <summary>Below the silver threshold.</summary>
    Standard = 0,

    /// <summary>At or above the silver threshold.</summary>
    Silver = 1,

    /// <summary>At or above the gold threshold.</summary>
    Gold = 2,
}
