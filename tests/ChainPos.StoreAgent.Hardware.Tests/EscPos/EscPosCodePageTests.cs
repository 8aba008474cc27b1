using System.Text;
using ChainPos.StoreAgent.Hardware.EscPos;

namespace ChainPos.StoreAgent.Hardware.Tests.EscPos;

public class EscPosCodePageTests
{
    private static readonly byte[] UpperHalf = [.. Enumerable.Range(0x80, 128).Select(i => (byte)i)];

    [Theory]
    [InlineData("PC858", 858)]
    [InlineData("PC437", 437)]
    public void Decode_UpperHalf_MatchesTheOemCodePage(string name, int codePage)
    {
        // The reference: .NET's code page data (no ICU needed, so it works with InvariantGlobalization).
        var expected = CodePagesEncodingProvider.Instance.GetEncoding(codePage)!.GetString(UpperHalf);
        var table = EscPosCodePage.FromName(name);

        Assert.Equal(expected, new string([.. UpperHalf.Select(table.Decode)]));
        Assert.Equal(UpperHalf, expected.Select(table.Encode).ToArray());
    }

    [Fact]
    public void Encode_EuroInPc858_Is0xD5()
    {
        Assert.Equal(0xD5, EscPosCodePage.Pc858.Encode('€'));
        Assert.True(EscPosCodePage.Pc858.CanEncode('€'));
        Assert.False(EscPosCodePage.Pc437.CanEncode('€'));
    }

    [Fact]
    public void Sanitize_ControlUnmappableAndSurrogatePair_SpaceQuestionMarkAndOneQuestionMark()
    {
        Assert.Equal("a b?c?", EscPosCodePage.Pc858.Sanitize("a\tb\u0142c\U0001F600"));
    }

    [Theory]
    [InlineData("pc858", 19)]
    [InlineData("CP437", 0)]
    public void FromName_KnownName_ReturnsTable(string name, int tableNumber)
    {
        Assert.Equal(tableNumber, EscPosCodePage.FromName(name).TableNumber);
    }

    [Fact]
    public void FromName_Unknown_Throws()
    {
        Assert.Throws<ArgumentException>(() => EscPosCodePage.FromName("PC1252"));
    }
}
