using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.StoreAgent.Api;
using ChainPos.StoreAgent.Hosting;
using ChainPos.StoreAgent.Offline;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Selling;

/// <summary>
/// Allowances this register leases so gift cards and points can be spent while the link is down, with a bounded worst
/// case. A card or account used online here (or a customer looked up) gets a small lease (<see cref="AgentOptions.GiftCardAllowance"/>,
/// <see cref="AgentOptions.PointsAllowance"/>, or less when less is available). Offline, a gift card or points tender is taken up
/// to what its lease has left and refused beyond it with the reason. Before an online sale spends the card the lease is given
/// back (so the whole balance is usable), and a fresh one is taken after. Leases are renewed while in use and given back when
/// idle or expired, once every offline sale has synced (the platform has charged them by then).
/// </summary>
internal sealed partial class AllowanceService(
    AllowanceStore store, SaleJournal journal, PlatformClient platform, LinkState link, IOptions<AgentOptions> options, TimeProvider time,
    ILogger<AllowanceService> logger) : ILeaseUpkeep
{
    private readonly AgentOptions _options = options.Value;

    /// <summary>
    /// Offline: binds each gift card and points tender to this register's lease, or refuses the sale with what is left.
    /// Returns the tenders with their lease and what each lease is charged (minor units or points).
    /// </summary>
    public (List<TakenTender> Tenders, List<(string LeaseId, long Amount)> Spends) TakeOffline(
        List<TakenTender> tenders, string? customerId, StoreConfig storeConfig)
    {
        var now = time.GetUtcNow();
        var rule = Rule(storeConfig);
        var spends = new Dictionary<string, long>(StringComparer.Ordinal);
        var bound = new List<TakenTender>(tenders.Count);
        foreach (var t in tenders)
        {
            if (t.Type == "giftcard")
            {
                var hash = GiftCardCodes.Hash(t.GiftCardCode!);
                var lease = store.Find(LocalAllowance.GiftCard, hash);
                var left = (lease?.RemainingAt(now) ?? 0) - (lease is null ? 0 : spends.GetValueOrDefault(lease.LeaseId));
                if (lease is null || left <= 0)
                {
                    throw AgentException.Conflict($"offline: gift card {GiftCardCodes.Mask(t.GiftCardCode!)} has no allowance left at this register; take another tender until the link returns.");
                }

                if (t.Amount > left)
                {
                    throw AgentException.Conflict($"offline: this card can spend at most {Currencies.Format(left, storeConfig.Currency)} until the link returns.");
                }

                spends[lease.LeaseId] = spends.GetValueOrDefault(lease.LeaseId) + t.Amount;
                bound.Add(t with { LeaseId = lease.LeaseId, GiftCardHash = hash });
            }
            else if (t.Type == "points")
            {
                var lease = store.Find(LocalAllowance.Points, customerId!);
                var left = (lease?.RemainingAt(now) ?? 0) - (lease is null ? 0 : spends.GetValueOrDefault(lease.LeaseId));
                var points = LoyaltyRules.PointsFor(t.Amount, rule);
                if (lease is null || left <= 0)
                {
                    throw AgentException.Conflict($"offline: customer {customerId} has no points allowance left at this register; take another tender until the link returns.");
                }

                if (points > left)
                {
                    throw AgentException.Conflict(
                        $"offline: this customer can spend at most {left} points ({Currencies.Format(LoyaltyRules.PointsValue(left, rule), storeConfig.Currency)}) until the link returns.");
                }

                spends[lease.LeaseId] = spends.GetValueOrDefault(lease.LeaseId) + points;
                bound.Add(t with { LeaseId = lease.LeaseId });
            }
            else
            {
                bound.Add(t);
            }
        }

        return (bound, [.. spends.Select(s => (s.Key, s.Value))]);
    }

    /// <summary>
    /// Online, before a sale spends these cards or points: gives this register's leases on them back, so the whole balance is
    /// usable. False when the platform turned out to be unreachable (the lease is kept: sell offline from it instead).
    /// </summary>
    public async Task<bool> BeforeOnlineSaleAsync(IEnumerable<TakenTender> tenders, string? customerId)
    {
        foreach (var (kind, target) in Targets(tenders, customerId))
        {
            if (store.Find(kind, target) is { } lease && !await ReturnAsync(lease))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>After an online sale: leases an allowance on every card and account it used (in the background; failures are only logged).</summary>
    public void AfterOnlineSale(IEnumerable<TakenTender> tenders, string? customerId)
    {
        var codes = tenders.Where(t => t.Type == "giftcard" && t.GiftCardCode is not null).Select(t => t.GiftCardCode!).Distinct().ToList();
        _ = Task.Run(async () =>
        {
            foreach (var code in codes)
            {
                await AcquireAsync(LocalAllowance.GiftCard, GiftCardCodes.Hash(code), new AllowanceTarget { GiftCardCode = code }, _options.GiftCardAllowance);
            }

            if (customerId is not null)
            {
                await AcquireAsync(LocalAllowance.Points, customerId, new AllowanceTarget { CustomerId = customerId }, _options.PointsAllowance);
            }
        });
    }

    /// <summary>A customer was looked up online: lease an allowance of their points (in the background).</summary>
    public void CustomerSeen(string customerId) => _ = Task.Run(() =>
        AcquireAsync(LocalAllowance.Points, customerId, new AllowanceTarget { CustomerId = customerId }, _options.PointsAllowance));

    /// <summary>
    /// Online with every offline sale synced: gives back leases that expired or sat idle, renews those in use that are
    /// past half their life.
    /// </summary>
    public async Task KeepAsync(CancellationToken cancellationToken = default)
    {
        if (!link.Online || journal.Backlog().Count > 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var lease in store.All())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (lease.Granted == 0 && now - lease.LastUsed < _options.CallTimeout * 2)
            {
                continue; // being acquired right now
            }

            if (lease.ExpiresAt <= now || now - lease.LastUsed >= _options.AllowanceIdle)
            {
                await ReturnAsync(lease);
            }
            else if (lease.ExpiresAt - now < _options.AllowanceTtl / 2)
            {
                await CallAsync(lease, async () =>
                {
                    var renewed = await platform.Sync.RenewAllowanceAsync(Request(lease, (long)_options.AllowanceTtl.TotalSeconds), platform.Call(cancellationToken));
                    await store.SaveAsync(lease with { Granted = renewed.Granted, ExpiresAt = renewed.ExpiresAt.ToDateTimeOffset() });
                });
            }
        }
    }

    /// <summary>What the status page shows: every lease and what this register may still spend from it.</summary>
    public IEnumerable<object> View()
    {
        var now = time.GetUtcNow();
        return store.All().Select(a => new { kind = a.Kind, label = a.Label, leaseId = a.LeaseId, a.Granted, a.Spent, remaining = a.RemainingAt(now), a.ExpiresAt });
    }

    private async Task AcquireAsync(string kind, string target, AllowanceTarget allowanceTarget, long max)
    {
        var now = time.GetUtcNow();
        if (max <= 0 || store.Find(kind, target) is { } existing && existing.RemainingAt(now) > 0 && existing.ExpiresAt - now > _options.AllowanceTtl / 2)
        {
            return;
        }

        var leaseId = $"lease-{Guid.NewGuid():N}";
        var label = kind == LocalAllowance.GiftCard ? "****" : target;
        // Noted before the call with nothing to spend: if the answer is lost, the upkeep gives the lease back by its id.
        await store.SaveAsync(new LocalAllowance(leaseId, kind, target, label, 0, 0, now, now));
        try
        {
            var lease = await platform.Sync.AcquireAllowanceAsync(new AcquireAllowanceRequest
            {
                StoreId = _options.StoreId, RegisterId = _options.RegisterId, LeaseId = leaseId, Target = allowanceTarget, MaxAmount = max,
                TtlSeconds = (long)_options.AllowanceTtl.TotalSeconds,
            }, platform.Call());
            label = kind == LocalAllowance.GiftCard ? lease.MaskedCode : target;
            await store.SaveAsync(new LocalAllowance(leaseId, kind, target, label, lease.Granted, 0, lease.ExpiresAt.ToDateTimeOffset(), now));
            LogLeased(kind, label, lease.Granted);
        }
        catch (RpcException e)
        {
            // Nothing available, an unknown card, or the link: the register simply has no allowance for it offline.
            LogNotLeased(kind, e.StatusCode, e.Status.Detail);
            if (!LinkState.IsLinkFailure(e))
            {
                await store.DeleteAsync(leaseId);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Runs in the background after the sale: never unobserved.
            LogLeaseFailed(kind, e);
        }
    }

    private Task<bool> ReturnAsync(LocalAllowance lease) => CallAsync(lease, async () =>
    {
        await platform.Sync.ReturnAllowanceAsync(Request(lease, 0), platform.Call());
        await store.DeleteAsync(lease.LeaseId);
    });

    /// <summary>Runs a call on a lease; a lease the platform no longer knows is dropped here too. False when the link failed.</summary>
    private Task<bool> CallAsync(LocalAllowance lease, Func<Task> call) =>
        LeaseCalls.RunAsync(call, () => store.DeleteAsync(lease.LeaseId), link, e => LogLeaseCallFailed(lease.LeaseId, e.StatusCode, e.Status.Detail));

    private AllowanceRequest Request(LocalAllowance lease, long ttlSeconds) => new()
    {
        StoreId = _options.StoreId, RegisterId = _options.RegisterId, LeaseId = lease.LeaseId, TtlSeconds = ttlSeconds,
        Target = lease.Kind == LocalAllowance.GiftCard ? new AllowanceTarget { GiftCardHash = lease.Target } : new AllowanceTarget { CustomerId = lease.Target },
    };

    private static IEnumerable<(string Kind, string Target)> Targets(IEnumerable<TakenTender> tenders, string? customerId)
    {
        foreach (var t in tenders)
        {
            if (t.Type == "giftcard" && t.GiftCardCode is not null)
            {
                yield return (LocalAllowance.GiftCard, GiftCardCodes.Hash(t.GiftCardCode));
            }
            else if (t.Type == "points" && customerId is not null)
            {
                yield return (LocalAllowance.Points, customerId);
            }
        }
    }

    private static LoyaltyRule Rule(StoreConfig store) => store.Loyalty is { } l
        ? new LoyaltyRule(l.PointsPerMajorUnit, l.MinorPerPoint, l.SilverSpend, l.GoldSpend)
        : LoyaltyRule.Default;

    [LoggerMessage(Level = LogLevel.Information, Message = "Leased an offline allowance of {Granted} on {Kind} {Label}")]
    private partial void LogLeased(string kind, string label, long granted);

    [LoggerMessage(Level = LogLevel.Information, Message = "No offline allowance on a {Kind} ({Code}: {Detail})")]
    private partial void LogNotLeased(string kind, StatusCode code, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Leasing an offline allowance on a {Kind} failed")]
    private partial void LogLeaseFailed(string kind, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Allowance {LeaseId}: the platform call failed ({Code}: {Detail}); will try again")]
    private partial void LogLeaseCallFailed(string leaseId, StatusCode code, string detail);
}
