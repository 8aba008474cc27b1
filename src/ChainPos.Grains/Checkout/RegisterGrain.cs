using System.Diagnostics.CodeAnalysis;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Stores;
using ChainPos.Grains.Catalog;
using ChainPos.Grains.Hosting;
using ChainPos.Grains.Persistence;
using ChainPos.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChainPos.Grains.Checkout;

/// <summary>
/// A till. Split over several files: shifts and plumbing here, sales in <c>RegisterGrain.Sales.cs</c>,
/// returns and voids in <c>RegisterGrain.Returns.cs</c>, effect delivery in <c>RegisterGrain.Outbox.cs</c>.
/// </summary>
internal sealed partial class RegisterGrain(
    [PersistentState("register", StorageNames.Grains)] IPersistentState<RegisterState> state,
    IOptions<CheckoutOptions> options,
    TimeProvider time,
    ChainPosMetrics metrics,
    ProductCache productCache,
    SaleRecordWriter saleRecords,
    ILogger<RegisterGrain> logger) : Grain, IRegisterGrain, IRemindable
{
    private const string OutboxReminder = "outbox";
    private readonly CheckoutOptions _options = options.Value;
    private string _storeId = "";
    private string _registerId = "";
    private CoalescingStateWriter? _writer;
    private PricingTables? _pricing;
    private EffectQueue _outbox = null!; // set on activation
    private StoreSettings? _settings;
    private DateTimeOffset _settingsReadAt;
    private long _announcedSettingsVersion;

    private RegisterState S => state.State;

    private string Source => $"{_storeId}/{_registerId}";

    private DateTimeOffset Now => time.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        _storeId = key["reg:".Length..slash];
        _registerId = key[(slash + 1)..];
        // Effect delivery (a timer turn) interleaves with calls; its occasional writes and the calls' commit writes
        // go through one writer so they never overlap.
        _writer = new CoalescingStateWriter(() => state.WriteStateAsync(), e =>
        {
            logger.RegisterWriteFailed(e, Source);
            DeactivateOnIdle();
        });
        _outbox = EffectQueue.Load(S);
        S.MoveOtherRecent();
        _durableEffectSequence = S.LastEffectSequence;
        if (_outbox.Count > 0)
        {
            // Effects committed before a crash or deactivation: deliver them now.
            ScheduleOutboxRetry(TimeSpan.Zero);
        }

        ReportBacklog();
        return Task.CompletedTask;
    }

    public async Task<ShiftOpened> OpenShiftAsync(OpenShiftCommand command)
    {
        Ids.Require(command.ShiftId, "shift_id");
        if (S.Shift is { } open)
        {
            return open.ShiftId == command.ShiftId
                ? new ShiftOpened(open.ShiftId, open.OpenedAt, S.LastReceiptSequence + 1)
                : throw PosException.Precondition($"Shift '{open.ShiftId}' is still open on register {_registerId}; close it before opening another.");
        }

        if (S.LastZReport?.ShiftId == command.ShiftId)
        {
            throw PosException.Precondition($"Shift '{command.ShiftId}' was already closed; open a new shift with a new id.");
        }

        Ids.Require(command.CashierId, "cashier_id");
        if (command.OpeningFloat is < 0 or > 100_000_000)
        {
            throw PosException.Invalid($"opening_float must be 0..100000000 minor units (got {command.OpeningFloat}).");
        }

        var settings = await RequireSettingsAsync();
        await Store.VerifyEmployeeAsync(command.CashierId, command.CashierPin, EmployeeRole.Cashier);
        S.Shift = new ShiftData
        {
            ShiftId = command.ShiftId,
            CashierId = command.CashierId,
            Currency = settings.Currency,
            OpenedAt = Now,
            OpeningFloat = command.OpeningFloat,
        };
        await WriteOrResetAsync();
        await ArmReminderAsync();
        return new ShiftOpened(S.Shift.ShiftId, S.Shift.OpenedAt, S.LastReceiptSequence + 1);
    }

    public async Task<ShiftReportView> CloseShiftAsync(string shiftId, long countedCash)
    {
        Ids.Require(shiftId, "shift_id");
        if (S.Shift is null)
        {
            return S.LastZReport?.ShiftId == shiftId
                ? S.LastZReport
                : throw PosException.Precondition($"No shift is open on register {_registerId}.");
        }

        if (S.Shift.ShiftId != shiftId)
        {
            throw PosException.Precondition($"Shift '{shiftId}' is not the open shift ('{S.Shift.ShiftId}').");
        }

        if (countedCash is < 0 or > 1_000_000_000)
        {
            throw PosException.Invalid($"counted_cash must be 0..1000000000 minor units (got {countedCash}).");
        }

        var report = ShiftReports.Build(_storeId, _registerId, S.Shift, Now, countedCash);
        S.LastZReport = report;
        S.Shift = null;
        await WriteOrResetAsync();
        return report;
    }

    public Task<ShiftReportView> GetShiftReportAsync() => S.Shift is { } shift
        ? Task.FromResult(ShiftReports.Build(_storeId, _registerId, shift, null, 0))
        : S.LastZReport is { } z ? Task.FromResult(z) : throw PosException.Precondition($"Register {_registerId} has had no shift yet.");

    public async Task<long> RecordCashMovementAsync(CashMovementCommand command)
    {
        Ids.Require(command.OperationId, "operation_id");
        if (TryGetRecent(command.OperationId, out var seen) && seen.Kind == RecentKind.CashMovement)
        {
            return seen.ExpectedCash;
        }

        var shift = RequireOpenShift();
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw PosException.Invalid("A reason is required for every drawer opening outside a sale.");
        }

        switch (command.Type)
        {
            case CashMovementType.NoSale when command.Amount != 0:
                throw PosException.Invalid("A no-sale opening moves no money; amount must be 0.");
            case CashMovementType.PaidIn or CashMovementType.PaidOut when command.Amount is <= 0 or > 100_000_000:
                throw PosException.Invalid($"Paid in/out amount must be 1..100000000 minor units (got {command.Amount}).");
            case CashMovementType.PaidOut when command.Amount > shift.ExpectedCash:
                throw PosException.Precondition($"The drawer should hold {Currencies.Format(shift.ExpectedCash, shift.Currency)}; cannot pay out {Currencies.Format(command.Amount, shift.Currency)}.");
            case CashMovementType.PaidIn:
                shift.PaidIn += command.Amount;
                break;
            case CashMovementType.PaidOut:
                shift.PaidOut += command.Amount;
                break;
            case CashMovementType.NoSale:
                shift.NoSaleCount++;
                break;
            default:
                throw PosException.Invalid("Cash movement type must be paid in, paid out or no sale.");
        }

        Remember(command.OperationId, new RecentEntry { Kind = RecentKind.CashMovement, OccurredAt = Now, ExpectedCash = shift.ExpectedCash });
        await WriteOrResetAsync();
        return shift.ExpectedCash;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_outbox.Count > 0)
        {
            await FlushOutboxAsync();
        }
        else if (S.Shift is null && S.ReminderArmed)
        {
            // Idle register with nothing to deliver: stop waking it.
            var reminder = await this.GetReminder(OutboxReminder);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }

            S.ReminderArmed = false;
            await WriteOrResetAsync();
        }
    }

    private IStoreGrain Store => GrainFactory.Grain<IStoreGrain>(GrainKeys.Store(_storeId));

    public Task StoreSettingsChangedAsync(long version)
    {
        _announcedSettingsVersion = Math.Max(_announcedSettingsVersion, version);
        if (_settings is { } cached && cached.Version < version)
        {
            _settings = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The store's settings: this register's copy (the store grain drops it on every change, see
    /// <see cref="StoreSettingsChangedAsync"/>), read again after <see cref="CheckoutOptions.StoreSettingsRefresh"/>.
    /// Every sale needs them; reading them from the store grain each time was one of a sale's fifteen grain calls.
    /// </summary>
    private async Task<StoreSettings> RequireSettingsAsync()
    {
        if (_settings is not { } settings || Now - _settingsReadAt >= _options.StoreSettingsRefresh)
        {
            var readAt = Now;
            settings = await Store.GetAsync() ?? throw PosException.NotFound($"Store '{_storeId}' does not exist.");
            // A change announced while the read was in flight may be newer than what it returned: then this copy
            // serves this transaction only.
            (_settings, _settingsReadAt) = settings.Version >= _announcedSettingsVersion ? (settings, readAt) : (null, default);
        }

        if (!settings.RegisterIds.Contains(_registerId))
        {
            throw PosException.NotFound($"Register '{_registerId}' is not a register of store '{_storeId}'.");
        }

        return settings;
    }

    private ShiftData RequireOpenShift() =>
        S.Shift ?? throw PosException.Precondition($"No shift is open on register {_registerId}; open a shift first.");

    private async Task ArmReminderAsync()
    {
        if (!S.ReminderArmed)
        {
            await this.RegisterOrUpdateReminder(OutboxReminder, _options.OutboxReminderPeriod, _options.OutboxReminderPeriod);
            S.ReminderArmed = true;
            await WriteOrResetAsync();
        }
    }

    private void Remember(string id, RecentEntry entry)
    {
        if (entry.Kind == RecentKind.Sale)
        {
            S.Recent[id] = entry;
        }
        else
        {
            S.RecentOther[id] = entry;
        }
    }

    private bool TryGetRecent(string id, [MaybeNullWhen(false)] out RecentEntry entry) =>
        S.Recent.TryGetValue(id, out entry) || S.RecentOther.TryGetValue(id, out entry);

    /// <summary>
    /// Writes the state (shared with a write already waiting, if any) and only then counts what it carried as durable:
    /// the outbox delivers only effects up to <see cref="_durableEffectSequence"/>, and removals of delivered effects
    /// up to <see cref="_persistedRemovals"/> are on disk. If the write fails the in-memory state may be ahead of
    /// storage: the writer drops the activation, so the next call starts again from what is durable (the caller
    /// retries with the same id), and refuses every later write of this activation.
    /// </summary>
    private async Task WriteOrResetAsync()
    {
        var effects = S.LastEffectSequence;
        var removals = _removals;
        await Writer.WriteAsync();
        _durableEffectSequence = Math.Max(_durableEffectSequence, effects);
        _persistedRemovals = Math.Max(_persistedRemovals, removals);
    }

    private CoalescingStateWriter Writer => _writer ?? throw new InvalidOperationException("The register is not activated.");
}
