using ChainPos.StoreAgent.Hardware.EscPos;
using ChainPos.StoreAgent.Hardware.Printing;

namespace ChainPos.StoreAgent.Hardware.Tests.Printing;

public class ReceiptRendererTests
{
    public static string SaleAt48Columns { get; } = Bytes.Lines(
        "[INIT]",
        "[CODEPAGE PC858]",
        "                [B][SIZE 1x2]ChainPos Market[/SIZE][/B]",
        "          12 High Street, Springfield",
        "                VAT DE123456789",
        "Receipt S01-R2-000042           2025-03-14 15:42",
        "Cashier: Anna",
        "------------------------------------------------",
        "Milk 1L                                     1.29",
        "Apples Jonagold",
        "  3 x 0.50                                  1.50",
        "  3 for 1.20                               -0.30",
        "Crème fraîche 200g                          1.89",
        "------------------------------------------------",
        "Subtotal                                    4.68",
        "Discounts                                  -0.30",
        "[B][SIZE 1x2]TOTAL                                      €4.38[/SIZE][/B]",
        "Gift card ****9012                          1.00",
        "  Balance                                  14.00",
        "VISA ****1234                               2.00",
        "  Auth A00001",
        "Cash                                        2.00",
        "Change                                      0.62",
        "------------------------------------------------",
        "VAT 7% incl. on 4.38                        0.29",
        "------------------------------------------------",
        "Points earned                                  4",
        "Points balance                               310",
        "------------------------------------------------",
        "        Thank you for shopping with us!",
        "   Returns within 30 days with this receipt.",
        string.Empty,
        "[QR \"S01-R2-000042\" model=2 size=6 ec=M]",
        "[CUT]");

    [Fact]
    public void Render_Sale_DecodesToTheExpectedReceipt()
    {
        var bytes = new ReceiptRenderer().Render(SampleReceipts.Sale);

        Assert.Equal(SaleAt48Columns, EscPosDecoder.Decode(bytes, 48));
    }

