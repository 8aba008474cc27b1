using ChainPos.StoreAgent.Hardware.Payments;
using ChainPos.StoreAgent.Hardware.Printing;

namespace ChainPos.StoreAgent.Hardware.Tests;

/// <summary>The receipts the tests print.</summary>
internal static class SampleReceipts
{
    public static CardApproved VisaApproval { get; } = new(
        PaymentToken.Parse("SIM-000001"), CardBrand.Parse("VISA"), CardLast4.Parse("1234"), "A00001");

    /// <summary>Milk, 3 apples on a multi-buy, gift card, card and cash, VAT inclusive, loyalty.</summary>
    public static ReceiptDocument Sale { get; } = new()
    {
        Header = ["ChainPos Market", "12 High Street, Springfield", "VAT DE123456789"],
        ReceiptNumber = "S01-R2-000042",
        CompletedAt = new DateTimeOffset(2025, 3, 14, 15, 42, 7, TimeSpan.FromHours(1)),
        Cashier = "Anna",
        Currency = "EUR",
        Lines =
        [
            new ReceiptLine("Milk 1L", 1, 129, 129),
            new ReceiptLine("Apples Jonagold", 3, 50, 150, 30, "3 for 1.20"),
            new ReceiptLine("Crème fraîche 200g", 1, 189, 189),
        ],
        Subtotal = 468,
        DiscountTotal = 30,
        Total = 438,
        Taxes = [new ReceiptTaxLine("VAT", 700, Inclusive: true, Taxable: 438, Tax: 29)],
        Tenders =
        [
            ReceiptTender.GiftCard(100, "6035 1234 5678 9012", remainingBalance: 1400),
            ReceiptTender.Card(200, VisaApproval),
            ReceiptTender.Cash(200),
        ],
        Change = 62,
        Loyalty = new ReceiptLoyalty(PointsEarned: 4, Balance: 310),
        Footer = ["Thank you for shopping with us!", "Returns within 30 days with this receipt."],
        ReceiptId = "S01-R2-000042",
    };
}
