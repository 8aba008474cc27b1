using System.Security.Cryptography;
using System.Text;

namespace ChainPos.Connector;

/// <summary>
/// The HMAC-SHA256 signature of a webhook: header value <c>sha256=&lt;lowercase hex&gt;</c>. With a timestamp
/// (<see cref="TimestampHeader"/>, Unix seconds) the signed bytes are <c>"{timestamp}." + body</c>, so the time cannot be
/// changed without the secret; without one (the original scheme) they are the body alone.
/// </summary>
public static class Signature
{
    /// <summary>The header carrying the signature, on webhooks in and out.</summary>
    public const string Header = "X-ChainPos-Signature";

    /// <summary>The header carrying the signed timestamp (Unix seconds) of an order webhook.</summary>
    public const string TimestampHeader = "X-ChainPos-Timestamp";

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) => Sign(secret, Timestamped(timestamp, body));

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="timestamp"/> and <paramref name="body"/>.</summary>
    public static bool IsValid(string secret, string timestamp, ReadOnlySpan<byte> body, string? header) =>
        IsValid(secret, Timestamped(timestamp, body), header);

    private static byte[] Timestamped(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var bytes = new byte[prefix.Length + body.Length];
        prefix.CopyTo(bytes, 0);
        body.CopyTo(bytes.AsSpan(prefix.Length));
        return bytes;
    }

    /// <summary>The header value for <paramref name="body"/> signed with <paramref name="secret"/>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/> (compared in constant time).</summary>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(secret) || header is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, body));
        var given = Encoding.ASCII.GetBytes(header.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
