using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace ChainPos.Storage.Tests;

public sealed class SnapshotGrainStorageTests
{
    private static readonly GrainId Grain = GrainId.Create("test", "snapshot");

    /// <summary>Stands for the ADO.NET provider: it reads the state only after an await (its connection open).</summary>
    private sealed class LateReadingStorage : IGrainStorage
    {
        public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Dictionary<string, long>? Stored { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            await Opened.Task;
            Stored = new Dictionary<string, long>((Dictionary<string, long>)(object)grainState.State!);
            grainState.ETag = "7";
            grainState.RecordExists = true;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
    }

    [Fact]
    public async Task WriteStateAsync_StateChangedWhileTheProviderWaits_StoresTheStateAsItWasWhenCalled()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var inner = new LateReadingStorage();
        var storage = new SnapshotGrainStorage(inner, services.GetRequiredService<DeepCopier>());
        var values = new Dictionary<string, long> { ["on_hand"] = 10, ["mark"] = 1 };
        var state = new GrainState<Dictionary<string, long>>(values, "6");

        var write = storage.WriteStateAsync("stock", Grain, state);
        // An interleaved call changes the state while the provider is still opening its connection.
        values["on_hand"] = 9;
        values["mark"] = 2;
        inner.Opened.SetResult();
        await write;

        Assert.Equal(new Dictionary<string, long> { ["on_hand"] = 10, ["mark"] = 1 }, inner.Stored);
        Assert.Equal(("7", true), (state.ETag, state.RecordExists));
        Assert.Equal(9, values["on_hand"]);
    }

    [Fact]
    public async Task WriteStateAsync_WithoutSnapshot_TheLateReaderWouldSeeTheLaterChange()
    {
        // The control case: the same provider written to directly stores the interleaved change, which is what
        // SnapshotGrainStorage exists to prevent.
        var inner = new LateReadingStorage();
        IGrainStorage direct = inner;
        var values = new Dictionary<string, long> { ["on_hand"] = 10 };

        var write = direct.WriteStateAsync("stock", Grain, new GrainState<Dictionary<string, long>>(values, "6"));
        values["on_hand"] = 9;
        inner.Opened.SetResult();
        await write;

        Assert.Equal(9, inner.Stored!["on_hand"]);
    }
}
