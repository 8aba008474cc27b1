using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChainPos.StoreAgent.Hardware.Payments;

/// <summary>
/// The reference a card payment is sent to the terminal with (<see cref="ICardTerminal.AuthorizeAsync"/>): 1 to 64 characters and
/// never anything that could be a card number (a run of 12 or more digits, spaces and dashes between them included).
/// </summary>
public static class PaymentReference
{
    /// <summary>The longest reference a terminal takes.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether a terminal takes <paramref name="reference"/>.</summary>
    public static bool IsValid(string? reference) =>
        reference is { Length: > 0 and <= MaxLength } && !PanGuard.ContainsPossiblePan(reference);

    /// <summary>
    /// The reference of tender <paramref name="tenderNo"/> of an operation (a sale id): "&lt;id&gt;-&lt;n&gt;", the same for every
    /// retry, so the terminal answers a retry with its first outcome. An id that would make it too long or look like a card number
    /// (a UUID ending in 11 digits does: "…-e23514067109-1") gets "ref-&lt;32 letters of the id's SHA-256&gt;-&lt;n&gt;" instead,
    /// just as stable per id.
    /// </summary>
    public static string For(string id, int tenderNo)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(tenderNo, 1);
        var number = tenderNo.ToString(CultureInfo.InvariantCulture);
        var plain = id + "-" + number;
        if (id.Length > 0 && IsValid(plain))
        {
            return plain;
        }

        // Letters only (a..p per half byte): no digit run can come from the hash.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        var letters = string.Create(32, hash, static (span, h) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + ((i % 2 == 0 ? h[i / 2] >> 4 : h[i / 2]) & 0xF));
            }
        });
        return "ref-" + letters + "-" + number;
    }
}
