namespace ChainPos.StoreAgent.Hardware.Payments;

/// <summary>
/// What a card terminal answered: <see cref="CardApproved"/>, <see cref="CardDeclined"/> or
/// <see cref="CardTimedOut"/>. None of them can hold a card number.
/// </summary>
public abstract record CardAuthorization
{
    private protected CardAuthorization()
    {
    }
}
