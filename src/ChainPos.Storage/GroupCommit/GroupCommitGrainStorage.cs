using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace ChainPos.Storage.GroupCommit;

/// <summary>
/// Grain storage whose writes share transactions: <see cref="WriteStateAsync{T}(string, GrainId, IGrainState{T}, CancellationToken)"/>
/// queues the write and returns only after the batch holding it has committed (group commit, see
/// <see cref="GroupCommitQueue"/>). Same contract as the ADO.NET provider the grains otherwise use:
/// <list type="bullet">
/// <item>The ETag is the row version as text (<c>"1"</c> after the first write). A write with a stale ETag, or a
/// first write (no ETag) when another activation inserted the row first, throws
/// <see cref="InconsistentStateException"/> for that caller only; the rest of its batch commits.</item>
/// <item>State is stored as the JSON of Orleans' configured <see cref="IGrainStorageSerializer"/> (System.Text.Json
/// with <see cref="GrainStateJson"/>: no CLR type names).</item>
/// <item>Clear keeps the row with a NULL payload and bumps its version (no <c>DeleteStateOnClear</c>): ETags stay
/// monotonic, so a stale activation still conflicts after a clear. A cleared row reads as
/// <c>RecordExists = false</c> with its version as the ETag.</item>
/// <item>Reads share statements when the database is busy (<see cref="GroupReadQueue"/>, PostgreSQL). A write's
/// cancellation token counts only until it is queued.</item>
/// <item>State implementing <see cref="ILedgerState"/> keeps its <see cref="LedgerMap{TValue}"/> as entry rows of their
/// own: a write carries only the entries changed since the last acknowledged write, in the same transaction and under
/// the same version check as the row; a read loads the row and its entries in one statement.</item>
/// </list>
/// </summary>
internal sealed partial class GroupCommitGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly string _name;
    private const int MaxReadsPerBatch = 256;

    private readonly IGroupCommitStore _store;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly ILogger _logger;
    private int _stopped;

    public GroupCommitGrainStorage(
        string name, IGroupCommitStore store, GroupCommitLimits limits, IGrainStorageSerializer serializer,
        IActivatorProvider activators, ILogger<GroupCommitGrainStorage> logger)
    {
        _name = name;
        _store = store;
        _serializer = serializer;
        _activators = activators;
        _logger = logger;
        Queue = new GroupCommitQueue(store, limits, logger);
        Reads = store.MaxConcurrentReadBatches > 0 ? new GroupReadQueue(store, MaxReadsPerBatch, store.MaxConcurrentReadBatches, logger) : null;
    }

    /// <summary>The shared reader, when the store batches reads (PostgreSQL); null when each read runs on its own.</summary>
    internal GroupReadQueue? Reads { get; }

    /// <summary>The writer (counters and test hooks).</summary>
    internal GroupCommitQueue Queue { get; }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = new GrainStateKey(stateName, grainId.ToString());
        var stored = await (Reads is { } reads
            ? reads.ReadAsync(key, LedgerStates<T>.Has, cancellationToken)
            : _store.ReadAsync(key, LedgerStates<T>.Has, cancellationToken));
        grainState.State = stored?.Payload is { } payload ? _serializer.Deserialize<T>(new BinaryData(payload)) : Create<T>();
        LoadLedgers(LedgersOf(grainState.State), stored?.Payload is null ? [] : stored.Entries);

        grainState.ETag = stored?.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = stored?.Payload is not null;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        cancellationToken.ThrowIfCancellationRequested();
        var key = new GrainStateKey(stateName, grainId.ToString());
        // Both taken in the caller's turn, before the first await: calls interleaving meanwhile belong to the next write.
        var ledgers = LedgersOf(grainState.State);
        var changes = new LedgerChanges[ledgers.Length];
        for (var i = 0; i < ledgers.Length; i++)
        {
            ledgers[i].Map.StoredApart = true;
            changes[i] = ledgers[i].Map.Capture(_serializer);
        }

        var version = await Queue.EnqueueAsync(new PendingWrite(key, ParseETag(grainState.ETag), Serialize(grainState.State), EntryWrites(ledgers, changes)));
        grainState.ETag = version is { } v ? v.ToString(CultureInfo.InvariantCulture) : throw Conflict("WriteState", key, grainState.ETag);
        grainState.RecordExists = true;
        for (var i = 0; i < ledgers.Length; i++)
        {
            ledgers[i].Map.Acknowledge(changes[i]);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (!grainState.RecordExists)
        {
            // As the ADO.NET provider: look first; nothing stored (or already cleared) means nothing to clear.
            await ReadStateAsync(stateName, grainId, grainState, cancellationToken);
            if (!grainState.RecordExists)
            {
                return;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var key = new GrainStateKey(stateName, grainId.ToString());
        var version = await Queue.EnqueueAsync(new PendingWrite(key, ParseETag(grainState.ETag), payload: null));
        grainState.ETag = version is { } v ? v.ToString(CultureInfo.InvariantCulture) : throw Conflict("ClearState", key, grainState.ETag);
        grainState.RecordExists = false;
        grainState.State = Create<T>();
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe($"{nameof(GroupCommitGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, OnStartAsync, StopAsync);
    }

    /// <summary>Commits what is queued (see <see cref="GroupCommitQueue.StopAsync"/>), then closes the store.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await Queue.StopAsync(ct);
        await Queue.DisposeAsync();
        if (Reads is not null)
        {
            await Reads.DisposeAsync();
        }

        await _store.DisposeAsync();
        LogStopped(_logger, _name, Queue.CommittedBatches, Queue.CommittedWrites);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task OnStartAsync(CancellationToken ct)
    {
        await _store.CheckSchemaAsync(ct);
        LogStarted(_logger, _name);
    }

    private byte[] Serialize<T>(T state) => StoredBytes.Of(_serializer.Serialize(state));

    private T Create<T>() => _activators.GetActivator<T>().Create();

    /// <summary>The ledgers of a state with the key prefix of their entry rows, the unprefixed one first; none if it has none.</summary>
    private static (string Prefix, ILedgerMapStore Map)[] LedgersOf(object? state)
    {
        if (state is not ILedgerState { Ledger: ILedgerMapStore first } owner)
        {
            return [];
        }

        var prefixed = owner.PrefixedLedgers;
        var ledgers = new (string, ILedgerMapStore)[1 + prefixed.Count];
        ledgers[0] = ("", first);
        for (var i = 0; i < prefixed.Count; i++)
        {
            ledgers[i + 1] = (prefixed[i].Key, prefixed[i].Value as ILedgerMapStore
                ?? throw new InvalidOperationException($"Ledger '{prefixed[i].Key}' of {state.GetType().Name} is not a LedgerMap."));
        }

        return ledgers;
    }

    /// <summary>Hands each ledger the entry rows under its prefix (prefix removed); the unprefixed one takes the rest.</summary>
    private void LoadLedgers((string Prefix, ILedgerMapStore Map)[] ledgers, IReadOnlyList<StoredLedgerEntry> rows)
    {
        if (ledgers.Length <= 1)
        {
            if (ledgers.Length == 1)
            {
                ledgers[0].Map.LoadApart(rows, _serializer);
            }

            return;
        }

        var split = new List<StoredLedgerEntry>[ledgers.Length];
        for (var i = 0; i < split.Length; i++)
        {
            split[i] = [];
        }

        foreach (var row in rows)
        {
            var owner = 0;
            for (var i = 1; i < ledgers.Length && owner == 0; i++)
            {
                owner = row.Key.StartsWith(ledgers[i].Prefix, StringComparison.Ordinal) ? i : 0;
            }

            split[owner].Add(owner == 0 ? row : row with { Key = row.Key[ledgers[owner].Prefix.Length..] });
        }

        for (var i = 0; i < ledgers.Length; i++)
        {
            ledgers[i].Map.LoadApart(split[i], _serializer);
        }
    }

    /// <summary>The entry rows a write carries: every ledger's changes, keys under their ledger's prefix.</summary>
    private static IReadOnlyList<LedgerEntryWrite> EntryWrites((string Prefix, ILedgerMapStore Map)[] ledgers, LedgerChanges[] changes)
    {
        if (ledgers.Length <= 1)
        {
            return ledgers.Length == 0 ? [] : changes[0].Writes;
        }

        var writes = new List<LedgerEntryWrite>();
        for (var i = 0; i < ledgers.Length; i++)
        {
            foreach (var write in changes[i].Writes)
            {
                writes.Add(i == 0 ? write : write with { Key = ledgers[i].Prefix + write.Key });
            }
        }

        return writes;
    }

    /// <summary>Whether state of type <typeparamref name="T"/> has entry rows to read.</summary>
    private static class LedgerStates<T>
    {
        public static readonly bool Has = typeof(ILedgerState).IsAssignableFrom(typeof(T));
    }

    private static int? ParseETag(string? etag) =>
        string.IsNullOrWhiteSpace(etag) ? null : int.Parse(etag, NumberStyles.None, CultureInfo.InvariantCulture);

    private InconsistentStateException Conflict(string operation, GrainStateKey key, string? etag) => new(
        $"Version conflict ({operation}): ProviderName={_name} StateName={key.StateName} GrainId={key.GrainId} ETag={etag ?? "(none)"}.");

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Group-commit grain storage {Name} started")]
    private static partial void LogStarted(ILogger logger, string name);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information,
        Message = "Group-commit grain storage {Name} stopped after {Batches} transactions carrying {Writes} writes")]
    private static partial void LogStopped(ILogger logger, string name, long batches, long writes);
}
