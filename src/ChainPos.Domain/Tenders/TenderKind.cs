namespace ChainPos.Domain;

/// <summary>How a customer pays.</summary>
public enum TenderKind
{
    /// <summary>Notes and coins; the only tender that can be over-tendered and give change.</summary>
    Cash = 1,

    /// <summary>A payment card, authorised by the payment terminal (no card data reaches ChainPos).</summary>
    Card = 2,

    /// <summary>A ChainPos gift card.</summary>
    GiftCard = 3,

    /// <summary>Loyalty points converted to money.</summary>
    LoyaltyPoints = 4,
}
