namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>
/// Everything a printed receipt shows, already priced by the platform (a CompleteSale answer or
/// the offline journal's copy of one): the printer lays it out and prints it, it computes nothing.
/// Amounts are minor units of <see cref="Currency"/>.
/// </summary>
public sealed record ReceiptDocument
{
    /// <summary>Store header: the first line is printed large (store name), the rest as given (address, VAT id).</summary>
    public IReadOnlyList<string> Header { get; init; } = [];

    /// <summary>"&lt;store&gt;-&lt;register&gt;-&lt;sequence&gt;", see <c>ReceiptNumbers.Format</c>.</summary>
    public required string ReceiptNumber { get; init; }

    /// <summary>When the sale completed, in the store's local offset (printed as yyyy-MM-dd HH:mm).</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>Who rang the sale, as printed ("Anna"); optional.</summary>
    public string? Cashier { get; init; }

    /// <summary>ISO 4217 code of every amount on the receipt.</summary>
    public required string Currency { get; init; }

    /// <summary>Sold items in basket order.</summary>
    public IReadOnlyList<ReceiptLine> Lines { get; init; } = [];

    /// <summary>Sum of the lines before discounts.</summary>
    public long Subtotal { get; init; }

    /// <summary>All discounts together, as a positive number.</summary>
    public long DiscountTotal { get; init; }

    /// <summary>What the customer pays.</summary>
    public long Total { get; init; }

    /// <summary>Tax per rate; exclusive taxes are also added up in the totals block.</summary>
    public IReadOnlyList<ReceiptTaxLine> Taxes { get; init; } = [];

    /// <summary>How it was paid, in tender order.</summary>
    public IReadOnlyList<ReceiptTender> Tenders { get; init; } = [];

    /// <summary>Cash handed back.</summary>
    public long Change { get; init; }

    /// <summary>The customer's points, when a loyalty account was on the sale.</summary>
    public ReceiptLoyalty? Loyalty { get; init; }

    /// <summary>Footer lines (return policy, thank you), centred.</summary>
    public IReadOnlyList<string> Footer { get; init; } = [];

    /// <summary>What the barcode or QR code at the bottom encodes (the sale's receipt id); none when null.</summary>
    public string? ReceiptId { get; init; }

    /// <summary>A copy of a receipt printed before: a REPRINT banner at the top and the bottom.</summary>
    public bool Reprint { get; init; }

    /// <summary>A gift receipt: items and quantities only, no prices, totals, tenders or loyalty.</summary>
    public bool GiftReceipt { get; init; }

    /// <summary>Kick the cash drawer at the start of the job (cash tendered or change due).</summary>
    public bool OpenDrawer { get; init; }
}
