using System.Security.Cryptography;
using System.Text;

namespace ChainPos.Domain;

/// <summary>
/// Gift card codes: 16 to 19 digits, written with or without spaces and dashes. ChainPos stores
/// only their hash and shows only their mask.
/// </summary>
public static class GiftCardCodes
{
    private const string HashPrefix = "chainpos-giftcard:";

    /// <summary>True when the code, without spaces and dashes, is 16 to 19 ASCII digits.</summary>
    public static bool IsValid(string? code) => Normalize(code) is not null;

    /// <summary>
    /// The lowercase hex SHA-256 of "chainpos-giftcard:" followed by the code's digits, so the same
    /// card gives the same hash however it was typed.
    /// </summary>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> when the code is not valid.</exception>
    public static string Hash(string code)
    {
        var digits = Require(code);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(HashPrefix + digits)));
    }

    /// <summary>"****" followed by the last 4 digits, for receipts and screens.</summary>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> when the code is not valid.</exception>
    public static string Mask(string code) => string.Concat("****", Require(code).AsSpan(^4));

    /// <summary>The code's digits without spaces and dashes; null when it is not a valid code.</summary>
    public static string? Normalize(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var digits = code.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal);
        return digits.Length is >= 16 and <= 19 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    private static string Require(string code) =>
        Normalize(code) ?? throw DomainException.Invalid(
            "A gift card code must be 16 to 19 digits (spaces and dashes are ignored). Check the code and try again.");
}
