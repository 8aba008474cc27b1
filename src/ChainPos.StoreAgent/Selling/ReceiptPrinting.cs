using ChainPos.Api.V1;
using ChainPos.StoreAgent.Hardware.EscPos;
using ChainPos.StoreAgent.Hardware.Payments;
using ChainPos.StoreAgent.Hardware.Printing;
using ChainPos.StoreAgent.Hardware.Virtual;
using ChainPos.StoreAgent.Hosting;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Selling;

/// <summary>
/// Lays out receipts (from the platform's answer online, or from the agent's own pricing offline), prints
/// them on the configured printer and returns the paper as text for the UI's receipt view and reprints.
/// </summary>
internal sealed partial class ReceiptPrinting : IAsyncDisposable
{
    private readonly AgentOptions _options;
    private readonly ReceiptRenderer _renderer = new();
    private readonly VirtualEscPosPrinter? _virtual;
    private readonly IReceiptPrinter? _printer;
    private readonly ILogger<ReceiptPrinting> _logger;

    public ReceiptPrinting(IOptions<AgentOptions> options, ILogger<ReceiptPrinting> logger)
    {
        _options = options.Value;
        _logger = logger;
        var target = _options.Printer.Trim();
        if (target.Equals("virtual", StringComparison.OrdinalIgnoreCase))
        {
            _virtual = VirtualEscPosPrinter.Start();
            _printer = _virtual.CreateDriver();
        }
        else if (target.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(target, UriKind.Absolute, out var uri))
        {
            _printer = new TcpEscPosPrinter(new TcpPrinterOptions { Host = uri.Host, Port = uri.IsDefaultPort ? 9100 : uri.Port });
        }
        else if (target.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            _printer = new DeviceFileEscPosPrinter(target["file:".Length..]);
        }
        else if (!target.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Agent:Printer '{_options.Printer}' is not virtual, none, tcp://host:port or file:/path.");
        }
    }

    /// <summary>Prints the receipt; returns the paper as text and, when the printer failed, why (the sale stands; reprint it).</summary>
    public async Task<(string Text, string? PrinterError)> PrintAsync(ReceiptDocument document)
    {
        var text = EscPosDecoder.Decode(_renderer.Render(document));
        if (_printer is null)
        {
            return (text, null);
        }

        try
        {
            await _printer.PrintAsync(document);
            return (text, null);
        }
        catch (PrinterUnavailableException e)
        {
            LogPrinterFailed(e);
            return (text, e.Message);
        }
    }

    /// <summary>Kicks the cash drawer through the printer; returns why it could not, or null when the kick was sent.</summary>
    public async Task<string?> OpenDrawerAsync()
    {
        if (_printer is null)
        {
            return "No printer is configured (Agent:Printer=none), so the register cannot open the drawer; open it with its key.";
        }

        try
        {
            await _printer.OpenDrawerAsync();
            return null;
        }
        catch (PrinterUnavailableException e)
        {
            LogPrinterFailed(e);
            return e.Message;
        }
    }

    /// <summary>The receipt of a sale the platform completed.</summary>
    public ReceiptDocument Online(CompleteSaleResponse r, string storeName, string cashier, IReadOnlyList<TakenTender> tenders) => new()
    {
        Header = [storeName, .. _options.ReceiptHeader],
        ReceiptNumber = r.ReceiptNumber,
        CompletedAt = r.CompletedAt.ToDateTimeOffset(),
        Cashier = cashier,
        Currency = r.Currency,
        Lines = [.. r.Lines.Select(l => new ReceiptLine(l.Name, l.Quantity, l.UnitPrice, l.Gross, l.Discount, WeightGrams: l.WeightGrams > 0 ? l.WeightGrams : null))],
        Subtotal = r.Subtotal,
        DiscountTotal = r.DiscountTotal,
        Total = r.Total,
        Taxes = [.. r.Taxes.Select(t => new ReceiptTaxLine(t.TaxClass, t.RateBasisPoints, t.Inclusive, t.Taxable, t.Tax))],
        Tenders = [.. tenders.Select(Tender)],
        Change = r.Change,
        Footer = ["Thank you for shopping with us"],
        ReceiptId = r.SaleId,
        OpenDrawer = tenders.Any(t => t.Type == "cash"),
    };

