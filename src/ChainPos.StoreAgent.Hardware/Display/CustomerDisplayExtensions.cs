using System.Globalization;
using ChainPos.StoreAgent.Hardware.Printing;

namespace ChainPos.StoreAgent.Hardware.Display;

/// <summary>What the register shows the customer while ringing up, paying and giving change.</summary>
public static class CustomerDisplayExtensions
{
    /// <summary>
    /// The item just scanned and the running total:
    /// <code>
    /// 2 x Milk 1L     2.58
    /// TOTAL         €12.34
    /// </code>
    /// </summary>
    public static Task ShowItemAsync(
        this ICustomerDisplay display, string name, int quantity, long amount, long total, string currency,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(display);
        var item = quantity == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{quantity} x {name}");
        return display.ShowAsync(
            CustomerDisplayText.LeftRight(item, ReceiptMoney.Amount(amount, currency)),
            CustomerDisplayText.LeftRight("TOTAL", ReceiptMoney.WithSymbol(total, currency, display.CanShow)),
            cancellationToken);
    }

    /// <summary>The amount to pay: "TOTAL  €12.34" on the first row, the second blank.</summary>
    public static Task ShowTotalAsync(
        this ICustomerDisplay display, long total, string currency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(display);
        return display.ShowAsync(
            CustomerDisplayText.LeftRight("TOTAL", ReceiptMoney.WithSymbol(total, currency, display.CanShow)),
            string.Empty,
            cancellationToken);
    }

    /// <summary>After payment: what was paid and the change.</summary>
    public static Task ShowChangeAsync(
        this ICustomerDisplay display, long paid, long change, string currency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(display);
        return display.ShowAsync(
            CustomerDisplayText.LeftRight("PAID", ReceiptMoney.WithSymbol(paid, currency, display.CanShow)),
            CustomerDisplayText.LeftRight("CHANGE", ReceiptMoney.WithSymbol(change, currency, display.CanShow)),
            cancellationToken);
    }

    /// <summary>
    /// After a return: the amount refunded over a thank-you.
    /// <code>
    /// REFUND        €19.99
    /// Thank you
    /// </code>
    /// </summary>
    public static Task ShowRefundAsync(
        this ICustomerDisplay display, long refund, string currency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(display);
        return display.ShowAsync(
            CustomerDisplayText.LeftRight("REFUND", ReceiptMoney.WithSymbol(refund, currency, display.CanShow)),
            "Thank you",
            cancellationToken);
    }

    /// <summary>The drawer opened without a sale: "NO SALE" on the first row, the second blank, so the customer sees why it is open.</summary>
    public static Task ShowNoSaleAsync(this ICustomerDisplay display, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(display);
        return display.ShowAsync("NO SALE", string.Empty, cancellationToken);
    }
}
