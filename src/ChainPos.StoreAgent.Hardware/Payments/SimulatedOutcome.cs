namespace ChainPos.StoreAgent.Hardware.Payments;

/// <summary>A scripted answer of the <see cref="SimulatedCardTerminal"/>.</summary>
public enum SimulatedOutcome
{
    /// <summary>Approve (offline when the acquirer is unreachable).</summary>
    Approve = 1,

    /// <summary>Decline.</summary>
    Decline = 2,

    /// <summary>Never answer: the agent sees <see cref="CardTimedOut"/> after the response time-out.</summary>
    NoAnswer = 3,
}
