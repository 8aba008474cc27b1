using ChainPos.Abstractions;
using ChainPos.Abstractions.Loyalty;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>Loyalty accounts and points holds.</summary>
internal static class LoyaltyMapping
{
    public static V1.LoyaltyAccount ToProto(this LoyaltyAccountView account) => new()
    {
        CustomerId = account.CustomerId,
        DisplayName = account.DisplayName,
        Points = account.Points,
        AvailablePoints = account.AvailablePoints,
        Tier = account.Tier switch
        {
            LoyaltyTier.Gold => V1.LoyaltyTier.Gold,
            LoyaltyTier.Silver => V1.LoyaltyTier.Silver,
            _ => V1.LoyaltyTier.Standard,
        },
        RollingSpend = account.RollingSpend,
        Recent =
        {
            account.Recent.Select(a => new V1.LoyaltyActivity
            {
                Reference = a.Reference,
                StoreId = a.StoreId,
                Points = a.Points,
                Spend = a.Spend,
                At = ProtoValues.ToTimestamp(a.At),
            }),
        },
        EnrolledAt = ProtoValues.ToTimestamp(account.EnrolledAt),
    };

    /// <summary>A hold of points; <paramref name="value"/> is what they are worth in the store's currency.</summary>
    public static V1.PointsHold ToPointsHold(this HoldView hold, long value) => new()
    {
        HoldId = hold.HoldId,
        Points = hold.Amount,
        Value = value,
        ExpiresAt = ProtoValues.ToTimestamp(hold.ExpiresAt),
        Status = hold.Status.ToProto(),
    };
}
