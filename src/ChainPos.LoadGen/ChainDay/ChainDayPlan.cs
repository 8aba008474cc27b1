using System.Globalization;

namespace ChainPos.LoadGen.ChainDay;

/// <summary>
/// The data set and the mix of a chain-day run; the same plan (and seed) drives ChainPos and the baseline.
/// Ids are derived from the sizes, so a re-run with the same sizes reuses what an earlier run seeded.
/// <paramref name="DuplicateShare"/> of the mutating calls are sent twice with the same id, the first answer
/// dropped as if lost on the network: the invariants then prove that a retry doubles nothing.
/// </summary>
internal sealed record ChainDayPlan(
    int Stores, int Registers, int Skus, int Customers, int GiftCards, long InitialStock, int Seed,
    double WebShare = 0.05, double CommitShare = 0.7, double LoyaltyShare = 0.20, double GiftCardShare = 0.05, double ReturnShare = 0.01,
    double ZipfExponent = 1.0, string Tag = "", double DuplicateShare = 0)
{
    public const string Currency = "EUR";
    public const int TaxBasisPoints = 1900;
    public const long GiftCardBalance = 100_000_00;

    public string Store(int i) => string.Create(CultureInfo.InvariantCulture, $"CD{Tag}{Stores}x{Skus}-S{i:D4}");

    public static string Register(int r) => string.Create(CultureInfo.InvariantCulture, $"R{r:D2}");

    public string Sku(int rank) => string.Create(CultureInfo.InvariantCulture, $"CD{Tag}{Skus}-{rank:D6}");

    public string Customer(int i) => string.Create(CultureInfo.InvariantCulture, $"CD-C{i:D7}");

    /// <summary>16 digits: 6006 then the card number.</summary>
    public static string GiftCard(int i) => string.Create(CultureInfo.InvariantCulture, $"6006{i:D12}");

    /// <summary>Shelf price, tax included, of a SKU by popularity rank: 0.49 to 199.99, spread deterministically.</summary>
    public static long Price(int rank) => 49 + ((long)rank * 7919 % 19950);

    public IEnumerable<string> AllStores => Enumerable.Range(1, Stores).Select(Store);

    public IEnumerable<(string Store, string Register)> AllRegisters =>
        AllStores.SelectMany(s => Enumerable.Range(1, Registers).Select(r => (s, Register(r))));

    public IEnumerable<string> AllSkus => Enumerable.Range(1, Skus).Select(Sku);

    public IEnumerable<string> AllCustomers => Enumerable.Range(1, Customers).Select(Customer);

    public IEnumerable<string> AllGiftCards => Enumerable.Range(1, GiftCards).Select(GiftCard);
}
