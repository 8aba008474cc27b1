using System.Globalization;
using ChainPos.StoreAgent.Hardware.EscPos;

namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>
/// Lays a <see cref="ReceiptDocument"/> out as one ESC/POS job: initialise, select the table,
/// (kick the drawer), banners, store header, receipt number and time, lines, totals, tenders,
/// change, taxes, loyalty, footer, receipt code, partial cut.
/// </summary>
public sealed partial class ReceiptRenderer
{
    private readonly ReceiptPrinterOptions _options;
    private readonly EscPosCodePage _codePage;

    /// <summary>A renderer for the given layout.</summary>
    /// <exception cref="ArgumentException">For a width outside 24..64 or an unknown code page.</exception>
    public ReceiptRenderer(ReceiptPrinterOptions? options = null)
    {
        _options = options ?? new ReceiptPrinterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Width, 24, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.Width, 64, nameof(options));
        _codePage = EscPosCodePage.FromName(_options.CodePage);
    }

    private int Width => _options.Width;

    /// <summary>The complete print job for <paramref name="receipt"/>.</summary>
    public byte[] Render(ReceiptDocument receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var w = new EscPosWriter().Initialize().SelectCodePage(_codePage);
        if (receipt.OpenDrawer)
        {
            KickDrawer(w);
        }

        WriteHeader(w, receipt);
        WriteLines(w, receipt);
        if (!receipt.GiftReceipt)
        {
            WriteTotals(w, receipt);
            WriteTenders(w, receipt);
            WriteTaxes(w, receipt);
            WriteLoyalty(w, receipt);
        }

        WriteFooter(w, receipt);
        return w.PartialCut().ToArray();
    }

    /// <summary>A job that only kicks the drawer.</summary>
    public byte[] RenderDrawerKick() => KickDrawer(new EscPosWriter()).ToArray();

    private EscPosWriter KickDrawer(EscPosWriter w) =>
        w.KickDrawer(_options.DrawerPin, _options.DrawerPulseMilliseconds, _options.DrawerPauseMilliseconds);

    private void WriteHeader(EscPosWriter w, ReceiptDocument receipt)
    {
        w.Align(EscPosAlignment.Center);
        if (receipt.Reprint)
        {
            Banner(w, "REPRINT");
        }

        if (receipt.GiftReceipt)
        {
            Banner(w, "GIFT RECEIPT");
        }

        for (var i = 0; i < receipt.Header.Count; i++)
        {
            var large = i == 0;
            Styled(w, Wrap(receipt.Header[i]), bold: large, height: large ? 2 : 1);
        }

        w.Align(EscPosAlignment.Left);
        var time = receipt.CompletedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        Lines(w, Columns("Receipt " + receipt.ReceiptNumber, time));
        if (!string.IsNullOrWhiteSpace(receipt.Cashier))
        {
            Lines(w, Wrap("Cashier: " + receipt.Cashier));
        }

        Separator(w);
    }

    private void WriteLines(EscPosWriter w, ReceiptDocument receipt)
    {
        foreach (var line in receipt.Lines)
        {
            if (receipt.GiftReceipt)
            {
                Lines(w, Wrap(line.WeightGrams is { } g ? $"{line.Name} {Kilograms(g)} kg" : line.Quantity == 1 ? line.Name : $"{line.Quantity} x {line.Name}"));
                continue;
            }

            var amount = ReceiptMoney.Amount(line.Amount, receipt.Currency);
            if (line.WeightGrams is { } grams)
            {
                Lines(w, Wrap(line.Name));
                Lines(w, Columns($"  {Kilograms(grams)} kg @ {ReceiptMoney.Amount(line.UnitPrice, receipt.Currency)}/kg", amount));
            }
            else if (line.Quantity == 1)
            {
                Lines(w, Columns(line.Name, amount));
            }
            else
            {
                Lines(w, Wrap(line.Name));
                Lines(w, Columns($"  {line.Quantity} x {ReceiptMoney.Amount(line.UnitPrice, receipt.Currency)}", amount));
            }

            if (line.Discount != 0)
            {
                Lines(w, Columns("  " + (line.DiscountLabel ?? "Discount"), ReceiptMoney.Amount(-line.Discount, receipt.Currency)));
            }
        }

        Separator(w);
    }

    /// <summary>Grams as kilograms with three decimals: 512 gives "0.512".</summary>
    private static string Kilograms(int grams) =>
        (grams / 1000m).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);

    private void WriteFooter(EscPosWriter w, ReceiptDocument receipt)
    {
        w.Align(EscPosAlignment.Center);
        foreach (var text in receipt.Footer)
        {
            Lines(w, Wrap(text));
        }

        if (receipt.Reprint)
        {
            w.Line("*** REPRINT ***");
        }

        if (receipt.ReceiptId is { } id && _options.ReceiptCode != ReceiptCodeKind.None)
        {
            w.LineFeed();
            _ = _options.ReceiptCode == ReceiptCodeKind.QrCode ? w.QrCode(id) : w.Code128(id);
        }

        w.Align(EscPosAlignment.Left);
    }

    private static void Banner(EscPosWriter w, string text) =>
        w.Bold(true).Size(2, 2).Text(text).Size(1, 1).Bold(false).LineFeed();

    // Text of several lines in one style: the style is switched off before the last line feed, so
    // it covers exactly these lines.
    private static void Styled(EscPosWriter w, List<string> lines, bool bold, int height)
    {
        SetStyle(w, bold, height, on: true);
        for (var i = 0; i < lines.Count; i++)
        {
            w.Text(lines[i]);
            if (i == lines.Count - 1)
            {
                SetStyle(w, bold, height, on: false);
            }

            w.LineFeed();
        }
    }

    private static void SetStyle(EscPosWriter w, bool bold, int height, bool on)
    {
        // Switched off in the reverse order, so the decoded markers nest.
        if (bold && on)
        {
            w.Bold(true);
        }

        if (height != 1)
        {
            w.Size(1, on ? height : 1);
        }

        if (bold && !on)
        {
            w.Bold(false);
        }
    }

    private static void Lines(EscPosWriter w, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            w.Line(line);
        }
    }

    private void Separator(EscPosWriter w) => w.Line(new string('-', Width));

    private List<string> Wrap(string text) => [.. ReceiptColumns.Wrap(_codePage.Sanitize(text), Width)];

    private List<string> Columns(string left, string right) =>
        [.. ReceiptColumns.LeftRight(_codePage.Sanitize(left), _codePage.Sanitize(right), Width)];
}
