namespace ChainPos.Domain.Tests;

public class SecretsTests
{
    private const string GiftCard = "6000123456789012";

    [Fact]
    public void Hash_ValidPin_Pbkdf2FormatThatVerifies()
    {
        var hash = PinHasher.Hash("4821");

        var parts = hash.Split('$');
        Assert.Equal(["pbkdf2-sha256", "100000"], parts[..2]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.True(PinHasher.Verify("4821", hash));
    }

    [Fact]
    public void Hash_SamePinTwice_DifferentSalts()
    {
        Assert.NotEqual(PinHasher.Hash("4821"), PinHasher.Hash("4821"));
    }

    [Theory]
    [InlineData("4822")]
    [InlineData("48210")]
    [InlineData("")]
    [InlineData("abcd")]
    public void Verify_WrongPin_False(string pin)
    {
        var hash = PinHasher.Hash("4821");

        Assert.False(PinHasher.Verify(pin, hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha256$lots$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$100000$not*base64$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$")]
    [InlineData("md5$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void Verify_MalformedHash_False(string hash)
    {
        Assert.False(PinHasher.Verify("4821", hash));
    }

    [Fact]
    public void Verify_TamperedIterationCount_False()
    {
        var hash = PinHasher.Hash("4821").Replace("$100000$", "$99999$", StringComparison.Ordinal);

        Assert.False(PinHasher.Verify("4821", hash));
    }

    [Theory]
    [InlineData("1234", true)]
    [InlineData("12345678", true)]
    [InlineData("123", false)]
    [InlineData("123456789", false)]
    [InlineData("12 34", false)]
    [InlineData("١٢٣٤", false)] // non-ASCII digits
    [InlineData(null, false)]
    public void IsValidPin_Pin_FourToEightAsciiDigits(string? pin, bool valid)
    {
        Assert.Equal(valid, PinHasher.IsValidPin(pin));
    }

    [Fact]
    public void Hash_InvalidPin_InvalidArgument()
    {
        var error = Assert.Throws<DomainException>(() => PinHasher.Hash("12a4"));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("A PIN must be 4 to 8 digits. Choose another PIN.", error.Message);
    }

    [Theory]
    [InlineData(GiftCard)]
    [InlineData("6000 1234 5678 9012")]
    [InlineData("6000-1234-5678-9012")]
    public void GiftCardHash_AnySpelling_StableLowercaseHex(string code)
    {
        Assert.Equal("50ae8ffd476e099227751636fa6ff848be07fc270acd72646f8b108242433b49", GiftCardCodes.Hash(code));
    }

    [Theory]
    [InlineData(GiftCard, "****9012")]
    [InlineData("6000-1234-5678-9012-345", "****2345")]
    public void GiftCardMask_ValidCode_StarsAndLastFour(string code, string expected)
    {
        Assert.Equal(expected, GiftCardCodes.Mask(code));
    }

    [Theory]
    [InlineData(GiftCard, true)]
    [InlineData("6000123456789012345", true)]
    [InlineData("600012345678901", false)] // 15 digits
    [InlineData("60001234567890123456", false)] // 20 digits
    [InlineData("6000.1234.5678.9012", false)]
    [InlineData("6000 1234 5678 901X", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void GiftCardIsValid_Code_SixteenToNineteenDigits(string? code, bool valid)
    {
        Assert.Equal(valid, GiftCardCodes.IsValid(code));
    }

    [Fact]
    public void GiftCardHash_InvalidCode_InvalidArgument()
    {
        var error = Assert.Throws<DomainException>(() => GiftCardCodes.Hash("1234"));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }
}
