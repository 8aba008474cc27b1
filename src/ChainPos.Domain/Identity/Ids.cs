namespace ChainPos.Domain;

/// <summary>Rules for the identifiers used across ChainPos (stores, registers, SKUs, promotions, ...).</summary>
public static class Ids
{
    /// <summary>The longest identifier accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// Returns <paramref name="value"/> when it is 1-64 characters of ASCII letters, digits,
    /// '.', '_', ':' or '-'. Nothing is trimmed.
    /// </summary>
    /// <param name="value">The identifier to check.</param>
    /// <param name="name">What the identifier is, used in the message (e.g. "storeId").</param>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> when the value does not follow the rule.</exception>
    public static string Require(string? value, string name)
    {
        if (!IsValid(value))
        {
            throw DomainException.Invalid(
                $"{name} must be 1-64 characters of letters, digits, '.', '_', ':' or '-' (got '{Text.Clip(value)}').");
        }

        return value!;
    }

    /// <summary>True when <paramref name="value"/> is 1-64 characters of ASCII letters, digits, '.', '_', ':' or '-'.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
