namespace ChainPos.StoreAgent.Hardware.Payments;

/// <summary>How the <see cref="SimulatedCardTerminal"/> behaves (bindable from configuration).</summary>
public sealed class SimulatedCardTerminalOptions
{
    /// <summary>Brand of the simulated card.</summary>
    public string Brand { get; set; } = "VISA";

    /// <summary>Last four digits of the simulated card.</summary>
    public string Last4 { get; set; } = "1234";

    /// <summary>Decline amounts whose minor units end in 13 (12.13, 0.13), as test cards do.</summary>
    public bool DeclineAmountsEndingIn13 { get; set; } = true;

    /// <summary>How long the customer takes at the terminal before it answers.</summary>
    public TimeSpan ProcessingTime { get; set; } = TimeSpan.Zero;

    /// <summary>How long the agent waits for an answer before it reports <see cref="CardTimedOut"/>.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>False simulates a lost link to the acquirer: the terminal approves offline up to the floor limit.</summary>
    public bool AcquirerReachable { get; set; } = true;

    /// <summary>The most the terminal approves offline, in minor units (any currency).</summary>
    public long OfflineFloorLimit { get; set; } = 5000;
}
