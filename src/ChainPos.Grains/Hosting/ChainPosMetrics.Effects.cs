using Tag = System.Collections.Generic.KeyValuePair<string, object?>;

namespace ChainPos.Grains.Hosting;

/// <summary>Refunds, gift cards, loyalty and the outbox backlog.</summary>
public sealed partial class ChainPosMetrics
{
    /// <summary>A return was committed.</summary>
    public void Returned(string storeId, string currency, long amount) => Refunded(storeId, Tags.Return, currency, amount);

    /// <summary>A void was committed.</summary>
    public void Voided(string storeId, string currency, long amount) => Refunded(storeId, Tags.Void, currency, amount);

    /// <summary>A gift card operation (<see cref="Tags.Load"/>, <see cref="Tags.Hold"/>, <see cref="Tags.Capture"/>, <see cref="Tags.Void"/>) was written.</summary>
    public void GiftCard(string operation, long amount, string? currency)
    {
        try
        {
            var op = new Tag(Tags.GiftCardOperation, operation);
            _instruments.GiftCardOperations.Add(1, op);
            _instruments.GiftCardAmount.Add(amount, op, new Tag(Tags.Currency, currency ?? ""));
        }
        catch (Exception)
        {
            // Telemetry never fails a committed operation.
        }
    }

    /// <summary>A loyalty entry was applied: points earned (negative: clawed back), refunded and redeemed (captured holds).</summary>
    public void LoyaltyApplied(long earned, long refunded, long redeemed)
    {
        try
        {
            AddPoints(Tags.Earned, Math.Max(earned, 0));
            AddPoints(Tags.ClawedBack, Math.Max(-earned, 0));
            AddPoints(Tags.Refunded, refunded);
            AddPoints(Tags.Redeemed, redeemed);
        }
        catch (Exception)
        {
            // Telemetry never fails a committed operation.
        }
    }

    /// <summary>The outbox of one register grew or shrank by <paramref name="delta"/> pending effects.</summary>
    public void OutboxChanged(long delta)
    {
        try
        {
            if (delta != 0)
            {
                _instruments.OutboxPending.Add(delta);
            }
        }
        catch (Exception)
        {
            // Telemetry never fails a committed operation.
        }
    }

    private void Refunded(string storeId, string kind, string currency, long amount)
    {
        try
        {
            Tag store = new(Tags.Store, storeId), cur = new(Tags.Currency, currency), what = new(Tags.RefundKind, kind);
            _instruments.Refunds.Add(1, store, cur, what);
            _instruments.RefundAmount.Add(amount, store, cur, what);
        }
        catch (Exception)
        {
            // Telemetry never fails a committed operation.
        }
    }

    private void AddPoints(string change, long points)
    {
        if (points > 0)
        {
            _instruments.LoyaltyPoints.Add(points, new Tag(Tags.LoyaltyChange, change));
        }
    }
}
