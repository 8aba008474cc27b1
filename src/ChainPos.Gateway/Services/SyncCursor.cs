using System.Globalization;
using System.Text;
using ChainPos.Abstractions;
using ChainPos.Domain;

namespace ChainPos.Gateway.Services;

/// <summary>
/// Where a catalogue sync stopped: the (version, sku) of the last product delivered. On the wire it is
/// opaque to clients: base64url of "v1:&lt;version&gt;:&lt;sku&gt;".
/// </summary>
internal readonly record struct SyncCursor(long Version, string Sku)
{
    private const string Prefix = "v1:";

    public static SyncCursor Start { get; } = new(0, "");

    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Version}:{Sku}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>An empty cursor starts a full sync; anything this server did not issue is InvalidArgument.</summary>
    public static SyncCursor Decode(string cursor)
    {
        if (cursor.Length == 0)
        {
            return Start;
        }

        if (cursor.Length > 200 || !TryDecode(cursor, out var decoded))
        {
            throw PosException.Invalid("cursor is not one this server issued; start a full sync with an empty cursor.");
        }

        return decoded;
    }

    private static bool TryDecode(string cursor, out SyncCursor decoded)
    {
        decoded = Start;
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = text.IndexOf(':', Prefix.Length);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || colon < 0
            || !long.TryParse(text.AsSpan(Prefix.Length, colon - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        var sku = text[(colon + 1)..];
        if (!Ids.IsValid(sku) && !(version == 0 && sku.Length == 0))
        {
            return false;
        }

        decoded = new SyncCursor(version, sku);
        return true;
    }
}
