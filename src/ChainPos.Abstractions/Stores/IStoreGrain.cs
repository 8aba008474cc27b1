namespace ChainPos.Abstractions.Stores;

/// <summary>
/// A store's configuration: currency, time zone, tax rates, registers, employees, promotions.
/// Key: <see cref="GrainKeys.Store"/>.
/// </summary>
public interface IStoreGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates or replaces the configuration. An employee whose <see cref="EmployeeSpec.PinHash"/> is
    /// null keeps the hash already stored (a new employee without one is rejected).
    /// </summary>
    Task<StoreSettings> ConfigureAsync(StoreSettings settings);

    /// <summary>The configuration, or null when the store was never configured.</summary>
    [ReadOnly]
    Task<StoreSettings?> GetAsync();

    /// <summary>
    /// Checks an employee's PIN and role. Throws <see cref="PosException"/> PermissionDenied when the
    /// employee is unknown, the PIN is wrong or the role is below <paramref name="minimumRole"/>.
    /// </summary>
    [ReadOnly]
    Task VerifyEmployeeAsync(string employeeId, string pin, EmployeeRole minimumRole);
}
