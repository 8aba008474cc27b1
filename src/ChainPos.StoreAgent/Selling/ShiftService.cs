using System.Security.Cryptography;
using ChainPos.Api.V1;
using ChainPos.StoreAgent.Api;
using ChainPos.StoreAgent.Hosting;
using ChainPos.StoreAgent.Offline;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Selling;

/// <summary>
/// PIN sign-in and shifts. Opening a shift goes to the platform (it checks the PIN); while the link is down the
/// shift opens here against the cashier's cached PIN verifier and is journaled in the offline order, so the
/// platform applies it once, before the sales rung up in it. Closing needs the platform (it keeps the Z-report);
/// signing in again to the open shift works offline against the PIN hash cached at opening.
/// </summary>
internal sealed class ShiftService(
    ShiftStore shifts, StaffStore staff, CatalogCache catalog, SaleJournal journal, JournalSync sync, LinkState link, PlatformClient platform,
    Sessions sessions, IOptions<AgentOptions> options, TimeProvider time)
{
    private readonly AgentOptions _options = options.Value;

    public async Task<(Session Session, LocalShift Shift)> SignInAsync(SignInDto dto)
    {
        if (string.IsNullOrWhiteSpace(dto.EmployeeId) || string.IsNullOrWhiteSpace(dto.Pin))
        {
            throw AgentException.Invalid("Enter your employee number and PIN.");
        }

        if (shifts.Current is { } open)
        {
            if (open.CashierId != dto.EmployeeId)
            {
                throw AgentException.Conflict($"The shift is open for {open.CashierName}; they sign in, or close the shift first.");
            }

            return shifts.CheckPin(dto.EmployeeId, dto.Pin)
                ? (sessions.Create(open.CashierId, open.CashierName), open)
                : throw new AgentException(StatusCodes.Status401Unauthorized, "Wrong PIN.");
        }

        if (dto.OpeningFloat is not { } openingFloat || openingFloat < 0)
        {
            throw AgentException.Invalid("No shift is open: count the opening float (0 or more) to open one.");
        }

        if (openingFloat > 100_000_000)
        {
            throw AgentException.Invalid("The opening float is at most 1,000,000.00.");
        }

        var shiftId = $"{_options.RegisterId}-{time.GetUtcNow():yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        if (!link.Online || journal.Backlog().Count > 0)
        {
            // Down, or entries still queued: the shift must take its place in the offline order behind them.
            return await OpenOfflineAsync(dto, shiftId, openingFloat);
        }

        try
        {
            var opened = await platform.Checkout.OpenShiftAsync(new OpenShiftRequest
            {
                StoreId = _options.StoreId, RegisterId = _options.RegisterId, ShiftId = shiftId,
                CashierId = dto.EmployeeId, CashierPin = dto.Pin, OpeningFloat = openingFloat,
            }, platform.Call());
            link.Up();
            var name = catalog.Store?.Employees.FirstOrDefault(e => e.EmployeeId == dto.EmployeeId)?.Name ?? dto.EmployeeId;
            var shift = new LocalShift(opened.ShiftId, dto.EmployeeId, name, opened.OpenedAt.ToDateTimeOffset(), openingFloat);
            await shifts.SetAsync(shift);
            await shifts.RememberPinAsync(dto.EmployeeId, dto.Pin);
            return (sessions.Create(dto.EmployeeId, name), shift);
        }
        catch (RpcException e) when (LinkState.IsLinkFailure(e))
        {
            // It may have reached the platform: the same shift id is journaled, and the platform applies it once.
            link.Down($"{e.StatusCode}: {e.Status.Detail}");
            return await OpenOfflineAsync(dto, shiftId, openingFloat);
        }
        catch (RpcException e)
        {
            throw new AgentException(e.StatusCode is StatusCode.PermissionDenied or StatusCode.Unauthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status409Conflict,
                e.Status.Detail);
        }
    }

    /// <summary>Opens the shift here against the cached PIN verifier; the shift and its journal entry are written in one transaction.</summary>
    private async Task<(Session Session, LocalShift Shift)> OpenOfflineAsync(SignInDto dto, string shiftId, long openingFloat)
    {
        if (staff.Count == 0)
        {
            throw AgentException.Unavailable("The platform cannot be reached and this register has no staff list yet to check the PIN; connect it once.");
        }

        var cashier = staff.Verify(dto.EmployeeId, dto.Pin, EmployeeRole.Cashier)
            ?? throw new AgentException(StatusCodes.Status401Unauthorized, "Wrong employee number or PIN.");
        var now = time.GetUtcNow();
        var shift = new LocalShift(shiftId, cashier.EmployeeId, cashier.Name, now, openingFloat);
        var request = new SubmitOfflineShiftOpenRequest
        {
            StoreId = _options.StoreId, RegisterId = _options.RegisterId, ShiftId = shiftId, CashierId = cashier.EmployeeId,
            OpeningFloat = openingFloat, OpenedAt = Timestamp.FromDateTimeOffset(now),
        };
        await journal.AppendShiftOpenAsync(shiftId, now, JsonFormatter.Default.Format(request), (c, t) => ShiftStore.Write(c, t, shift));
        await shifts.RememberPinAsync(cashier.EmployeeId, dto.Pin);
        return (sessions.Create(cashier.EmployeeId, cashier.Name), shift);
    }

    /// <summary>Sends what is queued, then closes the shift at the platform with the counted cash; returns the Z-report and what is still queued.</summary>
    public async Task<(ShiftReport Z, long Queued)> CloseAsync(long countedCash)
    {
        var shift = shifts.Current ?? throw AgentException.Conflict("No shift is open.");
        if (countedCash is < 0 or > 1_000_000_000)
        {
            throw AgentException.Invalid("Count the cash in the drawer: 0 or more.");
        }

        await sync.SyncOnceAsync();
        try
        {
            var z = await platform.Checkout.CloseShiftAsync(new CloseShiftRequest
            {
                StoreId = _options.StoreId, RegisterId = _options.RegisterId, ShiftId = shift.ShiftId, CountedCash = countedCash,
            }, platform.Call());
            link.Up();
            await shifts.SetAsync(null);
            sessions.Clear();
            return (z, journal.Backlog().Count);
        }
        catch (RpcException e) when (LinkState.IsLinkFailure(e))
        {
            link.Down($"{e.StatusCode}: {e.Status.Detail}");
            throw AgentException.Unavailable("Closing a shift needs the platform, which cannot be reached right now; keep selling and close when the link is back.");
        }
        catch (RpcException e)
        {
            throw AgentException.Conflict(e.Status.Detail);
        }
    }
}
