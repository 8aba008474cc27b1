namespace ChainPos.StoreAgent.Selling;

/// <summary>
/// A tender as taken at the register: card data is the terminal's token, brand and last four only; a gift card only by its mask
/// once taken. Offline, a gift card or points tender names the allowance lease it is spent from (and the card's hash).
/// </summary>
internal sealed record TakenTender(string Type, long Amount, string? CardToken = null, string? CardBrand = null, string? CardLast4 = null, string? GiftCardCode = null, bool OfflineApproval = false,
    string? LeaseId = null, string? GiftCardHash = null);
