namespace ChainPos.Domain.Tests;

public sealed class FulfilmentPlannerTests
{
    private static Dictionary<string, long> Stock(params (string Location, long Available)[] levels) =>
        levels.ToDictionary(l => l.Location, l => l.Available);

    [Fact]
    public void Plan_OneLocationCovers_TakesItFromTheMostAvailable()
    {
        var picks = FulfilmentPlanner.Plan(3, Stock(("S1", 4), ("WH", 9), ("S2", 0)));

        Assert.Equal([new PlannedPick("WH", 3)], picks);
    }

    [Fact]
    public void Plan_NoneCoversAlone_SplitsMostAvailableFirst()
    {
        var picks = FulfilmentPlanner.Plan(12, Stock(("S1", 4), ("WH", 6), ("S2", 5)));

        Assert.Equal([new PlannedPick("WH", 6), new PlannedPick("S2", 5), new PlannedPick("S1", 1)], picks);
    }

    [Fact]
    public void Plan_TiesAndShortfall_OrderedByLocationIdAndLessThanAsked()
    {
        var picks = FulfilmentPlanner.Plan(10, Stock(("B", 3), ("A", 3), ("C", -2)));

        Assert.Equal([new PlannedPick("A", 3), new PlannedPick("B", 3)], picks);
    }
}
