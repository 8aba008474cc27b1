namespace ChainPos.LoadGen.ChainDay;

/// <summary>A line of a sale or order: SKU and units.</summary>
internal sealed record Line(string Sku, int Quantity, long UnitPrice);

/// <summary>What a caller does next.</summary>
internal abstract record Operation;

/// <summary>A till sale; optionally a loyalty customer and a gift card paying up to <paramref name="GiftCardCap"/>.</summary>
internal sealed record SaleOperation(string SaleId, IReadOnlyList<Line> Lines, string? CustomerId, string? GiftCardCode, long GiftCardCap) : Operation
{
    public long Total => Lines.Sum(l => l.UnitPrice * l.Quantity);

    /// <summary>What the gift card pays: up to its cap, never more than the total.</summary>
    public long GiftCardAmount => GiftCardCode is null ? 0 : Math.Min(GiftCardCap, Total);
}

/// <summary>A return of one whole line of one of this caller's earlier sales (picked by <paramref name="Pick"/>).</summary>
internal sealed record ReturnOperation(string ReturnId, int Pick) : Operation;

/// <summary>A web order for pickup at <paramref name="Location"/>: reserve, then commit or release (or, with <paramref name="Hold"/>, keep it reserved).</summary>
internal sealed record WebOrderOperation(string OrderId, string Location, IReadOnlyList<Line> Lines, bool Commit, bool Hold = false) : Operation;

/// <summary>A caller's stream of operations.</summary>
internal interface IOperationStream
{
    /// <summary>The next operation; a return only when the caller has made <paramref name="salesSoFar"/> &gt; 0 sales.</summary>
    Operation Next(int salesSoFar);
}
