using ChainPos.Abstractions;
using ChainPos.Abstractions.GiftCards;
using ChainPos.Abstractions.Loyalty;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Grains.GiftCards;
using ChainPos.Grains.Loyalty;
using ChainPos.Storage;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using static ChainPos.Reports.Tests.Sales;

namespace ChainPos.Reports.Tests;

/// <summary>
/// BackfillLiability over real gRPC on PostgreSQL: cards and accounts stored before liability reporting (written here
/// as such rows) are counted once, a reload racing the back-fill is counted once, and a second run adds nothing.
/// </summary>
[Collection(ReportsCollection.Name)]
public sealed class LiabilityBackfillTests(ReportsFixture fixture)
{
    private ReportsService.ReportsServiceClient Admin => ReportsClient(fixture.Admin);

    private Task<Liability> ReadAsync() => Admin.GetLiabilityAsync(new GetLiabilityRequest()).ResponseAsync;

    private static LiabilityAmount Of(Liability l, string currency) =>
        l.GiftCards.SingleOrDefault(c => c.Currency == currency) ?? new LiabilityAmount { Currency = currency };

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

    /// <summary>Stores a row as the node stored it before liability reporting existed (version 0), without activating the grain.</summary>
    private async Task StoreLegacyAsync<T>(string stateName, IGrain grain, T state)
        where T : class, new()
    {
        var storage = fixture.App.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        await storage.WriteStateAsync(stateName, grain.GetGrainId(), new GrainState<T>(state));
    }

    private static string NewCode() =>
        "6" + Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task BackfillLiability_LegacyCardsAndAccounts_CountedOnce_EvenRacingAReload_AndARerunAddsNothing()
    {
        var before = await SettledAsync();
        long[] balances = [4_200, 1_050, 99];
        var codes = balances.Select(_ => NewCode()).ToArray();
        for (var i = 0; i < codes.Length; i++)
        {
            await StoreLegacyAsync("giftcard", fixture.Grains.GetGrain<IGiftCardGrain>(GrainKeys.GiftCard(GiftCardCodes.Hash(codes[i]))),
                new GiftCardState { Issued = true, Currency = ReportsFixture.Currency, MaskedCode = GiftCardCodes.Mask(codes[i]), Balance = balances[i] });
        }

        long[] points = [333, 444];
        foreach (var p in points)
        {
            await StoreLegacyAsync("loyalty", fixture.Grains.GetGrain<ILoyaltyAccountGrain>(GrainKeys.Loyalty("LEGACY-" + NewCode())),
                new LoyaltyAccountState { Enrolled = true, DisplayName = "Legacy", Points = p, EnrolledAt = DateTimeOffset.UtcNow, EnrolledStore = "L1" });
        }

        Assert.Equal(before, await SettledAsync()); // stored before the liability existed: not counted

        // A reload of a legacy card while the back-fill runs: the card counts its whole balance once either way.
        var reload = new GiftCardService.GiftCardServiceClient(fixture.Admin).IssueGiftCardAsync(new IssueGiftCardRequest
        {
            Code = codes[0], OperationId = "backfill-reload-" + codes[0], Amount = 500, Currency = ReportsFixture.Currency,
        }).ResponseAsync;
        var first = await Admin.BackfillLiabilityAsync(new BackfillLiabilityRequest { PageSize = 2 });
        await reload;

        var eur = Of(before, ReportsFixture.Currency);
        var expectedEur = new LiabilityAmount { Currency = ReportsFixture.Currency, Amount = eur.Amount + balances.Sum() + 500, Holders = eur.Holders + 3 };
        var counted = await Eventually(ReadAsync, l => Of(l, ReportsFixture.Currency).Equals(expectedEur) && l.LoyaltyPoints == before.LoyaltyPoints + points.Sum());
        Assert.Equal(expectedEur, Of(counted, ReportsFixture.Currency));
        Assert.Equal(before.LoyaltyPoints + points.Sum(), counted.LoyaltyPoints);
        Assert.InRange(first.GiftCardsCounted, 2, 3); // the reloaded card may have counted itself first
        Assert.True(first.GiftCardsVisited >= 3 && first.LoyaltyAccountsVisited >= 2 && first.LoyaltyAccountsCounted >= 2, first.ToString());
        Assert.Equal(before.LoyaltyAccounts + first.LoyaltyAccountsCounted, counted.LoyaltyAccounts);

        var again = await Admin.BackfillLiabilityAsync(new BackfillLiabilityRequest());
        Assert.Equal(0, again.GiftCardsCounted);
        Assert.Equal(0, again.LoyaltyAccountsCounted);
        Assert.Equal(first.GiftCardsVisited, again.GiftCardsVisited);
        Assert.Equal(counted, await SettledAsync());
        Assert.Equal(4_700, (await new GiftCardService.GiftCardServiceClient(fixture.Admin).GetGiftCardBalanceAsync(new GetGiftCardBalanceRequest { Code = codes[0] })).Balance);
    }

    [Fact]
    public async Task BackfillLiability_StoreCredentialOrBadPageSize_Refused()
    {
        var denied = await Assert.ThrowsAsync<RpcException>(() => ReportsClient(fixture.StoreA1).BackfillLiabilityAsync(new BackfillLiabilityRequest()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var bad = await Assert.ThrowsAsync<RpcException>(() => Admin.BackfillLiabilityAsync(new BackfillLiabilityRequest { PageSize = 5_000 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }
}
