using ChainPos.Domain;

namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>Amounts as receipts and displays print them.</summary>
public static class ReceiptMoney
{
    /// <summary>The amount without currency: (1234, "EUR") gives "12.34", (500, "JPY") "500".</summary>
    public static string Amount(long minor, string currency)
    {
        var formatted = Currencies.Format(minor, currency);
        return formatted[..^(currency.Length + 1)];
    }

    /// <summary>
    /// With the currency's sign when <paramref name="canPrint"/> accepts it: "€12.34", "£3.00",
    /// "-$0.50"; otherwise with its code: "CHF 12.34", "EUR 12.34".
    /// </summary>
    public static string WithSymbol(long minor, string currency, Func<char, bool> canPrint)
    {
        ArgumentNullException.ThrowIfNull(canPrint);
        var amount = Amount(Math.Abs(minor), currency);
        var sign = minor < 0 ? "-" : string.Empty;
        return Symbol(currency) is { } symbol && canPrint(symbol)
            ? $"{sign}{symbol}{amount}"
            : $"{sign}{currency} {amount}";
    }

    private static char? Symbol(string currency) => currency switch
    {
        "EUR" => '€',
        "GBP" => '£',
        "USD" or "CAD" or "AUD" or "NZD" or "MXN" or "HKD" or "SGD" => '$',
        "JPY" or "CNY" => '¥',
        _ => null,
    };
}
