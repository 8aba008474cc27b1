using ChainPos.StoreAgent.Hardware.EscPos;

namespace ChainPos.StoreAgent.Hardware.Tests.EscPos;

public class EscPosDecoderTests
{
    [Fact]
    public void Decode_CenteredDoubleWidth_PadsByPrintedColumns()
    {
        var bytes = new EscPosWriter().Align(EscPosAlignment.Center).Size(2, 1).Text("AB").Size(1, 1).LineFeed().ToArray();

        Assert.Equal(Bytes.Lines("   [SIZE 2x1]AB[/SIZE]"), EscPosDecoder.Decode(bytes, width: 10));
    }

    [Fact]
    public void Decode_RightAlignedBold_PadsToWidthAndMarksBold()
    {
        var bytes = new EscPosWriter().Align(EscPosAlignment.Right).Bold(true).Text("9.99").Bold(false).LineFeed().ToArray();

        Assert.Equal(Bytes.Lines("      [B]9.99[/B]"), EscPosDecoder.Decode(bytes, width: 10));
    }

    [Fact]
    public void Decode_InitCodePageAndEuro_TagsAndEuroSign()
    {
        var bytes = new EscPosWriter().Initialize().SelectCodePage(EscPosCodePage.Pc858).Line("€ 5").ToArray();

        Assert.Equal(Bytes.Lines("[INIT]", "[CODEPAGE PC858]", "€ 5"), EscPosDecoder.Decode(bytes));
    }

    [Fact]
    public void Decode_DrawerCutAndFeed_TagsAndEmptyLines()
    {
        var bytes = new EscPosWriter()
            .KickDrawer(DrawerPin.Pin5, 100, 200).Text("x").Feed(2).PartialCut(3).ToArray();

        Assert.Equal(Bytes.Lines("[DRAWER pin5 on=100ms off=200ms]", "x", string.Empty, "[CUT]"), EscPosDecoder.Decode(bytes));
    }

    [Fact]
    public void Decode_Code128WithBrace_ShowsDataAndSettings()
    {
        var bytes = new EscPosWriter().Text("before").Code128("a{b", height: 60, moduleWidth: 3).ToArray();

        Assert.Equal(
            Bytes.Lines("before", "[BARCODE CODE128 \"a{b\" height=60 module=3 hri=below]"),
            EscPosDecoder.Decode(bytes));
    }

    [Fact]
    public void Decode_QrCode_ShowsDataAndSettings()
    {
        var bytes = new EscPosWriter().QrCode("https://example.test/r/42", 8, QrErrorCorrection.Q).ToArray();

        Assert.Equal(
            Bytes.Lines("[QR \"https://example.test/r/42\" model=2 size=8 ec=Q]"),
            EscPosDecoder.Decode(bytes));
    }

    [Fact]
    public void Decode_PrintModeAndFullCut_MapsToMarkersAndFullCut()
    {
        // ESC ! 0x38: emphasized, double height, double width; GS V 0: full cut.
        var bytes = Bytes.Of(0x1B, 0x21, 0x38, "BIG", 0x1B, 0x21, 0, 0x0A, 0x1D, 0x56, 0);

        Assert.Equal(Bytes.Lines("[B][SIZE 2x2]BIG[/B][/SIZE]", "[CUT full]"), EscPosDecoder.Decode(bytes));
    }

    [Fact]
    public void Decode_UnknownCommandAndControlByte_ShowsMarkers()
    {
        var bytes = Bytes.Of("a", 0x1B, 0x7A, 5, 0x07, "b", 0x0A);

        Assert.Equal(Bytes.Lines("a[ESC 0x7A 0x05][0x07]b"), EscPosDecoder.Decode(bytes));
    }

    [Fact]
    public void Decode_TruncatedCommand_EndsWithTruncatedTag()
    {
        var bytes = Bytes.Of("a", 0x0A, 0x1D, 0x28, 0x6B, 16, 0, 49, 80);

        Assert.Equal(Bytes.Lines("a", "[TRUNCATED]"), EscPosDecoder.Decode(bytes));
    }
}
