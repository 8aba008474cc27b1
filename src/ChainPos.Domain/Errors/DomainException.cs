namespace ChainPos.Domain;

/// <summary>
/// A broken business rule. The message is written for the person at the register: it says what
/// is wrong and what to do about it.
/// </summary>
/// <param name="code">What kind of rule was broken.</param>
/// <param name="message">What is wrong and what to do, e.g. "Line 2: quantity must be between 1 and 9999 (got 0)."</param>
public sealed class DomainException(ErrorCode code, string message) : Exception(message)
{
    /// <summary>What kind of rule was broken.</summary>
    public ErrorCode Code { get; } = code;

    internal static DomainException Invalid(string message) => new(ErrorCode.InvalidArgument, message);
}
