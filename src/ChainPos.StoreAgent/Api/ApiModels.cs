namespace ChainPos.StoreAgent.Api;

/// <summary>A basket line as the register UI sends it; a discount is a percent (basis points) or an amount.</summary>
internal sealed record BasketLineDto(string Sku, int Quantity, int DiscountBasisPoints = 0, long DiscountAmount = 0);

/// <summary>The basket: lines, an optional basket discount, coupons and the loyalty customer.</summary>
internal sealed record BasketDto(IReadOnlyList<BasketLineDto> Lines, int DiscountBasisPoints = 0, long DiscountAmount = 0, IReadOnlyList<string>? Coupons = null, string? CustomerId = null);

/// <summary>A tender: "cash", "card" (the agent asks the terminal), "giftcard" (online only, with its code) or "points" (online only).</summary>
internal sealed record TenderDto(string Type, long Amount, string? GiftCardCode = null);

/// <summary>Completes a sale. <see cref="SaleId"/> is made by the UI once per basket, so a double tap or a retry is the same sale.</summary>
internal sealed record SaleDto(string SaleId, BasketDto Basket, IReadOnlyList<TenderDto> Tenders, string? SupervisorId = null, string? SupervisorPin = null);

internal sealed record SignInDto(string EmployeeId, string Pin, long? OpeningFloat = null);

internal sealed record CloseShiftDto(long CountedCash);

/// <summary>An error the UI shows as is; <see cref="Status"/> is the HTTP status.</summary>
internal sealed class AgentException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static AgentException Invalid(string message) => new(StatusCodes.Status400BadRequest, message);

    public static AgentException Conflict(string message) => new(StatusCodes.Status409Conflict, message);

    public static AgentException Unavailable(string message) => new(StatusCodes.Status503ServiceUnavailable, message);
}
