namespace ChainPos.Domain;

/// <summary>How the value of a <see cref="Discount"/> is read.</summary>
public enum DiscountKind
{
    /// <summary>The value is a percentage in basis points: 1000 is 10 %.</summary>
    Percent = 1,

    /// <summary>The value is a fixed amount in minor units.</summary>
    Amount = 2,
}
