using ChainPos.StoreAgent.Hardware.Payments;

namespace ChainPos.StoreAgent.Hardware.Tests.Payments;

public class PaymentReferenceTests
{
    [Theory]
    [InlineData("sale-1", 1, "sale-1-1")]
    [InlineData("0b5c2d3e-6f70-4a8b-9c0d-1e2f3a4b5c6d", 2, "0b5c2d3e-6f70-4a8b-9c0d-1e2f3a4b5c6d-2")]
    public void For_AnIdThatIsSafe_IsTheIdAndTheTenderNumber(string id, int tenderNo, string expected)
    {
        Assert.Equal(expected, PaymentReference.For(id, tenderNo));
    }

    [Theory]
    // A UUID of the register UI whose last group and "-1" make 12 digits between dashes (it failed a sale with HTTP 500).
    [InlineData("31ef0f33-068f-40db-ab29-e23514067109")]
    [InlineData("4111111111111111")]
    [InlineData("12345678901")]
    [InlineData("sssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss")]
    public void For_AnIdThatWouldLookLikeACardNumberOrBeTooLong_IsAStableLettersOnlyReference(string id)
    {
        Assert.False(PaymentReference.IsValid(id + "-1"));

        var first = PaymentReference.For(id, 1);

        Assert.True(PaymentReference.IsValid(first), first);
        Assert.Matches("^ref-[a-p]{32}-1$", first);
        Assert.Equal(first, PaymentReference.For(id, 1));
        Assert.Equal(first[..^1] + "10", PaymentReference.For(id, 10));
        Assert.NotEqual(first, PaymentReference.For(id + "x", 1));
    }

    [Fact]
    public void For_EveryRandomUuidAndTenderNumber_GivesAReferenceTheTerminalTakes()
    {
        // About 1 in 27 UUIDs needs the hashed form for tender 1 (more for tender 10): 5,000 cover both forms many times.
        for (var i = 0; i < 5_000; i++)
        {
            var id = Guid.NewGuid().ToString();
            for (var tender = 1; tender <= 10; tender++)
            {
                Assert.True(PaymentReference.IsValid(PaymentReference.For(id, tender)), id);
            }
        }
    }
}
