using ChainPos.Abstractions;
using Google.Protobuf.WellKnownTypes;

namespace ChainPos.Gateway.Mapping;

/// <summary>Conversions shared by the mappers: proto3 defaults to nullables, timestamps.</summary>
internal static class ProtoValues
{
    /// <summary>proto3 has no null string: an empty field means "not given".</summary>
    public static string? OrNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public static Timestamp ToTimestamp(DateTimeOffset value) => Timestamp.FromDateTimeOffset(value);

    /// <summary>An unset timestamp is null; one outside the range protobuf allows is InvalidArgument.</summary>
    public static DateTimeOffset? ToDateTimeOffset(Timestamp? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return value.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw PosException.Invalid($"{field} is not a valid timestamp (seconds {value.Seconds}, nanos {value.Nanos}).");
        }
    }
}
