namespace ChainPos.Domain.Tests.Pricing;

public class AllocationTests
{
    [Theory]
    [InlineData(100, new long[] { 1, 1, 1 }, new long[] { 34, 33, 33 })]
    [InlineData(7, new long[] { 3, 2, 1 }, new long[] { 4, 2, 1 })]
    [InlineData(10, new long[] { 0, 5, 5 }, new long[] { 0, 5, 5 })]
    [InlineData(2, new long[] { 1, 1, 1 }, new long[] { 1, 1, 0 })]
    [InlineData(0, new long[] { 0, 0 }, new long[] { 0, 0 })]
    [InlineData(333, new long[] { 1200, 800 }, new long[] { 200, 133 })]
    public void LargestRemainder_Weights_ExactShares(long total, long[] weights, long[] expected)
    {
        Assert.Equal(expected, Allocation.LargestRemainder(total, weights));
    }

    [Fact]
    public void LargestRemainder_ManyOddWeights_SharesSumToTotalAndNeverExceedWeight()
    {
        long[] weights = [.. Enumerable.Range(1, 37).Select(i => (long)((i * 7919) % 1013))];
        var total = weights.Sum() - 1;

        var shares = Allocation.LargestRemainder(total, weights);

        Assert.Equal(total, shares.Sum());
        Assert.All(weights.Zip(shares), pair => Assert.InRange(pair.Second, 0, pair.First));
    }

    [Fact]
    public void LargestRemainder_AllZeroWeightsNonZeroTotal_Throws()
    {
        Assert.Throws<ArgumentException>(() => Allocation.LargestRemainder(5, [0, 0]));
    }
}
