using System.Text.Json;
using System.Text.RegularExpressions;
using ChainPos.Api.V1;
using ChainPos.StoreAgent.Api;
using ChainPos.StoreAgent.Devices;
using ChainPos.StoreAgent.Hosting;
using ChainPos.StoreAgent.Offline;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Selling;

/// <summary>Opens the drawer without a sale. <see cref="NoSaleId"/> is made by the UI once per opening, so a retry is the same one.</summary>
internal sealed record NoSaleDto(string? NoSaleId, string? Reason, string? SupervisorId = null, string? SupervisorPin = null);

/// <summary>Who opened the drawer, who approved it and why; kept with the journal entry (the platform keeps the count per shift).</summary>
internal sealed record NoSaleNote(string CashierId, string CashierName, string? ApprovedBy, string Reason);

/// <summary>
/// No-sale drawer openings: validated (an open shift, a reason), approved by a supervisor when
/// <see cref="AgentOptions.NoSaleNeedsSupervisor"/>, journaled (durably) before the drawer opens, then recorded with the platform
/// (<c>RecordCashMovement</c>, type no-sale, by its id) or, offline or behind a backlog, queued in the offline order and sent
/// with <c>SubmitOfflineNoSale</c>. A retry of the same id opens nothing and records nothing again.
/// </summary>
internal sealed partial class NoSaleService(
    SaleJournal journal, ShiftStore shifts, StaffStore staff, LinkState link, PlatformClient platform, ReceiptPrinting printing,
    IOptions<AgentOptions> options, TimeProvider time, CustomerDisplayService display)
{
    /// <summary>The reasons the UI offers; any other text of 3–100 characters is accepted too.</summary>
    public static readonly IReadOnlyList<string> Reasons = ["Give change", "Check a banknote", "Correct a tender", "Float check"];

    private readonly AgentOptions _options = options.Value;

    public bool NeedsSupervisor => _options.NoSaleNeedsSupervisor;

    public async Task<object> OpenDrawerAsync(NoSaleDto dto, Session session)
    {
        var id = dto.NoSaleId?.Trim() ?? "";
        if (!IdPattern().IsMatch(id))
        {
            throw AgentException.Invalid("noSaleId is required: 1–64 letters, digits, '-' or '_', made once per drawer opening.");
        }

        if (journal.FindNoSale(id) is { } seen)
        {
            return Replay(seen);
        }

        var reason = dto.Reason?.Trim() ?? "";
        if (reason.Length is < 3 or > 100 || reason.Any(char.IsControl))
        {
            throw AgentException.Invalid("Give a reason for opening the drawer: pick one or type it (3–100 characters).");
        }

        var shift = shifts.Current ?? throw AgentException.Conflict("No shift is open: sign in with an opening float first.");
        var approvedBy = Approve(dto);
        var now = time.GetUtcNow();
        var request = new SubmitOfflineNoSaleRequest
        {
            StoreId = _options.StoreId, RegisterId = _options.RegisterId, OperationId = id, ShiftId = shift.ShiftId, Reason = reason,
            OccurredAt = Timestamp.FromDateTimeOffset(now),
        };
        var note = JsonSerializer.Serialize(new NoSaleNote(session.EmployeeId, session.Name, approvedBy, reason));
        var online = link.Online && journal.Backlog().Count == 0;
        if (!await journal.TryAppendNoSaleAsync(id, now, queue: !online, JsonFormatter.Default.Format(request), note))
        {
            return Replay(journal.FindNoSale(id)!);
        }

        var mode = online ? await RecordOnlineAsync(id, reason) : "offline";
        display.NoSale(); // the customer sees why the drawer opens (queued: the display never holds up the drawer)
        var printerError = await printing.OpenDrawerAsync();
        return new { noSaleId = id, mode, reason, shiftId = shift.ShiftId, cashierId = session.EmployeeId, approvedBy, openedAt = now, drawerOpened = printerError is null, printerError, replayed = false };
    }

    /// <summary>This register's no-sales, newest first (journal state as <c>mode</c>).</summary>
    public IEnumerable<object> Recent(int limit) => journal.RecentNoSales(limit).Select(View);

    /// <summary>"online" when the platform counted it; "offline" when the link failed (queued, the platform dedupes by id). Refused: 409, nothing opened.</summary>
    private async Task<string> RecordOnlineAsync(string id, string reason)
    {
        var key = SaleJournal.NoSaleKey(id);
        try
        {
            var answer = await platform.Checkout.RecordCashMovementAsync(new RecordCashMovementRequest
            {
                StoreId = _options.StoreId, RegisterId = _options.RegisterId, OperationId = id, Type = CashMovementType.NoSale, Reason = reason,
            }, platform.Call());
            link.Up();
            await journal.MarkSyncedAsync(key, JsonFormatter.Default.Format(answer), false, time.GetUtcNow());
            return "online";
        }
        catch (RpcException e) when (LinkState.IsLinkFailure(e))
        {
            // It may have reached the platform: the same id is queued, and the platform counts it once.
            link.Down($"{e.StatusCode}: {e.Status.Detail}");
            await journal.QueueAsync(key);
            return "offline";
        }
        catch (RpcException e)
        {
            await journal.MarkRefusedAsync(key, $"{e.StatusCode}: {e.Status.Detail}");
            throw AgentException.Conflict($"The platform refused the no-sale, the drawer stays closed: {e.Status.Detail}");
        }
    }

    private string? Approve(NoSaleDto dto)
    {
        if (!_options.NoSaleNeedsSupervisor)
        {
            return null;
        }

        if (string.IsNullOrEmpty(dto.SupervisorId) || string.IsNullOrEmpty(dto.SupervisorPin))
        {
            throw new AgentException(StatusCodes.Status403Forbidden, "Opening the drawer without a sale needs a supervisor's approval: supervisor id and PIN.");
        }

        return staff.Verify(dto.SupervisorId, dto.SupervisorPin, EmployeeRole.Supervisor) is { } supervisor
            ? supervisor.EmployeeId
            : throw new AgentException(StatusCodes.Status403Forbidden, "Supervisor approval refused: wrong supervisor id or PIN, or not a supervisor.");
    }

    private static object Replay(JournalEntry entry) => entry.Status == JournalStatus.Refused
        ? throw AgentException.Conflict($"This no-sale was refused by the platform and the drawer stayed closed: {entry.Error}")
        : View(entry, replayed: true);

    private static object View(JournalEntry entry) => View(entry, replayed: false);

    private static object View(JournalEntry entry, bool replayed)
    {
        var note = entry.ReceiptText is { } text ? JsonSerializer.Deserialize<NoSaleNote>(text) : null;
        return new
        {
            noSaleId = entry.SaleId["nosale:".Length..], mode = entry.Status, reason = note?.Reason, cashierId = note?.CashierId, approvedBy = note?.ApprovedBy,
            openedAt = entry.CreatedAt, drawerOpened = false, printerError = (string?)null, replayed, error = entry.Error,
        };
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
