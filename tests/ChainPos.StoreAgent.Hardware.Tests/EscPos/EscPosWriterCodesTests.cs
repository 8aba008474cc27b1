using ChainPos.StoreAgent.Hardware.EscPos;

namespace ChainPos.StoreAgent.Hardware.Tests.EscPos;

public class EscPosWriterCodesTests
{
    [Fact]
    public void Code128_ReceiptNumber_WritesHriHeightWidthAndFunctionBWithCodeSetB()
    {
        var bytes = new EscPosWriter().Code128("S01-R2-000042").ToArray();

        Assert.Equal(
            Bytes.Of(0x1D, 0x48, 2, 0x1D, 0x68, 80, 0x1D, 0x77, 2, 0x1D, 0x6B, 73, 15, "{BS01-R2-000042"),
            bytes);
    }

    [Fact]
    public void Code128_BraceInData_IsSentAsTwoBraces()
    {
        var bytes = new EscPosWriter().Code128("a{b", height: 60, moduleWidth: 3).ToArray();

        Assert.Equal(Bytes.Of(0x1D, 0x48, 2, 0x1D, 0x68, 60, 0x1D, 0x77, 3, 0x1D, 0x6B, 73, 6, "{Ba{{b"), bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("é")]
    [InlineData("a\nb")]
    public void Code128_NotPrintableAscii_Throws(string data)
    {
        Assert.Throws<ArgumentException>(() => new EscPosWriter().Code128(data));
    }

    [Fact]
    public void Code128_MoreThan253Bytes_Throws()
    {
        Assert.Throws<ArgumentException>(() => new EscPosWriter().Code128(new string('A', 254)));
    }

    [Fact]
    public void QrCode_ReceiptNumber_WritesFunctions165167169180181()
    {
        var bytes = new EscPosWriter().QrCode("S01-R2-000042").ToArray();

        Assert.Equal(
            Bytes.Of(
                0x1D, 0x28, 0x6B, 4, 0, 49, 65, 50, 0, // 165: model 2
                0x1D, 0x28, 0x6B, 3, 0, 49, 67, 6, // 167: module size 6
                0x1D, 0x28, 0x6B, 3, 0, 49, 69, 49, // 169: error correction M
                0x1D, 0x28, 0x6B, 16, 0, 49, 80, 48, "S01-R2-000042", // 180: 13 bytes + 3
                0x1D, 0x28, 0x6B, 3, 0, 49, 81, 48), // 181: print
            bytes);
    }

    [Theory]
    [InlineData(252, 0xFF, 0x00)]
    [InlineData(253, 0x00, 0x01)]
    [InlineData(300, 0x2F, 0x01)]
    [InlineData(7089, 0xB4, 0x1B)]
    public void QrCode_DataLength_StoreFunctionCarriesLengthPlusThreeLittleEndian(int length, int pL, int pH)
    {
        var data = new string('7', length);

        var bytes = new EscPosWriter().QrCode(data, moduleSize: 4, QrErrorCorrection.H).ToArray();

        var store = Bytes.Of(0x1D, 0x28, 0x6B, pL, pH, 49, 80, 48);
        var at = Bytes.IndexOf(bytes, store);
        Assert.Equal(9 + 8 + 8, at);
        Assert.Equal(Bytes.Of(0x1D, 0x28, 0x6B, 3, 0, 49, 69, 51), bytes[17..25]);
        Assert.Equal(Bytes.Of(data, 0x1D, 0x28, 0x6B, 3, 0, 49, 81, 48), bytes[(at + 8)..]);
    }

    [Fact]
    public void QrCode_MoreThan7089Bytes_Throws()
    {
        Assert.Throws<ArgumentException>(() => new EscPosWriter().QrCode(new string('7', 7090)));
    }
}
