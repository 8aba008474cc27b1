namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>The loyalty block of a receipt.</summary>
/// <param name="PointsEarned">Points this sale earned.</param>
/// <param name="Balance">The account's points after this sale (as known when printing).</param>
public sealed record ReceiptLoyalty(long PointsEarned, long Balance);
