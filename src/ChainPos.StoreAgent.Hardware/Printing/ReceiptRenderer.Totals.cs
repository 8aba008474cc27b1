using System.Globalization;
using ChainPos.Domain;
using ChainPos.StoreAgent.Hardware.EscPos;

namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>The money part of a receipt: totals, tenders and change, taxes, loyalty.</summary>
public sealed partial class ReceiptRenderer
{
    private void WriteTotals(EscPosWriter w, ReceiptDocument receipt)
    {
        var currency = receipt.Currency;
        Lines(w, Columns("Subtotal", ReceiptMoney.Amount(receipt.Subtotal, currency)));
        if (receipt.DiscountTotal != 0)
        {
            Lines(w, Columns("Discounts", ReceiptMoney.Amount(-receipt.DiscountTotal, currency)));
        }

        var addedTax = receipt.Taxes.Where(t => !t.Inclusive).Sum(t => t.Tax);
        if (addedTax != 0)
        {
            Lines(w, Columns("Tax", ReceiptMoney.Amount(addedTax, currency)));
        }

        Styled(w, Columns("TOTAL", ReceiptMoney.WithSymbol(receipt.Total, currency, _codePage.CanEncode)), bold: true, height: 2);
    }

    private void WriteTenders(EscPosWriter w, ReceiptDocument receipt)
    {
        var currency = receipt.Currency;
        foreach (var tender in receipt.Tenders)
        {
            Lines(w, Columns(tender.Label, ReceiptMoney.Amount(tender.Amount, currency)));
            if (tender.AuthCode is { } code)
            {
                Lines(w, Wrap($"  Auth {code}{(tender.Offline ? " (offline)" : string.Empty)}"));
            }

            if (tender.RemainingBalance is { } balance)
            {
                Lines(w, Columns("  Balance", ReceiptMoney.Amount(balance, currency)));
            }
        }

        if (receipt.Change != 0 || receipt.Tenders.Any(t => t.Kind == TenderKind.Cash))
        {
            Lines(w, Columns("Change", ReceiptMoney.Amount(receipt.Change, currency)));
        }

        Separator(w);
    }

    private void WriteTaxes(EscPosWriter w, ReceiptDocument receipt)
    {
        if (receipt.Taxes.Count == 0)
        {
            return;
        }

        foreach (var tax in receipt.Taxes)
        {
            var rate = (tax.RateBasisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture);
            var left = $"{tax.Label} {rate}%{(tax.Inclusive ? " incl." : string.Empty)} on {ReceiptMoney.Amount(tax.Taxable, receipt.Currency)}";
            Lines(w, Columns(left, ReceiptMoney.Amount(tax.Tax, receipt.Currency)));
        }

        Separator(w);
    }

    private void WriteLoyalty(EscPosWriter w, ReceiptDocument receipt)
    {
        if (receipt.Loyalty is not { } loyalty)
        {
            return;
        }

        Lines(w, Columns("Points earned", loyalty.PointsEarned.ToString(CultureInfo.InvariantCulture)));
        Lines(w, Columns("Points balance", loyalty.Balance.ToString(CultureInfo.InvariantCulture)));
        Separator(w);
    }
}
