using System.Collections.Frozen;
using System.Globalization;

namespace ChainPos.Domain;

/// <summary>
/// The ISO 4217 currencies ChainPos can trade in and how many minor digits each has.
/// Codes are exact upper-case three-letter codes ("EUR", not "eur").
/// </summary>
public static class Currencies
{
    private static readonly FrozenDictionary<string, int> Digits = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        // Two minor digits.
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["CHF"] = 2, ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2,
        ["PLN"] = 2, ["CZK"] = 2, ["HUF"] = 2, ["RON"] = 2, ["BGN"] = 2, ["CAD"] = 2, ["AUD"] = 2,
        ["NZD"] = 2, ["MXN"] = 2, ["BRL"] = 2, ["ARS"] = 2, ["COP"] = 2, ["PEN"] = 2, ["INR"] = 2,
        ["CNY"] = 2, ["HKD"] = 2, ["SGD"] = 2, ["TWD"] = 2, ["THB"] = 2, ["MYR"] = 2, ["PHP"] = 2,
        ["IDR"] = 2, ["ZAR"] = 2, ["EGP"] = 2, ["MAD"] = 2, ["AED"] = 2, ["SAR"] = 2, ["QAR"] = 2,
        ["ILS"] = 2, ["TRY"] = 2, ["UAH"] = 2,

        // No minor digits.
        ["JPY"] = 0, ["KRW"] = 0, ["ISK"] = 0, ["CLP"] = 0, ["VND"] = 0,

        // Three minor digits.
        ["BHD"] = 3, ["KWD"] = 3, ["JOD"] = 3, ["OMR"] = 3, ["TND"] = 3,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every supported currency code, sorted.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Digits.Keys.Order(StringComparer.Ordinal)];

    /// <summary>True when <paramref name="code"/> is a supported currency code (exact, upper case).</summary>
    public static bool IsKnown(string? code) => code is not null && Digits.ContainsKey(code);

    /// <summary>The number of minor digits of the currency: 2 for EUR, 0 for JPY, 3 for KWD.</summary>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> for an unsupported code.</exception>
    public static int MinorDigits(string code) => Digits[Require(code)];

    /// <summary>Returns <paramref name="code"/> when it is a supported currency code.</summary>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> for an unsupported code.</exception>
    public static string Require(string? code)
    {
        if (!IsKnown(code))
        {
            throw DomainException.Invalid(
                $"currency must be a supported ISO 4217 code in upper case, such as 'EUR' (got '{Text.Clip(code)}').");
        }

        return code!;
    }

    /// <summary>
    /// Formats an amount in minor units with the invariant culture: (1234, "EUR") gives "12.34 EUR",
    /// (500, "JPY") gives "500 JPY", (-5, "USD") gives "-0.05 USD".
    /// </summary>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> for an unsupported code.</exception>
    public static string Format(long minor, string code)
    {
        var digits = MinorDigits(code);
        var sign = minor < 0 ? "-" : string.Empty;
        var magnitude = minor < 0 ? -(Int128)minor : minor;
        if (digits == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude} {code}");
        }

        Int128 scale = MoneyMath.PowerOfTen(digits);
        var major = magnitude / scale;
        var fraction = (magnitude % scale).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{major}.{fraction} {code}");
    }
}
