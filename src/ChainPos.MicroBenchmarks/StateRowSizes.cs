namespace ChainPos.MicroBenchmarks;

/// <summary>Prints how many bytes each benchmarked state takes as a stored row.</summary>
internal static class StateRowSizes
{
    public static void Print(TextWriter output)
    {
        var rows = GrainStateRows.Create();
        output.WriteLine("state                               row bytes");
        foreach (var live in new[] { 0, 100, 1000 })
        {
            Line($"stock, {live} live reservations", rows.Stored.Serialize(GrainStateRows.Stock(live)).ToMemory().Length);
        }

        foreach (var live in new[] { 0, 1000 })
        {
            // With the group-commit provider the live reservations are entry rows (~70 B each), written only when they change.
            Line($"stock, {live} live, entries apart", rows.Stored.Serialize(GrainStateRows.StockApart(live)).ToMemory().Length);
        }

        foreach (var movements in new[] { 16, 500 })
        {
            Line($"stock, {movements} movements in state", rows.Stored.Serialize(GrainStateRows.Stock(0, movements)).ToMemory().Length);
        }

        foreach (var recent in new[] { 8, 16, 128 })
        {
            Line($"register, {recent} recent sales", rows.Stored.Serialize(GrainStateRows.Register(recent)).ToMemory().Length);
        }

        void Line(string name, int bytes) => output.WriteLine($"{name,-32} {bytes,12:N0}");
    }
}
