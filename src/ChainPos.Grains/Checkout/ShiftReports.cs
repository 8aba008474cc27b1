using ChainPos.Abstractions.Checkout;

namespace ChainPos.Grains.Checkout;

internal static class ShiftReports
{
    public static ShiftReportView Build(string storeId, string registerId, ShiftData s, DateTimeOffset? closedAt, long countedCash)
    {
        var tenders = s.Tenders
            .OrderBy(t => t.Key)
            .Select(t => new TenderTotalView(t.Key, t.Value.Amount, t.Value.Count))
            .ToList();
        var expected = s.ExpectedCash;
        return new ShiftReportView(
            storeId, registerId, s.ShiftId, s.CashierId, s.Currency, s.OpenedAt, closedAt, s.OpeningFloat,
            s.SalesCount, s.SalesTotal, s.RefundsCount, s.RefundsTotal, s.DiscountsTotal, s.TaxTotal, tenders,
            s.PaidIn, s.PaidOut, s.NoSaleCount, expected,
            closedAt is null ? 0 : countedCash,
            closedAt is null ? 0 : countedCash - expected,
            s.FirstReceiptSequence, s.LastReceiptSequence);
    }

    public static void AddTender(ShiftData shift, TenderType type, long amount)
    {
        if (!shift.Tenders.TryGetValue(type, out var total))
        {
            total = new TenderTotal();
            shift.Tenders[type] = total;
        }

        total.Amount += amount;
        total.Count++;
    }

    public static void TakeReceipt(ShiftData shift, long sequence)
    {
        if (shift.FirstReceiptSequence == 0)
        {
            shift.FirstReceiptSequence = sequence;
        }

        shift.LastReceiptSequence = sequence;
    }
}
