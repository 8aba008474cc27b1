namespace ChainPos.StoreAgent.Api;

/// <summary>
/// A basket line as the register UI sends it; a discount is a percent (basis points) or an amount. <see cref="Barcode"/> is the
/// scale label (variable-measure EAN-13) the item was scanned with: the line is sold at the label's price, or by the label's weight, quantity 1.
/// <see cref="WeightGrams"/> is the weight of an item sold by weight (from its weight label, or typed in by the cashier).
/// </summary>
internal sealed record BasketLineDto(string Sku, int Quantity, int DiscountBasisPoints = 0, long DiscountAmount = 0, string? Barcode = null, int? WeightGrams = null);

/// <summary>The basket: lines, an optional basket discount, coupons and the loyalty customer.</summary>
internal sealed record BasketDto(IReadOnlyList<BasketLineDto> Lines, int DiscountBasisPoints = 0, long DiscountAmount = 0, IReadOnlyList<string>? Coupons = null, string? CustomerId = null);

/// <summary>A tender: "cash", "card" (the agent asks the terminal), "giftcard" (online only, with its code) or "points" (online only).</summary>
internal sealed record TenderDto(string Type, long Amount, string? GiftCardCode = null);

/// <summary>Completes a sale. <see cref="SaleId"/> is made by the UI once per basket, so a double tap or a retry is the same sale.</summary>
internal sealed record SaleDto(string SaleId, BasketDto Basket, IReadOnlyList<TenderDto> Tenders, string? SupervisorId = null, string? SupervisorPin = null);

/// <summary>A returned line: the SKU and how many units come back.</summary>
internal sealed record ReturnLineDto(string Sku, int Quantity);

/// <summary>
/// A return. <see cref="ReturnId"/> is made by the UI once per return (a retry is the same return). <see cref="Receipt"/> is the
/// original sale's id (its receipt QR code) or receipt number; empty for a return without receipt (supervisor needed).
/// <see cref="RefundTo"/> is "cash" or "original" (back to the card the sale was paid with, up to what it paid; the rest in cash).
/// </summary>
internal sealed record ReturnDto(string ReturnId, string? Receipt, IReadOnlyList<ReturnLineDto> Lines, string RefundTo = "cash", string? Reason = null, string? SupervisorId = null, string? SupervisorPin = null);

/// <summary>Parks the basket on the platform under a label the cashier sees when resuming.</summary>
internal sealed record SuspendDto(string SuspendId, string? Label, BasketDto Basket);

/// <summary>Prints a sale of this register again: a reprint, or a gift receipt without prices.</summary>
internal sealed record ReprintDto(bool Gift = false);

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
