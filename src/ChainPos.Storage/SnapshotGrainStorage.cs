using Orleans.Serialization;
using Orleans.Storage;

namespace ChainPos.Storage;

/// <summary>
/// Hands the wrapped provider a deep copy of the state taken when the grain calls <c>WriteStateAsync</c>.
/// </summary>
/// <remarks>
/// The ADO.NET provider serializes the state only after it has opened a connection, on a thread-pool thread. Grains that
/// let other calls run while a write is in flight (the reentrant stock grain, the register's interleaved outbox
/// delivery, report projections: see <c>CoalescingStateWriter</c>) change their state on their own scheduler in the
/// meantime, so the provider could serialize a turn half done — for example a stock level moved without the high-water
/// mark that de-duplicates it — or fail with a collection modified under it. The copy is made synchronously, in the
/// grain's turn, so each write stores a state some turn left complete. ChainPos' group-commit provider serializes
/// synchronously itself and is not wrapped.
/// </remarks>
internal sealed class SnapshotGrainStorage(IGrainStorage inner, DeepCopier copier) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var snapshot = new GrainState<T>(copier.Copy(grainState.State), grainState.ETag) { RecordExists = grainState.RecordExists };
        await inner.WriteStateAsync(stateName, grainId, snapshot);
        grainState.ETag = snapshot.ETag;
        grainState.RecordExists = snapshot.RecordExists;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
