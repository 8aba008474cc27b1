namespace ChainPos.Domain.Tests;

public class IdentifierTests
{
    [Theory]
    [InlineData("S01")]
    [InlineData("store-01:reg_2.a")]
    [InlineData("x")]
    public void Require_ValidId_ReturnsValue(string id)
    {
        Assert.Equal(id, Ids.Require(id, "storeId"));
    }

    [Fact]
    public void Require_SixtyFourCharacters_Accepted()
    {
        var id = new string('a', 64);

        Assert.Equal(id, Ids.Require(id, "storeId"));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData(" S01", " S01")]
    [InlineData("a b", "a b")]
    [InlineData("café", "café")]
    [InlineData("a/b", "a/b")]
    public void Require_InvalidId_InvalidArgumentQuotingValue(string? id, string quoted)
    {
        var error = Assert.Throws<DomainException>(() => Ids.Require(id, "storeId"));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal($"storeId must be 1-64 characters of letters, digits, '.', '_', ':' or '-' (got '{quoted}').", error.Message);
    }

    [Fact]
    public void Require_SixtyFiveCharacters_InvalidArgument()
    {
        Assert.Throws<DomainException>(() => Ids.Require(new string('a', 65), "sku"));
    }

    [Theory]
    [InlineData("S01", "R2", 42, "S01-R2-000042")]
    [InlineData("S01", "R2", 1, "S01-R2-000001")]
    [InlineData("berlin-1", "till:3", 1_234_567, "berlin-1-till:3-1234567")]
    public void Format_ValidParts_StoreRegisterPaddedSequence(string store, string register, long sequence, string expected)
    {
        Assert.Equal(expected, ReceiptNumbers.Format(store, register, sequence));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Format_SequenceBelowOne_InvalidArgument(long sequence)
    {
        var error = Assert.Throws<DomainException>(() => ReceiptNumbers.Format("S01", "R2", sequence));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal($"The receipt sequence must be at least 1 (got {sequence}).", error.Message);
    }

    [Fact]
    public void Format_BadStoreId_InvalidArgument()
    {
        var error = Assert.Throws<DomainException>(() => ReceiptNumbers.Format("S 01", "R2", 1));

        Assert.StartsWith("storeId must be", error.Message);
    }
}
