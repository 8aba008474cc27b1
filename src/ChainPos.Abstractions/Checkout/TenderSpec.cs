namespace ChainPos.Abstractions.Checkout;

[GenerateSerializer]
public enum TenderType
{
    Cash = 1,
    Card = 2,
    GiftCard = 3,
    LoyaltyPoints = 4,
}

/// <summary>
/// A tender as the register sends it. For gift cards the plain code is present only on the way in;
/// what is stored is <see cref="TenderRecord"/> with the code's hash and mask. An offline sale's gift card tender
/// carries the mask in <see cref="GiftCardCode"/>, the hash in <see cref="GiftCardHash"/> and, in <see cref="HoldId"/>,
/// the allowance lease it was spent from (the agent never keeps a usable code).
/// </summary>
[GenerateSerializer, Immutable, Alias("chainpos.TenderSpec")]
public sealed record TenderSpec(
    TenderType Type,
    long Amount,
    string? CardToken = null,
    string? CardBrand = null,
    string? CardLast4 = null,
    string? GiftCardCode = null,
    string? CustomerId = null,
    string? HoldId = null,
    string? GiftCardHash = null);

/// <summary>A tender as recorded on a sale: no card number, no gift card code (hash + mask only).</summary>
[GenerateSerializer, Immutable, Alias("chainpos.TenderRecord")]
public sealed record TenderRecord(
    TenderType Type,
    long Amount,
    string? CardToken = null,
    string? CardBrand = null,
    string? CardLast4 = null,
    string? GiftCardHash = null,
    string? GiftCardMask = null,
    string? CustomerId = null,
    string? HoldId = null,
    long Points = 0);
