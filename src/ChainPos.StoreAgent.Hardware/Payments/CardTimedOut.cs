namespace ChainPos.StoreAgent.Hardware.Payments;

/// <summary>
/// No answer in time: the outcome is unknown. Ask the terminal again with the same reference (a
/// terminal answers a repeated reference with its first outcome) before taking another tender.
/// </summary>
public sealed record CardTimedOut : CardAuthorization;
