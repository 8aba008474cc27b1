namespace ChainPos.Storage.Benchmarks;

/// <summary>A grain state about the size of a stock grain's (~150 bytes of JSON).</summary>
internal sealed class BenchState
{
    public string Sku { get; set; } = "";

    public int OnHand { get; set; }

    public int Reserved { get; set; }

    public List<int> Recent { get; set; } = [];
}
