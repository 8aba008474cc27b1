using ChainPos.Abstractions.Checkout;

namespace ChainPos.Grains.Checkout;

/// <summary>
/// Works out what a return against a receipt refunds: per unit what the customer actually paid for
/// that line (after every discount), with tax in the same share. The last units of a line refund
/// whatever is left of it, so returning a line in several goes refunds exactly its net in total.
/// </summary>
internal static class ReturnCalculator
{
    public static ReturnClaim Claim(string returnId, SaleReceipt receipt, IReadOnlyList<ReturnClaim> earlier, IReadOnlyList<ReturnLineSpec> lines)
    {
        var refunded = new List<PricedLineView>(lines.Count);
        long total = 0, tax = 0;
        foreach (var wanted in lines)
        {
            var sold = receipt.Lines.Where(l => l.Sku == wanted.Sku && l.GiftCardHash is null).ToList();
            if (sold.Count == 0)
            {
                throw PosException.Invalid($"SKU '{wanted.Sku}' is not on receipt {receipt.ReceiptNumber}.");
            }

            var remaining = wanted.Quantity;
            foreach (var line in sold)
            {
                var before = earlier.SelectMany(c => c.Lines).Where(l => l.LineNo == line.LineNo).ToList();
                var returnedQty = before.Sum(l => l.Quantity);
                var take = Math.Min(remaining, line.Quantity - returnedQty);
                if (take <= 0)
                {
                    continue;
                }

                var net = Share(line.Net, line.Quantity, returnedQty, take, before.Sum(l => l.Net));
                var lineTax = Share(line.Tax, line.Quantity, returnedQty, take, before.Sum(l => l.Tax));
                // A weighed line is one item (quantity 1): it comes back whole, with its grams and its amount.
                var gross = line.WeightGrams is null ? line.UnitPrice * take : line.Gross;
                refunded.Add(line with { Quantity = take, Gross = gross, Discount = gross - net, Net = net, Tax = lineTax });
                total += net + (IsExclusive(receipt, line.TaxClass) ? lineTax : 0);
                tax += lineTax;
                remaining -= take;
            }

            if (remaining > 0)
            {
                throw PosException.Precondition($"Only {wanted.Quantity - remaining} more of SKU '{wanted.Sku}' can be returned against receipt {receipt.ReceiptNumber}.");
            }
        }

        return new ReturnClaim(returnId, refunded, total, tax);
    }

    /// <summary>The amount for <paramref name="take"/> units; when they are the last units, exactly what is left.</summary>
    private static long Share(long lineAmount, int lineQty, int alreadyQty, int take, long alreadyAmount) =>
        alreadyQty + take == lineQty
            ? lineAmount - alreadyAmount
            : (long)Math.Round((decimal)lineAmount * take / lineQty, MidpointRounding.AwayFromZero);

    private static bool IsExclusive(SaleReceipt receipt, string taxClass) =>
        receipt.Taxes.FirstOrDefault(t => t.TaxClass == taxClass) is { Inclusive: false };
}
