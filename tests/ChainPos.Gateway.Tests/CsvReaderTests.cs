using ChainPos.Abstractions;
using ChainPos.Gateway.Import;

namespace ChainPos.Gateway.Tests;

/// <summary>The CSV reader on its own (no app needed).</summary>
public sealed class CsvReaderTests
{
    [Fact]
    public void Read_QuotedCommasQuotesAndLineBreaks_FieldsAndStartLines()
    {
        var records = CsvReader.Read("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x,\n\nlast,,").ToList();

        Assert.Equal(4, records.Count);
        Assert.Equal([1, 2, 4, 5], records.Select(r => r.Line));
        Assert.Equal(["a", "b,c", "say \"hi\""], records[0].Fields);
        Assert.Equal(["multi\nline", "x", ""], records[1].Fields);
        Assert.True(records[2].IsBlank);
        Assert.Equal(["last", "", ""], records[3].Fields);
    }

    [Fact]
    public void Read_EmptyQuotedField_Empty()
    {
        var record = Assert.Single(CsvReader.Read("\"\",\"\"\n"));
        Assert.Equal(["", ""], record.Fields);
    }

    [Fact]
    public void Read_UnclosedQuote_InvalidWithStartLine()
    {
        var error = Assert.Throws<PosException>(() => CsvReader.Read("h\n\"open\nstill open").ToList());
        Assert.Equal(ChainPos.Domain.ErrorCode.InvalidArgument, error.Code);
        Assert.StartsWith("Line 2: a quoted field is not closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_Invalid()
    {
        var error = Assert.Throws<PosException>(() => CsvReader.Read("h\nok\n\"x\"y,z").ToList());
        Assert.StartsWith("Line 3: unexpected text after a closing quote", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotUtf8_Invalid()
    {
        var error = Assert.Throws<PosException>(() => ProductCsv.Parse(new byte[] { 0x73, 0xFF, 0xFE }));
        Assert.StartsWith("The CSV file is not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HeaderOnly_Invalid()
    {
        var error = Assert.Throws<PosException>(() => ProductCsv.Parse("sku,name,price,currency,tax_class,category,barcodes\n"u8));
        Assert.Equal("The CSV file has a header row but no product rows.", error.Message);
    }
}
