using System.Globalization;
using System.Text.Json;
using ChainPos.Api.V1;
using ChainPos.StoreAgent.Api;
using ChainPos.StoreAgent.Offline;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace ChainPos.StoreAgent.Selling;

/// <summary>
/// Returns while the link is down: only against a sale in this register's journal (rung up here, online or offline), refunded in
/// cash only. The return is journaled with its id in the same transaction that checks what was already returned of that sale here,
/// before the drawer opens and the slip prints; it syncs in the offline order (after its sale) with <c>SubmitOfflineReturn</c>.
/// </summary>
internal sealed partial class ReturnService
{
    private const string CashOnlyOffline = "Offline, refunds are paid in cash only: refund in cash, or wait for the link to refund to the card or gift card. Nothing was refunded.";

    private async Task<object> ReturnOfflineAsync(ReturnDto dto, Session session, LocalShift shift)
    {
        if (dto.Receipt is not { Length: > 0 })
        {
            throw AgentException.Unavailable("A return without receipt needs the platform (it checks the supervisor's approval and today's price), which cannot be reached right now. Nothing was refunded.");
        }

        var (total, tax, _, found, claimed) = await ClaimAsync(dto);
        var original = found!;
        var tenders = RefundTenders(dto.RefundTo, total, original.Tenders);
        RequireCashOffline(dto, original, tenders);
        var now = time.GetUtcNow();
        var response = new ReturnItemsResponse { ReturnId = dto.ReturnId, Currency = original.Receipt.Currency, RefundTotal = total, TaxRefunded = tax };
        response.Lines.AddRange(claimed.Select(l =>
        {
            // A weighed line (quantity 1, unit price per kg) comes back whole: its own gross and grams.
            var gross = l.Line.WeightGrams > 0 ? l.Line.Gross : l.Line.UnitPrice * l.Quantity;
            return new PricedSaleLine
            {
                LineNo = l.Line.LineNo, Sku = l.Line.Sku, Name = l.Line.Name, Quantity = l.Quantity, UnitPrice = l.Line.UnitPrice,
                Gross = gross, Discount = gross - l.Net, Net = l.Net, Tax = l.Tax, TaxClass = l.Line.TaxClass, WeightGrams = l.Line.WeightGrams,
            };
        }));
        var request = new SubmitOfflineReturnRequest
        {
            StoreId = _options.StoreId, RegisterId = _options.RegisterId, ReturnId = dto.ReturnId, ShiftId = shift.ShiftId, CashierId = session.EmployeeId,
            OriginalSaleId = original.SaleId, RefundTotal = total, Currency = original.Receipt.Currency, OccurredAt = Timestamp.FromDateTimeOffset(now),
            Reason = dto.Reason ?? "",
        };
        request.Lines.AddRange(dto.Lines.Select(l => new ReturnLine { Sku = l.Sku, Quantity = l.Quantity }));
        var views = tenders.Select(TenderView).ToList();

        await journal.AppendReturnAsync(dto.ReturnId, now, total, _ => JsonFormatter.Default.Format(request), (c, t, seq) =>
        {
            // The check that counts: under the journal's write lock, against every return of this sale recorded here so far.
            var returned = ReturnedAt(c, t, original.SaleId);
            foreach (var line in claimed.Where(l => returned.GetValueOrDefault(l.Line.LineNo).Quantity + l.Quantity > l.Line.Quantity))
            {
                var left = original.Receipt.Lines.Where(s => s.Sku == line.Line.Sku).Sum(s => s.Quantity - returned.GetValueOrDefault(s.LineNo).Quantity);
                throw AgentException.Conflict($"Only {left} more of {line.Line.Sku} can be returned against receipt {original.Receipt.ReceiptNumber}. Nothing was refunded.");
            }

            response.ReceiptNumber = $"{_options.StoreId}-{_options.RegisterId}-ROFF{seq:D6}";
            using var insert = AgentDatabase.Command(c, """
                INSERT INTO returns(return_id, original_sale_id, created_at, response, tenders, receipt_text)
                VALUES(@id, @sale, @at, @response, @tenders, '')
                """, t, ("@id", dto.ReturnId), ("@sale", original.SaleId), ("@at", now.ToString("O", CultureInfo.InvariantCulture)),
                ("@response", JsonFormatter.Default.Format(response)), ("@tenders", JsonSerializer.Serialize(views)));
            insert.ExecuteNonQuery();
        });

        // Durable first: now the customer display shows the refund, the drawer opens (cash refund) and the slip prints.
        display.RefundCompleted(total, response.Currency);
        var taken = new List<TakenTender> { new("cash", total, null, null, null) };
        var slip = printing.Refund(response, original.Receipt.ReceiptNumber, now, catalog.Store!.Name, session.Name, taken);
        var document = slip with { Footer = [.. slip.Footer, "Offline refund - recorded when the link returns"] };
        var (text, printerError) = await printing.PrintAsync(document);
        await db.WriteAsync((c, t) =>
        {
            using var update = AgentDatabase.Command(c, "UPDATE returns SET receipt_text = @text WHERE return_id = @id", t, ("@text", text), ("@id", dto.ReturnId));
            update.ExecuteNonQuery();
        });
        return View(response, original.SaleId, views, text, printerError, false, JournalStatus.Pending, null);
    }

