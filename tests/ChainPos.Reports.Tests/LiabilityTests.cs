using ChainPos.Api.V1;
using Grpc.Core;
using static ChainPos.Reports.Tests.Sales;

namespace ChainPos.Reports.Tests;

/// <summary>GetLiability over real gRPC: the chain's outstanding gift card balances and loyalty points.</summary>
[Collection(ReportsCollection.Name)]
public sealed class LiabilityTests(ReportsFixture fixture)
{
    private Task<Liability> ReadAsync() => ReportsClient(fixture.Admin).GetLiabilityAsync(new GetLiabilityRequest()).ResponseAsync;

    private static LiabilityAmount Of(Liability l, string currency) =>
        l.GiftCards.SingleOrDefault(c => c.Currency == currency) ?? new LiabilityAmount { Currency = currency };

    /// <summary>The liability once earlier tests' pushes have landed (the collection runs one test at a time).</summary>
    private async Task<Liability> SettledAsync()
    {
        var value = await ReadAsync();
        for (var i = 0; i < 100; i++)
        {
            await Task.Delay(500);
            var again = await ReadAsync();
            if (again.Equals(value))
            {
                return value;
            }

            value = again;
        }

        return value;
    }

    private static string NewCode() =>
        "6" + Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task GetLiability_IssueReloadRedeemAndPoints_MoveTheTotalsByExactlyThoseAmounts()
    {
        var admin = fixture.Admin;
        var cards = new GiftCardService.GiftCardServiceClient(admin);
        var before = await SettledAsync();

        var code = NewCode();
        var issue = new IssueGiftCardRequest { Code = code, OperationId = "liab-issue-" + code, Amount = 5_000, Currency = ReportsFixture.Currency };
        await cards.IssueGiftCardAsync(issue);
        await cards.IssueGiftCardAsync(issue); // retried: loads once
        await cards.IssueGiftCardAsync(new IssueGiftCardRequest { Code = code, OperationId = "liab-reload-" + code, Amount = 1_500, Currency = ReportsFixture.Currency });
        var chf = NewCode();
        await cards.IssueGiftCardAsync(new IssueGiftCardRequest { Code = chf, OperationId = "liab-chf-" + chf, Amount = 777, Currency = "CHF" });

        await OpenShiftAsync(admin, "L1", "R1");
        var sale = await RingAsync(admin, "L1", "R1", "liab-sale-" + code, [Line("TEE", 1)],
            [new Tender { Type = TenderType.GiftCard, Amount = 1_999, GiftCardCode = code }], ReportsFixture.Customer);
        Assert.Equal(1_999, sale.Total);
        Assert.True(sale.PointsEarned > 0);

        var eur = Of(before, ReportsFixture.Currency);
        var expectedEur = new LiabilityAmount { Currency = ReportsFixture.Currency, Amount = eur.Amount + 5_000 + 1_500 - 1_999, Holders = eur.Holders + 1 };
        var after = await Eventually(ReadAsync, l => Of(l, ReportsFixture.Currency).Equals(expectedEur) && l.LoyaltyPoints == before.LoyaltyPoints + sale.PointsEarned
            && Of(l, "CHF").Amount == Of(before, "CHF").Amount + 777);

        Assert.Equal(expectedEur, Of(after, ReportsFixture.Currency));
        Assert.Equal(new LiabilityAmount { Currency = "CHF", Amount = Of(before, "CHF").Amount + 777, Holders = Of(before, "CHF").Holders + 1 }, Of(after, "CHF"));
        Assert.Equal(before.LoyaltyPoints + sale.PointsEarned, after.LoyaltyPoints);
        Assert.Equal(after.GiftCards.OrderBy(c => c.Currency, StringComparer.Ordinal).Select(c => c.Currency), after.GiftCards.Select(c => c.Currency));
        Assert.Equal(5_000 + 1_500 - 1_999, (await cards.GetGiftCardBalanceAsync(new GetGiftCardBalanceRequest { Code = code })).Balance);

        // Nothing more arrives later: the figures stay put (no report counted twice).
        await Task.Delay(1_000);
        Assert.Equal(after, await ReadAsync());
    }

    [Fact]
    public async Task GetLiability_StoreCredential_PermissionDenied()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => ReportsClient(fixture.StoreA1).GetLiabilityAsync(new GetLiabilityRequest()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Fact]
    public async Task GetLiability_NoCredential_Unauthenticated()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => ReportsClient(fixture.Anonymous).GetLiabilityAsync(new GetLiabilityRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }
}
