using System.Globalization;
using System.Text.Json;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.StoreAgent.Api;
using ChainPos.StoreAgent.Devices;
using ChainPos.StoreAgent.Hosting;
using ChainPos.StoreAgent.Offline;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Selling;

/// <summary>
/// Returns through the platform (CheckoutService.ReturnItems) while the link is up: against a sale of any register of the
/// store, found by its receipt code or number with the platform's FindSaleByReceipt (which also says what was
/// already returned at any register), or without receipt with a supervisor's PIN. While the link is down, a return
/// against a sale in this register's journal is refunded in cash and queued (see ReturnService.Offline.cs).
/// The refund is worked out here the way the platform does (what the customer paid per unit, the last units
/// what is left) so the refund tenders add up; the platform checks it again and refuses a mismatch.
/// Each return is kept locally by its id: a retry answers from there and never refunds twice.
/// </summary>
internal sealed partial class ReturnService(
    SaleJournal journal, AgentDatabase db, PlatformClient platform, LinkState link, CatalogCache catalog, ReceiptPrinting printing,
    ShiftStore shifts, IOptions<AgentOptions> options, TimeProvider time, CustomerDisplayService display) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AgentOptions _options = options.Value;

    /// <summary>The sale behind a scanned receipt id or a typed receipt number, with what is still returnable per line.</summary>
    public async Task<object> LookupAsync(string code)
    {
        var original = await FindSaleAsync(code);
        var (receipt, returned) = (original.Receipt, original.Returned);
        return new
        {
            original.SaleId,
            original.RegisterId,
            receipt.ReceiptNumber,
            receipt.Currency,
            completedAt = receipt.CompletedAt?.ToDateTimeOffset(),
            receipt.Total,
            lines = receipt.Lines.Where(l => l.Sku.Length > 0).Select(l => new
            {
                l.LineNo, l.Sku, l.Name, l.Quantity, l.UnitPrice, l.Net,
                returned = returned.GetValueOrDefault(l.LineNo).Quantity,
                returnable = l.Quantity - returned.GetValueOrDefault(l.LineNo).Quantity,
            }),
            tenders = original.Tenders.Select(t => new { type = TypeName(t.Type), t.Amount, t.CardBrand, t.CardLast4 }),
        };
    }

    /// <summary>What the return would refund, and how it would be paid out; nothing is recorded.</summary>
    public async Task<object> QuoteAsync(ReturnDto dto)
    {
        var (total, tax, lines, original, _) = await ClaimAsync(dto);
        var tenders = RefundTenders(dto.RefundTo, total, original?.Tenders);
        if (!link.Online)
        {
            RequireCashOffline(dto, original, tenders);
        }

        return new { refundTotal = total, taxRefunded = tax, lines, tenders = tenders.Select(TenderView) };
    }

    public async Task<object> ReturnAsync(ReturnDto dto, Session session)
    {
        if (dto.ReturnId is not { Length: > 0 and <= 64 } || !dto.ReturnId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw AgentException.Invalid("return_id is 1..64 letters, digits, '-' or '_' (the UI makes one per return).");
        }

        await _gate.WaitAsync();
        try
        {
            if (Stored(dto.ReturnId) is { } done)
            {
                return done;
            }

            var shift = shifts.Current ?? throw AgentException.Conflict("No shift is open on this register; sign in to open one.");
            if (!link.Online)
            {
                return await ReturnOfflineAsync(dto, session, shift);
            }

            var (total, _, _, original, _) = await ClaimAsync(dto);
            if (original is null && (string.IsNullOrEmpty(dto.SupervisorId) || string.IsNullOrEmpty(dto.SupervisorPin)))
            {
                // The quote needs none; the refund does (the platform checks the PIN).
                throw new AgentException(StatusCodes.Status403Forbidden, "A return without receipt needs a supervisor's approval: supervisor id and PIN.");
            }

            var tenders = RefundTenders(dto.RefundTo, total, original?.Tenders);
            var request = new ReturnItemsRequest
            {
                StoreId = _options.StoreId,
                RegisterId = _options.RegisterId,
                ReturnId = dto.ReturnId,
                OriginalSaleId = original?.SaleId ?? "",
                Currency = catalog.Store!.Currency,
                Reason = dto.Reason ?? "",
                SupervisorId = dto.SupervisorId ?? "",
                SupervisorPin = dto.SupervisorPin ?? "",
            };
            request.Lines.AddRange(dto.Lines.Select(l => new ReturnLine { Sku = l.Sku, Quantity = l.Quantity }));
            request.RefundTenders.AddRange(tenders);
            ReturnItemsResponse answer;
            try
            {
                answer = await platform.Checkout.ReturnItemsAsync(request, platform.Call());
                link.Up();
            }
            catch (RpcException e) when (LinkState.IsLinkFailure(e))
            {
                // It may have reached the platform: the same return id again is answered with the first refund there.
                link.Down($"{e.StatusCode}: {e.Status.Detail}");
                throw AgentException.Unavailable("The platform did not answer the return. Try again with the same return: it is refunded at most once.");
            }
            catch (RpcException e)
            {
                throw new AgentException(e.StatusCode == StatusCode.PermissionDenied ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict,
                    $"The platform refused the return (nothing was refunded): {e.Status.Detail}");
            }

            var taken = tenders.Select(t => new TakenTender(TypeName(t.Type), t.Amount, null, t.CardBrand, t.CardLast4)).ToList();
            // Queued for the display, which never holds up the refund: the customer sees the amount while the slip prints.
            display.RefundCompleted(answer.RefundTotal, answer.Currency);
            var document = printing.Refund(answer, original?.Receipt.ReceiptNumber, time.GetUtcNow(), catalog.Store.Name, session.Name, taken);
            var (text, printerError) = await printing.PrintAsync(document);
            await db.WriteAsync((c, t) =>
            {
                using var insert = AgentDatabase.Command(c, """
                    INSERT INTO returns(return_id, original_sale_id, created_at, response, tenders, receipt_text)
                    VALUES(@id, @sale, @at, @response, @tenders, @text)
                    """, t, ("@id", dto.ReturnId), ("@sale", original?.SaleId), ("@at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)),
                    ("@response", JsonFormatter.Default.Format(answer)), ("@tenders", JsonSerializer.Serialize(tenders.Select(TenderView))), ("@text", text));
                insert.ExecuteNonQuery();
            });
            return View(answer, original?.SaleId, tenders.Select(TenderView), text, printerError, answer.Replayed, "online", null);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The sale returned against: its receipt, how it was paid, and per line what was already refunded.</summary>
    private sealed record Original(string SaleId, string RegisterId, CompleteSaleResponse Receipt, IReadOnlyList<Tender> Tenders, Dictionary<int, (int Quantity, long Net, long Tax)> Returned);

    private sealed record RefundTender(string Type, long Amount, string? CardBrand, string? CardLast4);

    /// <summary>One line of the original sale claimed by a return, with what it refunds (net, tax, and net plus exclusive tax).</summary>
    private sealed record ClaimedLine(PricedSaleLine Line, int Quantity, long Net, long Tax, long Refund);

    private async Task<(long Total, long Tax, List<object> Lines, Original? Original, List<ClaimedLine> Claimed)> ClaimAsync(ReturnDto dto)
    {
        var store = catalog.Store ?? throw AgentException.Unavailable("The catalogue has not been synced yet; connect the agent to the platform once.");
        if (dto.Lines is not { Count: > 0 and <= 100 } || dto.Lines.Any(l => l.Quantity is < 1 or > 9999 || string.IsNullOrEmpty(l.Sku)))
        {
            throw AgentException.Invalid("A return needs 1..100 lines, each a SKU and a quantity of 1..9999.");
        }

        if (dto.Lines.Select(l => l.Sku).Distinct(StringComparer.Ordinal).Count() != dto.Lines.Count)
        {
            throw AgentException.Invalid("List each SKU once in a return, with the total quantity.");
        }

        if (dto.Receipt is not { Length: > 0 } code)
        {
            if (dto.RefundTo != "cash")
            {
                throw AgentException.Invalid("A return without receipt is refunded in cash.");
            }

            // Like the platform: today's price, tax included, no promotions.
            var input = new BasketInput([.. dto.Lines.Select((l, i) =>
            {
                var p = catalog.Find(l.Sku) ?? throw AgentException.Invalid($"SKU '{l.Sku}' is not in the catalogue.");
                if (p.SoldByWeight)
                {
                    throw AgentException.Invalid($"{p.Name} ({p.Sku}) is sold by weight: return it against its receipt, which returns the whole weighed line.");
                }

                return new PriceLineInput(i + 1, p.Sku, p.Category, p.TaxClass, l.Quantity, p.Price, null);
            })]);
            var priced = PricingEngine.Price(input,
                store.TaxRates.ToDictionary(r => r.TaxClass, r => new TaxRate(r.TaxClass, r.RateBasisPoints, r.Inclusive), StringComparer.Ordinal), []);
            return (priced.Total, priced.TaxTotal,
                [.. priced.Lines.Select(l => (object)new { l.Sku, name = catalog.Find(l.Sku)!.Name, l.Quantity, refund = l.Net + (store.TaxRates.Any(r => r.TaxClass == l.TaxClass && !r.Inclusive) ? l.Tax : 0) })],
                null, []);
        }

        var original = await FindSaleAsync(code);
        if (link.Online && journal.HasQueuedReturnOf(original.SaleId))
        {
            // The platform does not know that return yet: refunding against its count could pay the same goods out twice.
            throw AgentException.Conflict("A return of this receipt made while the link was down has not reached the platform yet; try again once the register has synced (a few seconds).");
        }
        var (receipt, earlier) = (original.Receipt, original.Returned);
        long total = 0, tax = 0;
        var lines = new List<object>();
        var claimed = new List<ClaimedLine>();
        foreach (var wanted in dto.Lines)
        {
            var sold = receipt.Lines.Where(l => l.Sku == wanted.Sku).ToList();
            if (sold.Count == 0)
            {
                throw AgentException.Invalid($"SKU '{wanted.Sku}' is not on receipt {receipt.ReceiptNumber}.");
            }

            var remaining = wanted.Quantity;
            foreach (var line in sold)
            {
                var before = earlier.GetValueOrDefault(line.LineNo);
                var take = Math.Min(remaining, line.Quantity - before.Quantity);
                if (take <= 0)
                {
                    continue;
                }

                var net = Share(line.Net, line.Quantity, before.Quantity, take, before.Net);
                var lineTax = Share(line.Tax, line.Quantity, before.Quantity, take, before.Tax);
                var refund = net + (receipt.Taxes.FirstOrDefault(t => t.TaxClass == line.TaxClass) is { Inclusive: false } ? lineTax : 0);
                lines.Add(new { line.LineNo, line.Sku, line.Name, quantity = take, refund });
                claimed.Add(new ClaimedLine(line, take, net, lineTax, refund));
                total += refund;
                tax += lineTax;
                remaining -= take;
            }

            if (remaining > 0)
            {
                throw AgentException.Conflict($"Only {wanted.Quantity - remaining} more of {wanted.Sku} can be returned against receipt {receipt.ReceiptNumber}.");
            }
        }

        return (total, tax, lines, original, claimed);
    }

    /// <summary>Cash, or back to the card(s) the sale was paid with up to what each paid, the rest in cash.</summary>
    private static List<Tender> RefundTenders(string refundTo, long total, IReadOnlyList<Tender>? paid)
    {
        if (refundTo is not ("cash" or "original"))
        {
            throw AgentException.Invalid("refundTo is 'cash' or 'original'.");
        }

        var tenders = new List<Tender>();
        var left = total;
        if (refundTo == "original" && paid is not null)
        {
            foreach (var card in paid.Where(t => t.Type == TenderType.Card && t.CardToken.Length > 0))
            {
                var amount = Math.Min(left, card.Amount);
                if (amount > 0)
                {
                    tenders.Add(new Tender { Type = TenderType.Card, Amount = amount, CardToken = card.CardToken, CardBrand = card.CardBrand, CardLast4 = card.CardLast4 });
                    left -= amount;
                }
            }
        }

        if (left > 0)
        {
            tenders.Add(new Tender { Type = TenderType.Cash, Amount = left });
        }

        return tenders;
    }

    /// <summary>
    /// Online: the platform's record of the sale, made at any register of the store (by receipt code or number; a sale of
    /// this register's journal is asked for by its id, so its offline number works too). Link down: this register's journal.
    /// </summary>
    private async Task<Original> FindSaleAsync(string code)
    {
        code = code.Trim();
        if (code.Length is 0 or > 64)
        {
            throw AgentException.Invalid("Scan the receipt's code or type its number.");
        }

        var local = journal.Find(code)
            ?? journal.Recent(200).FirstOrDefault(e => e.ServerReceipt is { } json && CompleteSaleResponse.Parser.ParseJson(json).ReceiptNumber == code)
            ?? journal.Recent(200).FirstOrDefault(e => e.OfflineSeq is { } seq && $"{_options.StoreId}-{_options.RegisterId}-OFF{seq:D6}" == code);
        if (link.Online)
        {
            try
            {
                var found = await platform.Sync.FindSaleByReceiptAsync(new FindSaleByReceiptRequest { StoreId = _options.StoreId, Receipt = local?.SaleId ?? code }, platform.Call());
                link.Up();
                return found.Voided
                    ? throw AgentException.Conflict($"Sale {found.Receipt.ReceiptNumber} was voided; there is nothing to return.")
                    : new Original(found.Receipt.SaleId, found.RegisterId, found.Receipt, found.Tenders,
                        found.Returned.ToDictionary(l => l.LineNo, l => (l.Quantity, l.Net, l.Tax)));
            }
            catch (RpcException e) when (LinkState.IsLinkFailure(e))
            {
                link.Down($"{e.StatusCode}: {e.Status.Detail}");
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && local is { Status: JournalStatus.Pending or JournalStatus.InFlight })
            {
                throw AgentException.Conflict("This sale has not reached the platform yet; it can be returned once it has synced.");
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && local is null)
            {
                throw new AgentException(StatusCodes.Status404NotFound, $"No sale with receipt '{code}' in this store. Scan the receipt's code, or return it without receipt.");
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
            {
                throw new AgentException(StatusCodes.Status403Forbidden, $"{e.Status.Detail} Only this store's receipts can be returned here.");
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
            {
                throw AgentException.Invalid(e.Status.Detail);
            }
            catch (RpcException e) when (e.StatusCode != StatusCode.NotFound)
            {
                throw AgentException.Conflict(e.Status.Detail);
            }
            catch (RpcException)
            {
                // Not found, but synced from this register moments ago: its record is on its way; the journal has it.
            }
        }

        var entry = local ?? throw new AgentException(StatusCodes.Status404NotFound,
            $"No sale with receipt '{code}' on this register, and the platform (which finds the store's other registers' sales) cannot be reached right now.");
        var sale = SubmitOfflineSaleRequest.Parser.ParseJson(entry.OfflineRequest);
        var receipt = entry.Status switch
        {
            JournalStatus.Synced when entry.ServerReceipt is { } json => CompleteSaleResponse.Parser.ParseJson(json),
            // Rung up offline and still queued: it goes to the platform before any return made against it.
            JournalStatus.Pending => OfflineReceipt(sale, entry),
            JournalStatus.InFlight => throw AgentException.Conflict("This sale is still being completed; try the return again in a moment."),
            _ => throw AgentException.Conflict("This sale was not completed; there is nothing to return."),
        };
        return new Original(entry.SaleId, _options.RegisterId, receipt, sale.Tenders, db.Read(c => ReturnedAt(c, null, entry.SaleId)));
    }

    /// <summary>
    /// Per original line number: the units, net and tax already refunded by returns made at this register, online or offline
    /// (used while the link is down; inside the transaction that journals an offline return).
    /// </summary>
    private static Dictionary<int, (int Quantity, long Net, long Tax)> ReturnedAt(SqliteConnection c, SqliteTransaction? t, string saleId)
    {
        using var query = AgentDatabase.Command(c, "SELECT response FROM returns WHERE original_sale_id = @id", t, ("@id", saleId));
        using var reader = query.ExecuteReader();
        var sums = new Dictionary<int, (int Quantity, long Net, long Tax)>();
        while (reader.Read())
        {
            foreach (var l in ReturnItemsResponse.Parser.ParseJson(reader.GetString(0)).Lines)
            {
                var s = sums.GetValueOrDefault(l.LineNo);
                sums[l.LineNo] = (s.Quantity + l.Quantity, s.Net + l.Net, s.Tax + l.Tax);
            }
        }

        return sums;
    }

    /// <summary>A return already made here, as first answered; an offline one with its journal state as <c>mode</c> (pending, synced, rejected).</summary>
    private object? Stored(string returnId)
    {
        var offline = journal.FindReturn(returnId);
        return db.Read(c =>
        {
            using var query = AgentDatabase.Command(c, "SELECT response, original_sale_id, tenders, receipt_text FROM returns WHERE return_id = @id", null, ("@id", returnId));
            using var reader = query.ExecuteReader();
            return reader.Read()
                ? View(ReturnItemsResponse.Parser.ParseJson(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1),
                    JsonSerializer.Deserialize<List<RefundTender>>(reader.GetString(2), JsonSerializerOptions.Web) ?? [], reader.GetString(3), null, true,
                    offline?.Status ?? "online", offline?.Error)
                : null;
        });
    }

    private static object View(ReturnItemsResponse r, string? originalSaleId, IEnumerable<RefundTender> tenders, string text, string? printerError, bool replayed, string mode, string? error) => new
    {
        r.ReturnId, originalSaleId, r.ReceiptNumber, r.Currency, r.RefundTotal, r.TaxRefunded,
        lines = r.Lines.Select(l => new { l.LineNo, l.Sku, l.Name, l.Quantity, refund = l.Net }),
        tenders, receiptText = text, printerError, replayed, mode, error,
    };

    private static RefundTender TenderView(Tender t) => new(TypeName(t.Type), t.Amount, t.CardBrand is { Length: > 0 } b ? b : null, t.CardLast4 is { Length: > 0 } l ? l : null);

    private static string TypeName(TenderType type) => type switch
    {
        TenderType.Card => "card",
        TenderType.GiftCard => "giftcard",
        TenderType.LoyaltyPoints => "points",
        _ => "cash",
    };

    private static long Share(long lineAmount, int lineQty, int alreadyQty, int take, long alreadyAmount) =>
        alreadyQty + take == lineQty
            ? lineAmount - alreadyAmount
            : (long)Math.Round((decimal)lineAmount * take / lineQty, MidpointRounding.AwayFromZero);
}
