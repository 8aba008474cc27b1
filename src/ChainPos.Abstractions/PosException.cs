using ChainPos.Domain;
using ErrorCode = ChainPos.Domain.ErrorCode;

namespace ChainPos.Abstractions;

/// <summary>
/// A business error that crosses grain and process boundaries intact. The gateway maps
/// <see cref="Code"/> to a gRPC status; the message is written for the person at the till.
/// </summary>
[GenerateSerializer, Alias("chainpos.PosException")]
public sealed class PosException : Exception
{
    public PosException(ErrorCode code, string message)
        : base(message) => CodeValue = (int)code;

    public PosException()
    {
    }

    public PosException(string message)
        : base(message)
    {
    }

    public PosException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Kept as an int so the wire format does not depend on the Domain enum's serializer.</summary>
    [Id(0)]
    public int CodeValue { get; private set; }

    public ErrorCode Code => (ErrorCode)CodeValue;

    public static PosException From(DomainException e) => new(e.Code, e.Message);

    public static PosException NotFound(string message) => new(ErrorCode.NotFound, message);

    public static PosException Invalid(string message) => new(ErrorCode.InvalidArgument, message);

    public static PosException Precondition(string message) => new(ErrorCode.FailedPrecondition, message);

    public static PosException Denied(string message) => new(ErrorCode.PermissionDenied, message);
}
