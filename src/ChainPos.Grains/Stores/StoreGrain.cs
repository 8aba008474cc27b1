using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Stores;
using ChainPos.Grains.Hosting;
using ChainPos.Storage;
using Microsoft.Extensions.Logging;

namespace ChainPos.Grains.Stores;

internal sealed class StoreGrain(
    [PersistentState("store", StorageNames.Grains)] IPersistentState<StoreState> state,
    ILogger<StoreGrain> logger) : Grain, IStoreGrain
{
    private string StoreId => this.GetPrimaryKeyString()["store:".Length..];

    public async Task<StoreSettings> ConfigureAsync(StoreSettings settings)
    {
        var current = state.State.Settings;
        var validated = StoreSettingsValidator.Validate(settings, StoreId, current);
        state.State.Settings = validated with { Version = (current?.Version ?? 0) + 1 };
        await state.WriteStateAsync();
        await AnnounceAsync(state.State.Settings, current);
        return state.State.Settings;
    }

    /// <summary>
    /// Tells the registers (before and after the change) to drop their copy of the settings, so a sale after this
    /// call is acknowledged uses the new ones. A register that cannot be told is logged: its copy expires by itself
    /// (<see cref="CheckoutOptions.StoreSettingsRefresh"/>).
    /// </summary>
    private async Task AnnounceAsync(StoreSettings settings, StoreSettings? before)
    {
        var registers = settings.RegisterIds.Union(before?.RegisterIds ?? [], StringComparer.Ordinal);
        await Task.WhenAll(registers.Select(async registerId =>
        {
            try
            {
                await GrainFactory.Grain<IRegisterGrain>(GrainKeys.Register(StoreId, registerId)).StoreSettingsChangedAsync(settings.Version);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.SettingsNotAnnounced(e, StoreId, registerId, settings.Version);
            }
        }));
    }

    public Task<StoreSettings?> GetAsync() => Task.FromResult(state.State.Settings);

    public Task VerifyEmployeeAsync(string employeeId, string pin, EmployeeRole minimumRole)
    {
        var settings = state.State.Settings ?? throw PosException.NotFound($"Store '{StoreId}' is not configured.");
        var employee = settings.Employees.FirstOrDefault(e => e.EmployeeId == employeeId);
        if (employee?.PinHash is null || !PinHasher.Verify(pin ?? string.Empty, employee.PinHash))
        {
            throw PosException.Denied($"Employee '{employeeId}' or PIN is not valid for store '{StoreId}'.");
        }

        if (employee.Role < minimumRole)
        {
            throw PosException.Denied($"Employee '{employeeId}' is a {employee.Role}; this needs a {minimumRole} or above.");
        }

        return Task.CompletedTask;
    }
}