    [Fact]
    public void Render_WeighedLine_PrintsWeightAndPricePerKilogramUnderTheName()
    {
        var receipt = SampleReceipts.Sale with
        {
            Lines = [new ReceiptLine("Loose apples", 1, 598, 306, WeightGrams: 512), new ReceiptLine("Cheese", 1, 1999, 2439, 244, "10 % off", WeightGrams: 1220)],
        };

        var bytes = new ReceiptRenderer().Render(receipt);

        var weighed = Bytes.Of("Loose apples", 0x0A, "  0.512 kg @ 5.98/kg", new string(' ', 24), "3.06", 0x0A);
        Assert.True(Bytes.IndexOf(bytes, weighed) > 0);
        Assert.Contains(
            Bytes.Lines(
                "Loose apples",
                "  0.512 kg @ 5.98/kg                        3.06",
                "Cheese",
                "  1.220 kg @ 19.99/kg                      24.39",
                "  10 % off                                 -2.44"),
            EscPosDecoder.Decode(bytes, 48),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WeighedLineOnGiftReceipt_WeightWithoutPrice()
    {
        var receipt = SampleReceipts.Sale with { GiftReceipt = true, Lines = [new ReceiptLine("Loose apples", 1, 598, 306, WeightGrams: 512)] };

        var text = EscPosDecoder.Decode(new ReceiptRenderer().Render(receipt), 48);

        Assert.Contains("\nLoose apples 0.512 kg\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("5.98", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Sale_StartsWithInitAndPc858AndEndsWithPartialCut()
    {
        var bytes = new ReceiptRenderer().Render(SampleReceipts.Sale);

        Assert.Equal(Bytes.Of(0x1B, 0x40, 0x1B, 0x74, 19, 0x1B, 0x61, 1), bytes[..8]);
        Assert.Equal(Bytes.Of(0x1B, 0x61, 0, 0x1D, 0x56, 66, 0), bytes[^7..]);
    }

    [Fact]
    public void Render_Sale_TotalIsDoubleHeightBoldWithEuroAs0xD5()
    {
        var bytes = new ReceiptRenderer().Render(SampleReceipts.Sale);

        var total = Bytes.Of(0x1B, 0x45, 1, 0x1D, 0x21, 0x01, "TOTAL", new string(' ', 38), 0xD5, "4.38", 0x1D, 0x21, 0, 0x1B, 0x45, 0, 0x0A);
        Assert.True(Bytes.IndexOf(bytes, total) > 0);
    }

    [Fact]
    public void Render_GiftReprintWithDrawerAt32ColumnsAndCode128_NoPricesBannersAndBarcode()
    {
        var renderer = new ReceiptRenderer(new ReceiptPrinterOptions { Width = 32, ReceiptCode = ReceiptCodeKind.Code128 });
        var receipt = SampleReceipts.Sale with { GiftReceipt = true, Reprint = true, OpenDrawer = true };

        var text = EscPosDecoder.Decode(renderer.Render(receipt), 32);

        Assert.Equal(
            Bytes.Lines(
                "[INIT]",
                "[CODEPAGE PC858]",
                "[DRAWER pin2 on=50ms off=500ms]",
                "         [B][SIZE 2x2]REPRINT[/SIZE][/B]",
                "    [B][SIZE 2x2]GIFT RECEIPT[/SIZE][/B]",
                "        [B][SIZE 1x2]ChainPos Market[/SIZE][/B]",
                "  12 High Street, Springfield",
                "        VAT DE123456789",
                "Receipt S01-R2-000042",
                "                2025-03-14 15:42",
                "Cashier: Anna",
                "--------------------------------",
                "Milk 1L",
                "3 x Apples Jonagold",
                "Crème fraîche 200g",
                "--------------------------------",
                "Thank you for shopping with us!",
                "Returns within 30 days with this",
                "            receipt.",
                "        *** REPRINT ***",
                string.Empty,
                "[BARCODE CODE128 \"S01-R2-000042\" height=80 module=2 hri=below]",
                "[CUT]"),
            text);
    }

    [Fact]
    public void Render_Pc437_TotalFallsBackToCurrencyCodeAndAccentsStayInTable()
    {
        var renderer = new ReceiptRenderer(new ReceiptPrinterOptions { CodePage = "PC437", ReceiptCode = ReceiptCodeKind.None });

        var text = EscPosDecoder.Decode(renderer.Render(SampleReceipts.Sale));

        Assert.Contains("\n[CODEPAGE PC437]\n", text, StringComparison.Ordinal);
        Assert.Contains("\n[B][SIZE 1x2]TOTAL                                   EUR 4.38[/SIZE][/B]\n", text, StringComparison.Ordinal);
        Assert.Contains("\nCrème fraîche 200g                          1.89\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[QR", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ExclusiveTaxOfflineCardAndLongName_TaxInTotalsOfflineAuthAndWrappedName()
    {
        var receipt = new ReceiptDocument
        {
            ReceiptNumber = "S07-R1-000001",
            CompletedAt = new DateTimeOffset(2025, 7, 4, 9, 5, 0, TimeSpan.FromHours(-5)),
            Currency = "USD",
            Lines = [new ReceiptLine("Extra large stainless steel water bottle, blue", 1, 2499, 2499)],
            Subtotal = 2499,
            Total = 2705,
            Taxes = [new ReceiptTaxLine("Sales tax", 825, Inclusive: false, Taxable: 2499, Tax: 206)],
            Tenders = [ReceiptTender.Card(2705, SampleReceipts.VisaApproval with { Offline = true })],
        };
        var renderer = new ReceiptRenderer(new ReceiptPrinterOptions { Width = 42, ReceiptCode = ReceiptCodeKind.None });

        var text = EscPosDecoder.Decode(renderer.Render(receipt), 42);

        Assert.Equal(
            Bytes.Lines(
                "[INIT]",
                "[CODEPAGE PC858]",
                "Receipt S07-R1-000001     2025-07-04 09:05",
                "------------------------------------------",
                "Extra large stainless steel water bottle,",
                "blue                                 24.99",
                "------------------------------------------",
                "Subtotal                             24.99",
                "Tax                                   2.06",
                "[B][SIZE 1x2]TOTAL                               $27.05[/SIZE][/B]",
                "VISA ****1234                        27.05",
                "  Auth A00001 (offline)",
                "------------------------------------------",
                "Sales tax 8.25% on 24.99              2.06",
                "------------------------------------------",
                "[CUT]"),
            text);
    }

    [Fact]
    public void RenderDrawerKick_Defaults_IsOnlyEscPPin2For50And500Milliseconds()
    {
        Assert.Equal(Bytes.Of(0x1B, 0x70, 0, 25, 250), new ReceiptRenderer().RenderDrawerKick());
    }

    [Theory]
    [InlineData(23)]
    [InlineData(65)]
    public void Constructor_WidthOutOfRange_Throws(int width)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReceiptRenderer(new ReceiptPrinterOptions { Width = width }));
    }
}
