using System.Globalization;

namespace ChainPos.Abstractions.Reports;

/// <summary>Keys of the report grains (non-hex prefixes, see <see cref="GrainKeys"/>) and the business-day format.</summary>
public static class ReportKeys
{
    /// <summary>The format of a business day in keys, requests and exports: yyyy-MM-dd.</summary>
    public const string DayFormat = "yyyy-MM-dd";

    /// <summary>The sales projection of one store for one business day.</summary>
    public static string StoreDay(string storeId, DateOnly day) => $"rpt:{storeId}/{Format(day)}";

    /// <summary>The chain's index of one business day: which stores reported sales that day.</summary>
    public static string ChainDay(DateOnly day) => "rptchain:" + Format(day);

    /// <summary>The stateless router the register outbox hands sales to.</summary>
    public const string Feed = "rptfeed";

    public static string Format(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses a yyyy-MM-dd day, or returns null.</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
