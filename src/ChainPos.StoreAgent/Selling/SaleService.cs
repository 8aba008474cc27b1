using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.StoreAgent.Api;
using ChainPos.StoreAgent.Devices;
using ChainPos.StoreAgent.Hardware.Payments;
using ChainPos.StoreAgent.Hosting;
using ChainPos.StoreAgent.Offline;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Selling;

/// <summary>What the register shows after a sale.</summary>
internal sealed record SaleResult(string SaleId, string Mode, string ReceiptNumber, long Total, long Change, string? ReceiptText, string? PrinterError);

/// <summary>
/// Completes sales at this register, one at a time. The sale is priced locally, card tenders go to the
/// terminal, and the sale is written to the journal (fsynced) before anything prints. Online, with
/// nothing queued, it then goes straight to CompleteSale; if the platform cannot be reached it is queued
/// and sold offline at the agent's prices. Queued sales are sent by <see cref="JournalSync"/>, in order.
/// </summary>
internal sealed partial class SaleService(
    LocalPricer pricer, SaleJournal journal, ShiftStore shifts, StaffStore staff, LinkState link, PlatformClient platform, ICardTerminal terminal,
    ReceiptPrinting printing, CatalogSync catalogSync, AllowanceService allowances, StockQuotaService quotas, IOptions<AgentOptions> options, TimeProvider time,
    ILogger<SaleService> logger, CustomerDisplayService display) : IDisposable
{
    private readonly SemaphoreSlim _register = new(1, 1);
    private readonly AgentOptions _options = options.Value;

    public async Task<SaleResult> CompleteAsync(SaleDto sale, Session session)
    {
        if (sale.SaleId is not { Length: > 0 and <= 64 } || !sale.SaleId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw AgentException.Invalid("sale_id is 1..64 letters, digits, '-' or '_' (the UI makes one per basket).");
        }

        await _register.WaitAsync();
        try
        {
            if (journal.Find(sale.SaleId) is { } done)
            {
                if (done.Status == JournalStatus.InFlight)
                {
                    // An earlier attempt failed after journaling the sale, before the platform's answer was recorded: it may have reached
                    // the platform, so it is queued like a sale whose online attempt did not get through (a committed id answers its receipt).
                    await journal.QueueAsync(done.SaleId);
                    done = journal.Find(sale.SaleId)!;
                }

                return done.Status == JournalStatus.Refused
                    ? throw AgentException.Conflict($"This sale was refused: {done.Error} Start the sale again.")
                    : Result(done);
            }

            var shift = shifts.Current ?? throw AgentException.Conflict("No shift is open on this register; sign in to open one.");
            var price = pricer.Price(sale.Basket);
            var tryOnline = link.Online && journal.Backlog().Count == 0;
            var approvedBy = Approve(sale, price, tryOnline);
            var (taken, spends, online) = await TakeTendersAsync(sale, price, tryOnline);
            // Online too: the platform consumes this register's quota for the sale as well. Offline it was checked before the tenders.
            var quotaUses = quotas.Take(QuotaLines(price), enforce: false);
            var settlement = Settle(price.Priced.Total, taken);
            var now = time.GetUtcNow();
            var offline = SaleRequests.Offline(_options.StoreId, _options.RegisterId, shift.ShiftId, shift.CashierId, sale, price, taken, now);
            // Who approved is journaled with the sale and goes to the platform's sale record when it syncs.
            offline.ApprovedBy = approvedBy ?? "";
            var onlineRequest = online ? SaleRequests.Online(_options.StoreId, _options.RegisterId, sale, price, taken, now) : null;

            // Durable before anything else happens: whatever follows, the sale is in the journal.
            var offlineSeq = await journal.AppendAsync(sale.SaleId, now, queue: !online, JsonFormatter.Default.Format(offline),
                onlineRequest is null ? null : JsonFormatter.Default.Format(onlineRequest), price.Priced.Total, settlement.Change, spends, quotaUses);
            CompleteSaleResponse? completed = null;
            if (onlineRequest is not null)
            {
                (completed, offlineSeq) = await CompleteOnlineAsync(onlineRequest);
                if (completed is not null)
                {
                    allowances.AfterOnlineSale(taken, sale.Basket.CustomerId);
                }
            }

            var storeName = price.Store.Name;
            var document = completed is not null
                ? printing.Online(completed, storeName, session.Name, taken)
                : printing.Offline(offline, OfflineNumber(offlineSeq!.Value), now, storeName, session.Name, taken, settlement.Change);
            // Queued for the display, which never holds up the sale: the customer sees the change while the receipt prints.
            display.SaleCompleted(document.Total, document.Change, taken.Any(t => t.Type == "cash"), price.Store.Currency);
            var (text, printerError) = await printing.PrintAsync(document);
            await journal.SetReceiptTextAsync(sale.SaleId, text);
            return new SaleResult(sale.SaleId, completed is null ? "offline" : "online", document.ReceiptNumber, document.Total, document.Change, text, printerError);
        }
        finally
        {
            _register.Release();
        }
    }

    /// <summary>The platform's receipt, or (link down) null and the offline sequence the sale was queued with.</summary>
    private async Task<(CompleteSaleResponse?, long?)> CompleteOnlineAsync(CompleteSaleRequest request)
    {
        try
        {
            var receipt = await platform.Checkout.CompleteSaleAsync(request, platform.Call());
            link.Up();
            await journal.MarkSyncedAsync(request.SaleId, JsonFormatter.Default.Format(receipt), false, time.GetUtcNow());
            return (receipt, null);
        }
        catch (RpcException e) when (LinkState.IsLinkFailure(e))
        {
            // It may or may not have reached the platform: queue it; the platform answers a committed id with its first receipt.
            link.Down($"{e.StatusCode}: {e.Status.Detail}");
            LogQueued(request.SaleId, e.StatusCode);
            return (null, await journal.QueueAsync(request.SaleId));
        }
        catch (RpcException e)
        {
            await journal.MarkRefusedAsync(request.SaleId, e.Status.Detail);
            if (e.StatusCode == StatusCode.FailedPrecondition)
            {
                // Most often the catalogue copy is behind the platform's prices: refresh it for the next try.
                _ = catalogSync.SyncOnceAsync();
            }

            throw new AgentException(e.StatusCode == StatusCode.PermissionDenied ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict,
                $"The platform refused the sale (nothing was charged): {e.Status.Detail}");
        }
    }

    /// <summary>
    /// Takes the tenders (cards through the terminal). Offline, gift cards and points are bound to this register's allowances
    /// and refused beyond them (before any card is charged); online, this register's allowances on them are given back first.
    /// </summary>
    private async Task<(List<TakenTender> Taken, List<(string LeaseId, long Amount)>? Spends, bool Online)> TakeTendersAsync(SaleDto sale, LocalPrice price, bool online)
    {
        if (sale.Tenders is not { Count: > 0 and <= 10 })
        {
            throw AgentException.Invalid("A sale needs 1..10 tenders.");
        }

        if (sale.Tenders.Any(t => t.Type is not ("cash" or "card" or "giftcard" or "points") || t.Amount <= 0))
        {
            throw AgentException.Invalid("Each tender is cash, card, giftcard or points with an amount above 0.");
        }

        Settle(price.Priced.Total, [.. sale.Tenders.Select(t => new TakenTender(t.Type, t.Amount))]);
        if (sale.Tenders.Any(t => t.Type == "giftcard" && !GiftCardCodes.IsValid(t.GiftCardCode)))
        {
            throw AgentException.Invalid("A gift card code is 16-19 digits.");
        }

        if (sale.Tenders.Any(t => t.Type == "points") && sale.Basket.CustomerId is null)
        {
            throw AgentException.Invalid("Paying with points needs the loyalty customer on the sale.");
        }

        List<TakenTender> Requested() => [.. sale.Tenders.Select(t => new TakenTender(t.Type, t.Amount, GiftCardCode: t.GiftCardCode))];
        if (online && sale.Tenders.Any(t => t.Type is "giftcard" or "points"))
        {
            // Giving the allowance back is the first call of this sale: if the link turns out to be down, sell offline from it.
            online = await allowances.BeforeOnlineSaleAsync(Requested(), sale.Basket.CustomerId);
            if (!online)
            {
                // The sale turned offline: its approval must now hold against the cached verifiers too.
                Approve(sale, price, online: false);
            }
        }

        if (!online)
        {
            // Refused beyond the stock quota or the allowance before the terminal charges any card.
            quotas.Take(QuotaLines(price), enforce: true);
            allowances.TakeOffline(Requested(), sale.Basket.CustomerId, price.Store);
        }

        var taken = new List<TakenTender>(sale.Tenders.Count);
        for (var i = 0; i < sale.Tenders.Count; i++)
        {
            var t = sale.Tenders[i];
            taken.Add(t.Type switch
            {
                "card" => await AuthorizeAsync(t.Amount, price.Store.Currency, PaymentReference.For(sale.SaleId, i + 1)),
                _ => new TakenTender(t.Type, t.Amount, GiftCardCode: t.GiftCardCode),
            });
        }

        if (online)
        {
            return (taken, null, true);
        }

        var (bound, spends) = allowances.TakeOffline(taken, sale.Basket.CustomerId, price.Store);
        return (bound, spends, false);
    }

    /// <summary>
    /// Discounts above the cashier's limit need a supervisor. Offline the supervisor's PIN is checked against the cached
    /// verifier; online the platform checks it again with the sale. Returns the approver, or null when none was needed.
    /// </summary>
    private string? Approve(SaleDto sale, LocalPrice price, bool online)
    {
        if (!LocalPricer.NeedsSupervisor(sale.Basket, price))
        {
            return null;
        }

        if (string.IsNullOrEmpty(sale.SupervisorId) || string.IsNullOrEmpty(sale.SupervisorPin))
        {
            throw new AgentException(StatusCodes.Status403Forbidden, "Discounts above the cashier's limit need a supervisor's approval: supervisor id and PIN.");
        }

        // Checked here online too (when the verifiers are cached): a sale whose online attempt fails is queued with this approval.
        if ((!online || staff.Count > 0) && staff.Verify(sale.SupervisorId, sale.SupervisorPin, EmployeeRole.Supervisor) is null)
        {
            throw new AgentException(StatusCodes.Status403Forbidden,
                "Supervisor approval refused: wrong supervisor id or PIN, or not a supervisor (checked on this register while the platform is unreachable).");
        }

        return sale.SupervisorId;
    }

    private async Task<TakenTender> AuthorizeAsync(long amount, string currency, string reference) =>
        await terminal.AuthorizeAsync(amount, currency, reference) switch
        {
            CardApproved a => new TakenTender("card", amount, a.Token.Value, a.Brand.Name, a.Last4.Digits, OfflineApproval: a.Offline),
            CardDeclined d => throw AgentException.Conflict($"Card declined: {d.Reason}"),
            _ => throw AgentException.Conflict("The card terminal did not answer; try the card again or take another tender."),
        };

    private static TenderSettlement Settle(long total, List<TakenTender> tenders)
    {
        try
        {
            return TenderRules.Settle(total, [.. tenders.Select(SaleRequests.ToDomain)]);
        }
        catch (DomainException e)
        {
            throw AgentException.Invalid(e.Message);
        }
    }

    // Stock units: grams for a weighed line, as its stock (and so its quota) is counted in grams.
    private static IEnumerable<(string Sku, long Quantity)> QuotaLines(LocalPrice price) => price.Priced.Lines.Select(l => (l.Sku, (long)(l.WeightGrams ?? l.Quantity)));

    private string OfflineNumber(long offlineSeq) => $"{_options.StoreId}-{_options.RegisterId}-OFF{offlineSeq:D6}";

    /// <summary>The result of a sale already in the journal (a retry of the same sale id, or a look-up).</summary>
    public SaleResult Result(JournalEntry entry)
    {
        var server = entry.ServerReceipt is { } json ? CompleteSaleResponse.Parser.ParseJson(json) : null;
        var number = server?.ReceiptNumber ?? (entry.OfflineSeq is { } seq ? OfflineNumber(seq) : "");
        return new SaleResult(entry.SaleId, entry.Status, number, entry.Total, entry.Change, entry.ReceiptText, null);
    }

    /// <summary>
    /// Prints a sale of the journal again on the register's printer: a reprint (REPRINT, the same receipt number and
    /// receipt code) or a gift receipt (items and quantities, no prices). No drawer kick.
    /// </summary>
    public async Task<object> ReprintAsync(string saleId, bool gift)
    {
        var entry = journal.Find(saleId) ?? throw new AgentException(StatusCodes.Status404NotFound, $"No sale '{saleId}' on this register.");
        if (entry.Status == JournalStatus.Refused)
        {
            throw AgentException.Conflict("This sale was refused and never completed; there is no receipt to print.");
        }

        var sale = SubmitOfflineSaleRequest.Parser.ParseJson(entry.OfflineRequest);
        var server = entry.ServerReceipt is { } json ? CompleteSaleResponse.Parser.ParseJson(json) : null;
        var store = pricer.Store;
        var cashier = store?.Employees.FirstOrDefault(e => e.EmployeeId == sale.CashierId)?.Name is { Length: > 0 } name ? name : sale.CashierId;
        var document = printing.Copy(sale, server, Result(entry).ReceiptNumber, entry.CreatedAt, entry.Change, store?.Name ?? _options.StoreId, cashier, gift);
        var (text, printerError) = await printing.PrintAsync(document);
        return new { saleId, document.ReceiptNumber, kind = gift ? "gift" : "reprint", receiptText = text, printerError };
    }

    public void Dispose() => _register.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sale {SaleId} could not reach the platform ({Code}); queued and sold offline")]
    private partial void LogQueued(string saleId, StatusCode code);
}
