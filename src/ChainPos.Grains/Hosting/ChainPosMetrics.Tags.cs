using ChainPos.Abstractions.Checkout;

namespace ChainPos.Grains.Hosting;

public sealed partial class ChainPosMetrics
{
    /// <summary>
    /// Label names and values. Bounded sets only: a store id (about 2,000 in a large chain), a currency,
    /// and fixed words; never a register, SKU, customer or sale id (see docs/operations.md on cardinality).
    /// </summary>
    public static class Tags
    {
        public const string Store = "chainpos.store.id";
        public const string Currency = "chainpos.currency";
        public const string TenderType = "chainpos.tender.type";
        public const string RefundKind = "chainpos.refund.kind";
        public const string GiftCardOperation = "chainpos.giftcard.operation";
        public const string LoyaltyChange = "chainpos.loyalty.change";
        public const string ReservationEvent = "chainpos.reservation.event";
        public const string DenialReason = "chainpos.reservation.denial_reason";

        public const string Return = "return";
        public const string Void = "void";
        public const string Load = "load";
        public const string Hold = "hold";
        public const string Capture = "capture";
        public const string Earned = "earned";
        public const string Redeemed = "redeemed";
        public const string Refunded = "refunded";
        public const string ClawedBack = "clawed_back";
        public const string Granted = "granted";
        public const string Denied = "denied";
        public const string Committed = "committed";
        public const string Released = "released";
        public const string Expired = "expired";
        public const string Insufficient = "insufficient";
        public const string Ended = "ended";

        /// <summary>The label value of a tender type.</summary>
        public static string Of(TenderType type) => type switch
        {
            Abstractions.Checkout.TenderType.Cash => "cash",
            Abstractions.Checkout.TenderType.Card => "card",
            Abstractions.Checkout.TenderType.GiftCard => "gift_card",
            Abstractions.Checkout.TenderType.LoyaltyPoints => "loyalty_points",
            _ => "other",
        };
    }
}
