namespace ChainPos.LoadGen.ChainDay;

/// <summary>
/// The end-of-run checks, pure: compares what was read after the run with what was read before plus
/// the ledger of acknowledged effects. Every broken invariant is one line naming what and where.
/// </summary>
internal static class Invariants
{
    private const int MaxPerKind = 10;

    public static IReadOnlyList<string> Check(Snapshot before, Ledger ledger, Snapshot after)
    {
        var broken = new List<string>();
        if (ledger.Unknown > 0)
        {
            broken.Add($"outcome: {ledger.Unknown} operations failed on every retry; their effects cannot be accounted for");
        }

        Report(broken, "stock conservation", StockConservation(before, ledger, after));
        Report(broken, "no oversell", NoOversell(before, ledger, after));
        Report(broken, "gift card balance", Balances(before.GiftCards, ledger.GiftCards, after.GiftCards, "gift card"));
        Report(broken, "loyalty points", Balances(before.Points, ledger.Points, after.Points, "customer"));
        Report(broken, "receipt numbers", Receipts(before, ledger, after));
        return broken;
    }

    /// <summary>initial − sold + returned − committed web = final on hand; reserved = initial + active grants.</summary>
    public static IEnumerable<string> StockConservation(Snapshot before, Ledger ledger, Snapshot after)
    {
        foreach (var key in ledger.OnHand.Keys.Union(ledger.Reserved.Keys).Distinct())
        {
            var initial = before.Stock.GetValueOrDefault(key);
            var final = after.Stock.GetValueOrDefault(key);
            var expectedOnHand = initial.OnHand + ledger.OnHand.GetValueOrDefault(key);
            var expectedReserved = initial.Reserved + ledger.Reserved.GetValueOrDefault(key);
            if (final.OnHand != expectedOnHand || final.Reserved != expectedReserved)
            {
                yield return $"{key.Location}/{key.Sku}: on hand {final.OnHand} (expected {expectedOnHand}), reserved {final.Reserved} (expected {expectedReserved})";
            }
        }
    }

    /// <summary>Grants never exceed what was available before the run plus what came back during it; reserved never negative.</summary>
    public static IEnumerable<string> NoOversell(Snapshot before, Ledger ledger, Snapshot after)
    {
        foreach (var (key, granted) in ledger.Granted)
        {
            var initial = before.Stock.GetValueOrDefault(key);
            var available = Math.Max(0, initial.OnHand - initial.Reserved - initial.SafetyStock);
            // Units released or committed during the run came back to (or left) the pool; grants can only have
            // used what was available plus units released again, so compare with the still-held net.
            var held = ledger.Reserved.GetValueOrDefault(key);
            if (held > available)
            {
                yield return $"{key.Location}/{key.Sku}: {held} units still reserved by the run but only {available} were available";
            }

            if (after.Stock.TryGetValue(key, out var final) && final.Reserved < 0)
            {
                yield return $"{key.Location}/{key.Sku}: reserved is negative ({final.Reserved}) after {granted} units granted";
            }
        }
    }

    /// <summary>final = initial + the run's changes, per account.</summary>
    public static IEnumerable<string> Balances(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> changes, IReadOnlyDictionary<string, long> after, string what)
    {
        foreach (var (id, change) in changes)
        {
            var expected = before.GetValueOrDefault(id) + change;
            var final = after.GetValueOrDefault(id);
            if (final != expected)
            {
                yield return $"{what} {id}: {final} (expected {before.GetValueOrDefault(id)} {change:+#;-#;+0} = {expected})";
            }
        }
    }

    /// <summary>The receipts issued in the run are exactly last_before+1 .. last_before+n, and the register says n more.</summary>
    public static IEnumerable<string> Receipts(Snapshot before, Ledger ledger, Snapshot after)
    {
        foreach (var (register, bag) in ledger.Receipts)
        {
            var seen = bag.Order().ToList();
            var start = before.Registers.GetValueOrDefault(register).LastSequence + 1;
            var duplicates = seen.Count - seen.Distinct().Count();
            var expected = Enumerable.Range(0, seen.Count).Select(i => start + i);
            var last = after.Registers.GetValueOrDefault(register).LastSequence;
            if (duplicates > 0 || !seen.SequenceEqual(expected) || last != start + seen.Count - 1)
            {
                var gaps = expected.Except(seen).Take(5).ToList();
                yield return $"{register}: {seen.Count} receipts from {start}, register's last is {last} (expected {start + seen.Count - 1}); " +
                    $"duplicates {duplicates}, missing {(gaps.Count == 0 ? "none" : string.Join(", ", gaps))}";
            }
        }
    }

    private static void Report(List<string> broken, string name, IEnumerable<string> findings)
    {
        var all = findings.ToList();
        broken.AddRange(all.Take(MaxPerKind).Select(f => $"{name}: {f}"));
        if (all.Count > MaxPerKind)
        {
            broken.Add($"{name}: ... and {all.Count - MaxPerKind} more");
        }
    }
}
