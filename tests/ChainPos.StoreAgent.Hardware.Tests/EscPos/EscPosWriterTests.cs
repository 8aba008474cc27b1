using ChainPos.StoreAgent.Hardware.EscPos;

namespace ChainPos.StoreAgent.Hardware.Tests.EscPos;

public class EscPosWriterTests
{
    [Fact]
    public void Initialize_Always_WritesEscAt()
    {
        Assert.Equal(Bytes.Of(0x1B, 0x40), new EscPosWriter().Initialize().ToArray());
    }

    [Fact]
    public void SelectCodePage_Pc858_WritesEscT19()
    {
        Assert.Equal(Bytes.Of(0x1B, 0x74, 19), new EscPosWriter().SelectCodePage(EscPosCodePage.Pc858).ToArray());
    }

    [Theory]
    [InlineData(EscPosAlignment.Left, 0)]
    [InlineData(EscPosAlignment.Center, 1)]
    [InlineData(EscPosAlignment.Right, 2)]
    public void Align_Alignment_WritesEscA(EscPosAlignment alignment, int n)
    {
        Assert.Equal(Bytes.Of(0x1B, 0x61, n), new EscPosWriter().Align(alignment).ToArray());
    }

    [Fact]
    public void Bold_OnThenOff_WritesEscE1ThenEscE0()
    {
        Assert.Equal(Bytes.Of(0x1B, 0x45, 1, 0x1B, 0x45, 0), new EscPosWriter().Bold(true).Bold(false).ToArray());
    }

    [Theory]
    [InlineData(1, 1, 0x00)]
    [InlineData(1, 2, 0x01)]
    [InlineData(2, 1, 0x10)]
    [InlineData(2, 2, 0x11)]
    [InlineData(8, 8, 0x77)]
    public void Size_WidthAndHeight_WritesGsBangWithWidthInHighNibble(int width, int height, int n)
    {
        Assert.Equal(Bytes.Of(0x1D, 0x21, n), new EscPosWriter().Size(width, height).ToArray());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(9, 1)]
    [InlineData(1, 0)]
    public void Size_OutOfRange_Throws(int width, int height)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EscPosWriter().Size(width, height));
    }

    [Fact]
    public void Text_EuroAfterSelectingPc858_Is0xD5()
    {
        var bytes = new EscPosWriter().SelectCodePage(EscPosCodePage.Pc858).Text("€5").ToArray();

        Assert.Equal(Bytes.Of(0x1B, 0x74, 19, 0xD5, "5"), bytes);
    }

    [Fact]
    public void Text_UmlautsInPc858_UseTheTableBytes()
    {
        var bytes = new EscPosWriter().SelectCodePage(EscPosCodePage.Pc858).Text("Größe").ToArray();

        Assert.Equal(Bytes.Of(0x1B, 0x74, 19, "Gr", 0x94, 0xE1, "e"), bytes);
    }

    [Fact]
    public void Text_EuroInPowerOnTable_PrintsQuestionMark()
    {
        Assert.Equal(Bytes.Of("?1"), new EscPosWriter().Text("€1").ToArray());
    }

    [Fact]
    public void Text_ControlCharacters_BecomeSpacesSoNoCommandIsSmuggled()
    {
        Assert.Equal(Bytes.Of("A @B C"), new EscPosWriter().Text("A\u001B@B\nC").ToArray());
    }

    [Fact]
    public void Line_Text_AppendsLineFeed()
    {
        Assert.Equal(Bytes.Of("Hi", 0x0A, 0x0A), new EscPosWriter().Line("Hi").Line().ToArray());
    }

    [Fact]
    public void Feed_ThreeLines_WritesEscD3()
    {
        Assert.Equal(Bytes.Of(0x1B, 0x64, 3), new EscPosWriter().Feed(3).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void PartialCut_FeedUnits_WritesGsV66N(int feed)
    {
        Assert.Equal(Bytes.Of(0x1D, 0x56, 66, feed), new EscPosWriter().PartialCut(feed).ToArray());
    }

    [Theory]
    [InlineData(DrawerPin.Pin2, 50, 500, 0, 25, 250)]
    [InlineData(DrawerPin.Pin5, 100, 200, 1, 50, 100)]
    [InlineData(DrawerPin.Pin2, 3, 510, 0, 2, 255)]
    public void KickDrawer_PinAndTimes_WritesEscPWithTwoMillisecondUnits(DrawerPin pin, int on, int off, int m, int t1, int t2)
    {
        Assert.Equal(Bytes.Of(0x1B, 0x70, m, t1, t2), new EscPosWriter().KickDrawer(pin, on, off).ToArray());
    }

    [Fact]
    public void KickDrawer_PulseTooLong_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EscPosWriter().KickDrawer(DrawerPin.Pin2, 600, 600));
    }
}
