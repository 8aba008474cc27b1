using ChainPos.LoadGen.ChainDay;

namespace ChainPos.LoadGen.Tests;

public class InvariantsTests
{
    private static readonly StockKey Apple = new("S1", "APPLE");
    private static readonly StockKey Pear = new("S1", "PEAR");

    /// <summary>A run that sold 3 apples and 1 pear, returned 1 apple, committed 2 pears online, and released 1 apple.</summary>
    private static (Snapshot Before, Ledger Ledger, Snapshot After) ConsistentRun()
    {
        var before = new Snapshot(
            new Dictionary<StockKey, StockReading> { [Apple] = new(100, 0, 0), [Pear] = new(50, 5, 0) },
            new Dictionary<string, long> { ["G1"] = 10_000 },
            new Dictionary<string, long> { ["C1"] = 7 },
            new Dictionary<string, RegisterReading> { ["S1/R1"] = new(41) });
        var ledger = new Ledger();
        ledger.Stock("S1", "APPLE", -3);
        ledger.Stock("S1", "PEAR", -1);
        ledger.Stock("S1", "APPLE", +1);
        ledger.Grant("S1", "PEAR", 2);
        ledger.Stock("S1", "PEAR", -2, -2);
        ledger.Grant("S1", "APPLE", 1);
        ledger.Stock("S1", "APPLE", 0, -1);
        ledger.GiftCard("G1", -1_250);
        ledger.Loyalty("C1", 12);
        ledger.Loyalty("C1", -3);
        foreach (var seq in new long[] { 42, 43, 44 })
        {
            ledger.Receipt("S1/R1", seq);
        }

        var after = new Snapshot(
            new Dictionary<StockKey, StockReading> { [Apple] = new(98, 0, 0), [Pear] = new(47, 5, 0) },
            new Dictionary<string, long> { ["G1"] = 8_750 },
            new Dictionary<string, long> { ["C1"] = 16 },
            new Dictionary<string, RegisterReading> { ["S1/R1"] = new(44) });
        return (before, ledger, after);
    }

    [Fact]
    public void A_consistent_run_breaks_nothing()
    {
        var (before, ledger, after) = ConsistentRun();
        Assert.Empty(Invariants.Check(before, ledger, after));
    }

    [Fact]
    public void A_lost_stock_decrement_is_named_with_its_sku_and_location()
    {
        var (before, ledger, after) = ConsistentRun();
        var broken = Invariants.Check(before, ledger, after with { Stock = new Dictionary<StockKey, StockReading>(after.Stock) { [Apple] = new(99, 0, 0) } });
        Assert.Equal("stock conservation: S1/APPLE: on hand 99 (expected 98), reserved 0 (expected 0)", Assert.Single(broken));
    }

    [Fact]
    public void A_reservation_left_behind_is_caught()
    {
        var (before, ledger, after) = ConsistentRun();
        var broken = Invariants.Check(before, ledger, after with { Stock = new Dictionary<StockKey, StockReading>(after.Stock) { [Pear] = new(47, 6, 0) } });
        Assert.Contains("S1/PEAR", Assert.Single(broken), StringComparison.Ordinal);
    }

    [Fact]
    public void Granting_more_than_was_available_is_an_oversell()
    {
        var (before, _, after) = ConsistentRun();
        var ledger = new Ledger();
        ledger.Grant("S1", "PEAR", 46);
        var afterOversold = after with { Stock = new Dictionary<StockKey, StockReading> { [Pear] = new(50, 51, 0) } };
        var broken = Invariants.Check(before, ledger, afterOversold);
        Assert.Contains(broken, b => b.StartsWith("no oversell: S1/PEAR: 46 units still reserved by the run but only 45 were available", StringComparison.Ordinal));
    }

    [Fact]
    public void A_doubled_gift_card_redemption_is_caught()
    {
        var (before, ledger, after) = ConsistentRun();
        var broken = Invariants.Check(before, ledger, after with { GiftCards = new Dictionary<string, long> { ["G1"] = 7_500 } });
        Assert.Equal("gift card balance: gift card G1: 7500 (expected 10000 -1250 = 8750)", Assert.Single(broken));
    }

    [Fact]
    public void Missing_loyalty_points_are_caught()
    {
        var (before, ledger, after) = ConsistentRun();
        var broken = Invariants.Check(before, ledger, after with { Points = new Dictionary<string, long> { ["C1"] = 7 } });
        Assert.StartsWith("loyalty points: customer C1: 7 (expected 7 +9 = 16)", Assert.Single(broken), StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_in_receipt_numbers_is_caught()
    {
        var (before, _, after) = ConsistentRun();
        var ledger = new Ledger();
        ledger.Receipt("S1/R1", 42);
        ledger.Receipt("S1/R1", 44);
        var broken = Invariants.Check(before, ledger, after with { Registers = new Dictionary<string, RegisterReading> { ["S1/R1"] = new(44) } });
        Assert.Contains("missing 43", Assert.Single(broken), StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_receipt_number_is_caught()
    {
        var (before, _, after) = ConsistentRun();
        var ledger = new Ledger();
        ledger.Receipt("S1/R1", 42);
        ledger.Receipt("S1/R1", 42);
        var broken = Invariants.Check(before, ledger, after with { Registers = new Dictionary<string, RegisterReading> { ["S1/R1"] = new(42) } });
        Assert.Contains("duplicates 1", Assert.Single(broken), StringComparison.Ordinal);
    }

    [Fact]
    public void A_register_that_counted_more_receipts_than_were_answered_is_caught()
    {
        var (before, ledger, after) = ConsistentRun();
        var broken = Invariants.Check(before, ledger, after with { Registers = new Dictionary<string, RegisterReading> { ["S1/R1"] = new(45) } });
        Assert.Contains("register's last is 45 (expected 44)", Assert.Single(broken), StringComparison.Ordinal);
    }

    [Fact]
    public void Operations_with_unknown_outcome_fail_the_run()
    {
        var (before, ledger, after) = ConsistentRun();
        ledger.MarkUnknown();
        Assert.StartsWith("outcome: 1 operations failed", Assert.Single(Invariants.Check(before, ledger, after)), StringComparison.Ordinal);
    }
}