    /// <summary>This register's offline returns, newest first, with their journal state (pending, synced, rejected and why).</summary>
    public IEnumerable<object> RecentOffline(int limit) => journal.RecentReturns(limit).Select(e =>
    {
        var request = SubmitOfflineReturnRequest.Parser.ParseJson(e.OfflineRequest);
        return new
        {
            request.ReturnId, request.OriginalSaleId, refundTotal = e.Total, mode = e.Status, e.Error, createdAt = e.CreatedAt, request.CashierId,
            receiptNumber = e.ServerReceipt is { } json ? SubmitOfflineReturnResponse.Parser.ParseJson(json).Receipt.ReceiptNumber : null,
            late = e.Late,
        };
    });

    /// <summary>Offline, only this register's own sales are returned, and only in cash.</summary>
    private static void RequireCashOffline(ReturnDto dto, Original? original, List<Tender> tenders)
    {
        if (original is null)
        {
            throw AgentException.Unavailable("A return without receipt needs the platform (it checks the supervisor's approval and today's price), which cannot be reached right now. Nothing was refunded.");
        }

        if (dto.RefundTo != "cash" || tenders.Any(t => t.Type != TenderType.Cash))
        {
            throw AgentException.Conflict(CashOnlyOffline);
        }
    }

    /// <summary>The receipt of a sale rung up offline and still queued, as the agent priced it (lines numbered like the platform will).</summary>
    private CompleteSaleResponse OfflineReceipt(SubmitOfflineSaleRequest sale, JournalEntry entry)
    {
        var receipt = new CompleteSaleResponse
        {
            SaleId = sale.SaleId, ReceiptNumber = $"{_options.StoreId}-{_options.RegisterId}-OFF{entry.OfflineSeq:D6}", Currency = sale.Currency,
            Subtotal = sale.Subtotal, DiscountTotal = sale.DiscountTotal, TaxTotal = sale.TaxTotal, Total = sale.Total, CompletedAt = sale.OccurredAt,
            Change = entry.Change,
        };
        receipt.Taxes.AddRange(sale.Taxes);
        receipt.Lines.AddRange(sale.Lines.Select((l, i) => new PricedSaleLine
        {
            LineNo = i + 1, Sku = l.Sku, Name = l.Name, Quantity = l.Quantity, UnitPrice = l.UnitPrice, Gross = l.Gross, Discount = l.Discount,
            Net = l.Net, Tax = l.Tax, TaxClass = l.TaxClass, Promotions = { l.Promotions },
        }));
        return receipt;
    }
}
