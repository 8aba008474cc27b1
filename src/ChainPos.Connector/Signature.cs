using System.Security.Cryptography;
using System.Text;

namespace ChainPos.Connector;

/// <summary>The HMAC-SHA256 signature of a webhook body: header value <c>sha256=&lt;lowercase hex&gt;</c>.</summary>
public static class Signature
{
    /// <summary>The header carrying the signature, on webhooks in and out.</summary>
    public const string Header = "X-ChainPos-Signature";

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
