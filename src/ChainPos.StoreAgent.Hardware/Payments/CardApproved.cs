namespace ChainPos.StoreAgent.Hardware.Payments;

/// <summary>The payment was authorised.</summary>
/// <param name="Token">The terminal's reference to the payment, for capture and refunds.</param>
/// <param name="Brand">Card scheme.</param>
/// <param name="Last4">Last four digits of the card.</param>
/// <param name="AuthCode">The issuer's (or the terminal's offline) approval code: 1..8 letters or digits.</param>
/// <param name="Offline">True when the terminal approved without reaching the acquirer (under its floor limit).</param>
public sealed record CardApproved(PaymentToken Token, CardBrand Brand, CardLast4 Last4, string AuthCode, bool Offline = false)
    : CardAuthorization
{
    /// <inheritdoc cref="CardApproved"/>
    public string AuthCode { get; } = RequireAuthCode(AuthCode);

    /// <summary>"VISA ****1234", for receipts and screens.</summary>
    public string Masked => $"{Brand.Name} {Last4.Masked}";

    private static string RequireAuthCode(string code) =>
        code is { Length: > 0 and <= 8 } && code.All(char.IsAsciiLetterOrDigit)
            ? code
            : throw new ArgumentException("An approval code is 1 to 8 letters or digits.", nameof(code));
}
