using ChainPos.StoreAgent.Hardware.Display;

namespace ChainPos.StoreAgent.Hardware.Tests.Display;

public class CustomerDisplayTests
{
    private static readonly byte[] Init = Bytes.Of(0x1B, 0x40, 0x1B, 0x74, 19, 0x1F, 0x01, 0x1F, 0x43, 0, 0x0C);

    [Fact]
    public async Task ShowAsync_FirstCall_InitializesThenWritesBothRowsInFull()
    {
        await using var display = new VirtualCustomerDisplay();

        await display.ShowAsync("Hello", "World");

        Assert.Equal(
            Bytes.Of(Init, 0x1F, 0x24, 1, 1, "Hello               ", 0x1F, 0x24, 1, 2, "World               "),
            display.Bytes);
        Assert.Equal(("Hello               ", "World               "), display.Lines);
    }

    [Fact]
    public async Task ShowAsync_SecondCall_OverwritesWithoutInitializingAgain()
    {
        await using var display = new VirtualCustomerDisplay();
        await display.ShowAsync("A long first line of text", "x");

        await display.ShowAsync("Short", string.Empty);

        Assert.Equal(Init.Length + 2 * (2 * 24), display.Bytes.Length);
        Assert.Equal(("Short               ", "                    "), display.Lines);
    }

    [Fact]
    public async Task ShowItemAsync_LongName_CutNameAndRightAlignedAmounts()
    {
        await using var display = new VirtualCustomerDisplay();

        await display.ShowItemAsync("Organic whole milk 1L", 1, 129, 1234, "EUR");

        Assert.Equal(("Organic whole m 1.29", "TOTAL         €12.34"), display.Lines);
        Assert.Equal(Bytes.Of(0x1F, 0x24, 1, 2, "TOTAL         ", 0xD5, "12.34"), display.Bytes[^24..]);
    }

    [Fact]
    public async Task ShowItemAsync_Quantity_PrefixesQuantity()
    {
        await using var display = new VirtualCustomerDisplay();

        await display.ShowItemAsync("Apples", 3, 150, 279, "EUR");

        Assert.Equal(("3 x Apples      1.50", "TOTAL          €2.79"), display.Lines);
    }

    [Fact]
    public async Task ShowTotalAndChange_Pc437_UseCurrencyCode()
    {
        await using var display = new VirtualCustomerDisplay(new CustomerDisplayOptions { CodePage = "PC437" });

        await display.ShowTotalAsync(1234, "EUR");
        var total = display.Lines;
        await display.ShowChangeAsync(2000, 766, "EUR");

        Assert.Equal(("TOTAL      EUR 12.34", "                    "), total);
        Assert.Equal(("PAID       EUR 20.00", "CHANGE      EUR 7.66"), display.Lines);
    }

    [Fact]
    public async Task ShowRefundAsync_RefundOverThankYou_AndShowNoSaleAsync_NoSaleOverBlank()
    {
        await using var display = new VirtualCustomerDisplay();

        await display.ShowRefundAsync(1999, "EUR");
        var refund = display.Lines;
        await display.ShowNoSaleAsync();

        Assert.Equal(("REFUND        €19.99", "Thank you           "), refund);
        Assert.Equal(("NO SALE             ", "                    "), display.Lines);
    }

    [Fact]
    public async Task ClearAsync_AfterText_BlankRows()
    {
        await using var display = new VirtualCustomerDisplay();
        await display.ShowAsync("Hello", "World");

        await display.ClearAsync();

        Assert.Equal(0x0C, display.Bytes[^1]);
        Assert.Equal((new string(' ', 20), new string(' ', 20)), display.Lines);
    }

    [Fact]
    public void Decode_TextPastEndOfRow_WrapsToNextRowInOverwriteMode()
    {
        var bytes = Bytes.Of(0x0C, "ABCDEFGHIJKLMNOPQRSTUVWXY", 0x1F, 0x24, 19, 1, "!!");

        Assert.Equal(("ABCDEFGHIJKLMNOPQR!!", "UVWXY               "), LineDisplayDecoder.Decode(bytes));
    }
}
