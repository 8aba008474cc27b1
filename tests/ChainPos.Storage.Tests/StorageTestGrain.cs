using ChainPos.Storage;

namespace ChainPos.Storage.Tests;

/// <summary>A grain whose only job is to exercise the <see cref="StorageNames.Grains"/> storage and reminders.</summary>
public interface IStorageTestGrain : IGrainWithStringKey
{
    Task<int> AddAsync(string lane, int amount);

    Task<StorageTestSnapshot> GetAsync();

    Task RegisterReminderAsync(string name);
}

[GenerateSerializer, Immutable]
public sealed record StorageTestSnapshot(
    [property: Id(0)] int Total,
    [property: Id(1)] Dictionary<string, int> ByLane,
    [property: Id(2)] List<string> History,
    [property: Id(3)] StorageTestLine? Last,
    [property: Id(4)] string? ETag,
    [property: Id(5)] bool RecordExists);

/// <summary>A positional record inside the state, as Domain value types will be.</summary>
[GenerateSerializer, Immutable]
public sealed record StorageTestLine([property: Id(0)] string Lane, [property: Id(1)] decimal Amount);

/// <summary>State shaped like real grain state: settable properties, a dictionary, a get-only list, a record.</summary>
[GenerateSerializer]
public sealed class StorageTestState
{
    [Id(0)]
    public int Total { get; set; }

    [Id(1)]
    public Dictionary<string, int> ByLane { get; set; } = [];

    [Id(2)]
    public List<string> History { get; } = [];

    [Id(3)]
    public StorageTestLine? Latest { get; set; }
}

public sealed class StorageTestGrain(
    [PersistentState("storage-test-counter", StorageNames.Grains)] IPersistentState<StorageTestState> state)
    : Grain, IStorageTestGrain, IRemindable
{
    public async Task<int> AddAsync(string lane, int amount)
    {
        var s = state.State;
        s.Total += amount;
        s.ByLane[lane] = s.ByLane.GetValueOrDefault(lane) + amount;
        s.History.Add($"{lane}+{amount}");
        s.Latest = new StorageTestLine(lane, amount + 0.25m);
        await state.WriteStateAsync();
        return s.Total;
    }

    public Task<StorageTestSnapshot> GetAsync()
    {
        var s = state.State;
        return Task.FromResult(new StorageTestSnapshot(
            s.Total, new Dictionary<string, int>(s.ByLane), [.. s.History], s.Latest, state.Etag, state.RecordExists));
    }

    public Task RegisterReminderAsync(string name) =>
        this.RegisterOrUpdateReminder(name, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
