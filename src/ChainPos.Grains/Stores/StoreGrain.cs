using ChainPos.Abstractions.Stores;
using ChainPos.Storage;

namespace ChainPos.Grains.Stores;

internal sealed class StoreGrain(
    [PersistentState("store", StorageNames.Grains)] IPersistentState<StoreState> state) : Grain, IStoreGrain
{
    private string StoreId => this.GetPrimaryKeyString()["store:".Length..];

    public async Task<StoreSettings> ConfigureAsync(StoreSettings settings)
    {
        var current = state.State.Settings;
        var validated = StoreSettingsValidator.Validate(settings, StoreId, current);
        state.State.Settings = validated with { Version = (current?.Version ?? 0) + 1 };
        await state.WriteStateAsync();
        return state.State.Settings;
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
