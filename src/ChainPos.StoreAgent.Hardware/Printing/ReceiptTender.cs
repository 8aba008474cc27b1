using System.Globalization;
using ChainPos.Domain;
using ChainPos.StoreAgent.Hardware.Payments;

namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>
/// One tender as printed. Made only through the factories, which take masked data: a card is a
/// brand and its last four, a gift card its mask, so no card or gift card number can reach paper.
/// </summary>
public sealed record ReceiptTender
{
    private ReceiptTender(TenderKind kind, string label, long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Kind = kind;
        Label = label;
        Amount = amount;
    }

    /// <summary>Cash, card, gift card or points.</summary>
    public TenderKind Kind { get; }

    /// <summary>"Cash", "VISA ****1234", "Gift card ****1234", "Points (250)".</summary>
    public string Label { get; }

    /// <summary>Minor units tendered.</summary>
    public long Amount { get; }

    /// <summary>Card: the approval code printed under the tender.</summary>
    public string? AuthCode { get; private init; }

    /// <summary>Card: approved offline by the terminal.</summary>
    public bool Offline { get; private init; }

    /// <summary>Gift card: its balance after this sale, when known.</summary>
    public long? RemainingBalance { get; private init; }

    /// <summary>Notes and coins.</summary>
    public static ReceiptTender Cash(long amount) => new(TenderKind.Cash, "Cash", amount);

    /// <summary>A card payment as the terminal approved it.</summary>
    public static ReceiptTender Card(long amount, CardApproved approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return new(TenderKind.Card, approval.Masked, amount) { AuthCode = approval.AuthCode, Offline = approval.Offline };
    }

    /// <summary>A card payment known by brand and last four (a receipt rebuilt from the platform's record).</summary>
    public static ReceiptTender Card(long amount, CardBrand brand, CardLast4 last4)
    {
        ArgumentNullException.ThrowIfNull(brand);
        ArgumentNullException.ThrowIfNull(last4);
        return new(TenderKind.Card, $"{brand.Name} {last4.Masked}", amount);
    }

    /// <summary>A gift card, given by its code (masked here, see <c>GiftCardCodes.Mask</c>) or its mask "****1234".</summary>
    /// <exception cref="DomainException">When it is neither a valid code nor a mask.</exception>
    public static ReceiptTender GiftCard(long amount, string codeOrMask, long? remainingBalance = null)
    {
        var isMask = codeOrMask is { Length: 8 } && codeOrMask.StartsWith("****", StringComparison.Ordinal)
            && codeOrMask[4..].All(char.IsAsciiDigit);
        var mask = isMask ? codeOrMask : GiftCardCodes.Mask(codeOrMask);
        return new(TenderKind.GiftCard, "Gift card " + mask, amount) { RemainingBalance = remainingBalance };
    }

    /// <summary>Loyalty points worth <paramref name="amount"/>.</summary>
    public static ReceiptTender Points(long amount, long points) =>
        new(TenderKind.LoyaltyPoints, string.Create(CultureInfo.InvariantCulture, $"Points ({points})"), amount);
}
