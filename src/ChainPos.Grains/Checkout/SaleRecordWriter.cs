using ChainPos.Abstractions.Checkout;
using ChainPos.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace ChainPos.Grains.Checkout;

/// <summary>
/// Stores a delivered sale's record without activating its <see cref="SaleRecordGrain"/>: one insert-if-absent of the
/// grain's state row through the grains' storage provider (the same row, key and format the grain reads). Most records
/// are never read again, so an activation per sale (its read, its call, its collection later) bought nothing. When the
/// row already exists, the grain decides as before: a re-delivery of this register's own sale is done, another
/// register's sale with the same id is refused.
/// <see cref="SaleRecordGrain"/> reads its row again whenever it holds no sale, so an activation that looked before the
/// insert does not answer from its stale empty state.
/// </summary>
internal sealed class SaleRecordWriter(IServiceProvider services, IGrainFactory grains)
{
    private readonly IGrainStorage _storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

    public async Task RecordAsync(SaleRecordData record)
    {
        var grain = grains.Grain<ISaleRecordGrain>(GrainKeys.Sale(record.Receipt.SaleId));
        var row = new GrainState<SaleRecordState>(new SaleRecordState { Sale = record }); // no ETag: insert, or conflict if stored
        try
        {
            await _storage.WriteStateAsync(SaleRecordGrain.StateName, grain.GetGrainId(), row);
        }
        catch (InconsistentStateException)
        {
            await grain.RecordAsync(record);
        }
    }
}
