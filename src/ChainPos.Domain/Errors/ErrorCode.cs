namespace ChainPos.Domain;

/// <summary>
/// The kind of a <see cref="DomainException"/>. The values mirror the gRPC status codes with the
/// same names so the gateway can map them one to one.
/// </summary>
public enum ErrorCode
{
    /// <summary>The request itself is wrong (a value out of range, a malformed identifier, ...).</summary>
    InvalidArgument = 1,

    /// <summary>Something the request refers to does not exist.</summary>
    NotFound = 2,

    /// <summary>The request is well formed but the current state does not allow it.</summary>
    FailedPrecondition = 3,

    /// <summary>The thing the request would create exists already.</summary>
    AlreadyExists = 4,

    /// <summary>The caller may not do this.</summary>
    PermissionDenied = 5,

    /// <summary>A limit or quota has been reached.</summary>
    ResourceExhausted = 6,
}
