using BenchmarkDotNet.Attributes;
using ChainPos.Grains.Checkout;
using ChainPos.Grains.Stock;

namespace ChainPos.MicroBenchmarks;

/// <summary>
/// A stock grain rewrites its whole state per write, live reservations included; this is that write's CPU before the
/// database sees it. <c>Stored</c> is the configured serializer, <c>Snapshot</c> the deep copy taken first on the
/// ADO.NET path, <c>Read</c> what an activation pays to load the row.
/// </summary>
[MemoryDiagnoser]
public class StockStateBenchmarks
{
    private readonly GrainStateRows _rows = GrainStateRows.Create();
    private SkuStockState _state = new();
    private BinaryData _row = BinaryData.Empty;

    /// <summary>Live reservations the hot SKU holds.</summary>
    [Params(0, 100, 1000)]
    public int Live { get; set; }

    /// <summary>Movements in the state: 16 (half a page, since history pages move out) or 500 (all history in the row).</summary>
    [Params(16, 500)]
    public int Movements { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = GrainStateRows.Stock(Live, Movements);
        _row = _rows.Stored.Serialize(_state);
    }

    [Benchmark(Baseline = true)]
    public BinaryData Stored() => _rows.Stored.Serialize(_state);

    [Benchmark]
    public SkuStockState Snapshot() => _rows.Copier.Copy(_state);

    [Benchmark]
    public SkuStockState Read() => _rows.Stored.Deserialize<SkuStockState>(_row)!;
}

/// <summary>The register's write per sale: its id map of recent sales is part of every row (see <c>PruneRecent</c>).</summary>
[MemoryDiagnoser]
public class RegisterStateBenchmarks
{
    private readonly GrainStateRows _rows = GrainStateRows.Create();
    private RegisterState _state = new();
    private BinaryData _row = BinaryData.Empty;

    /// <summary>Sale ids remembered: 8 (the default window, <c>CheckoutOptions.RecentIdsKept</c>), 16 and the former default of 128.</summary>
    [Params(8, 16, 128)]
    public int Recent { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = GrainStateRows.Register(Recent);
        _row = _rows.Stored.Serialize(_state);
    }

    [Benchmark(Baseline = true)]
    public BinaryData Stored() => _rows.Stored.Serialize(_state);

    [Benchmark]
    public RegisterState Snapshot() => _rows.Copier.Copy(_state);

    [Benchmark]
    public RegisterState Read() => _rows.Stored.Deserialize<RegisterState>(_row)!;
}