    /// <summary>The receipt of a sale taken offline, from the agent's own pricing.</summary>
    public ReceiptDocument Offline(SubmitOfflineSaleRequest s, string receiptNumber, DateTimeOffset at, string storeName, string cashier, IReadOnlyList<TakenTender> tenders, long change) => new()
    {
        Header = [storeName, .. _options.ReceiptHeader],
        ReceiptNumber = receiptNumber,
        CompletedAt = at,
        Cashier = cashier,
        Currency = s.Currency,
        Lines = [.. s.Lines.Select(l => new ReceiptLine(l.Name, l.Quantity, l.UnitPrice, l.Gross, l.Discount, WeightGrams: l.HasWeightGrams ? l.WeightGrams : null))],
        Subtotal = s.Subtotal,
        DiscountTotal = s.DiscountTotal,
        Total = s.Total,
        Taxes = [.. s.Taxes.Select(t => new ReceiptTaxLine(t.TaxClass, t.RateBasisPoints, t.Inclusive, t.Taxable, t.Tax))],
        Tenders = [.. tenders.Select(Tender)],
        Change = change,
        Footer = ["Offline sale - recorded at head office", "when the store's link returns", "Thank you for shopping with us"],
        ReceiptId = s.SaleId,
        OpenDrawer = tenders.Any(t => t.Type == "cash"),
    };

    /// <summary>
    /// A sale from the journal printed again: a reprint (REPRINT banners, same receipt number and receipt id) or a
    /// gift receipt (items and quantities only). Online or synced sales use the platform's receipt, others the agent's pricing.
    /// </summary>
    public ReceiptDocument Copy(SubmitOfflineSaleRequest sale, CompleteSaleResponse? server, string receiptNumber, DateTimeOffset at, long change, string storeName, string cashier, bool gift)
    {
        var tenders = sale.Tenders.Select(t => new TakenTender(t.Type switch
        {
            TenderType.Card => "card",
            TenderType.GiftCard => "giftcard",
            TenderType.LoyaltyPoints => "points",
            _ => "cash",
        }, t.Amount, null, t.CardBrand, t.CardLast4, t.GiftCardCode)).ToList();
        var original = server is not null
            ? Online(server, storeName, cashier, tenders)
            : Offline(sale, receiptNumber, at, storeName, cashier, tenders, change);
        return original with
        {
            ReceiptNumber = receiptNumber,
            Reprint = !gift,
            GiftReceipt = gift,
            OpenDrawer = false,
            Footer = gift ? ["Gift receipt - exchange or refund", "with this receipt", "Thank you for shopping with us"] : original.Footer,
        };
    }

    /// <summary>The refund slip of a return: what was refunded per line and how it was paid out.</summary>
    public ReceiptDocument Refund(ReturnItemsResponse r, string? originalReceipt, DateTimeOffset at, string storeName, string cashier, IReadOnlyList<TakenTender> tenders) => new()
    {
        Header = [storeName, .. _options.ReceiptHeader, "REFUND"],
        ReceiptNumber = r.ReceiptNumber,
        CompletedAt = at,
        Cashier = cashier,
        Currency = r.Currency,
        Lines = [.. r.Lines.Select(l => new ReceiptLine(l.Name, l.Quantity, l.UnitPrice, l.Gross, l.Discount, WeightGrams: l.WeightGrams > 0 ? l.WeightGrams : null))],
        Subtotal = r.Lines.Sum(l => l.Gross),
        DiscountTotal = r.Lines.Sum(l => l.Discount),
        Total = r.RefundTotal,
        Tenders = [.. tenders.Select(Tender)],
        Footer = [originalReceipt is null ? "Return without receipt" : "Returned against receipt " + originalReceipt, "Refund paid out"],
        ReceiptId = r.ReturnId,
        OpenDrawer = tenders.Any(t => t.Type == "cash"),
    };

    private static ReceiptTender Tender(TakenTender t) => t.Type switch
    {
        "card" => ReceiptTender.Card(t.Amount, CardBrand.Parse(t.CardBrand!), CardLast4.Parse(t.CardLast4!)),
        "giftcard" => ReceiptTender.GiftCard(t.Amount, t.GiftCardCode!),
        "points" => ReceiptTender.Points(t.Amount, 0),
        _ => ReceiptTender.Cash(t.Amount),
    };

    public async ValueTask DisposeAsync()
    {
        switch (_printer)
        {
            case IAsyncDisposable a:
                await a.DisposeAsync();
                break;
            case IDisposable d:
                d.Dispose();
                break;
        }

        if (_virtual is not null)
        {
            await _virtual.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receipt printer unavailable; the sale stands, reprint it")]
    private partial void LogPrinterFailed(Exception e);
}
