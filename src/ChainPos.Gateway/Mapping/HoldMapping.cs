using ChainPos.Abstractions;

namespace ChainPos.Gateway.Mapping;

/// <summary>Hold statuses as the API spells them.</summary>
internal static class HoldMapping
{
    public static string ToProto(this HoldStatus status) => status switch
    {
        HoldStatus.Active => "ACTIVE",
        HoldStatus.Captured => "CAPTURED",
        HoldStatus.Voided => "VOIDED",
        HoldStatus.Expired => "EXPIRED",
        _ => "UNKNOWN",
    };
}
