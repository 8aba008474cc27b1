namespace ChainPos.StoreAgent.Hardware.Payments;

/// <summary>
/// A payment terminal. The agent sends the amount and gets back an outcome with a token, the
/// brand and the last four digits; the card itself never leaves the terminal.
/// </summary>
public interface ICardTerminal
{
    /// <summary>
    /// Asks the customer to pay <paramref name="amount"/> by card and waits for the outcome.
    /// </summary>
    /// <param name="amount">Minor units of <paramref name="currency"/>, more than 0.</param>
    /// <param name="currency">ISO 4217 code.</param>
    /// <param name="reference">The agent's id of this payment (sale id + tender number, made by <see cref="PaymentReference.For"/>): repeating it returns the first outcome.</param>
    /// <param name="cancellationToken">Cancels waiting (the cashier aborted); throws <see cref="OperationCanceledException"/>.</param>
    /// <returns><see cref="CardApproved"/>, <see cref="CardDeclined"/> or, when the terminal did not answer within its time-out, <see cref="CardTimedOut"/>.</returns>
    Task<CardAuthorization> AuthorizeAsync(long amount, string currency, string reference, CancellationToken cancellationToken = default);
}
