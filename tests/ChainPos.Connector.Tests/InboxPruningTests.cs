using ChainPos.Connector.Inbound;
using ChainPos.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChainPos.Connector.Tests;

/// <summary>Inbox retention: applied events older than the retention are deleted; newer ones still de-duplicate; pending and parked stay.</summary>
public sealed class InboxPruningTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new("connector-prune");
    private readonly FakeTimeProvider _time = new(Start);
    private readonly ConnectorOptions _options;
    private readonly Inbox _inbox;

    public InboxPruningTests()
    {
        _options = new ConnectorOptions { DataPath = _data.File("connector.db"), InboxRetention = TimeSpan.FromDays(7), InboxPruneInterval = TimeSpan.FromHours(1) };
        _inbox = new Inbox(new ConnectorDatabase(Options.Create(_options)));
    }

    public void Dispose() => _data.Dispose();

    private static OrderEvent Paid(string eventId) => new(eventId, OrderEventType.Paid, "o-" + eventId, [], null, [], null, null);

    private async Task<long> AcceptAsync(string eventId, InboxState state, DateTimeOffset at)
    {
        Assert.True(await _inbox.AcceptAsync(Paid(eventId), "order.paid", "{}", at));
        var seq = (await _inbox.GetAsync(eventId))!.Seq;
        if (state == InboxState.Applied)
        {
            await _inbox.MarkAppliedAsync(seq, 1, "committed");
        }
        else if (state == InboxState.Parked)
        {
            await _inbox.ParkAsync(seq, 1, "FailedPrecondition: expired");
        }

        return seq;
    }

    [Fact]
    public async Task Prune_deletes_only_applied_events_past_the_retention_and_dedup_holds_within_it()
    {
        await AcceptAsync("old-applied", InboxState.Applied, Start);
        await AcceptAsync("old-pending", InboxState.Pending, Start);
        await AcceptAsync("old-parked", InboxState.Parked, Start);
        await AcceptAsync("recent-applied", InboxState.Applied, Start.AddDays(6));

        var deleted = await _inbox.PruneAppliedAsync(Start.AddDays(7).AddSeconds(1) - _options.InboxRetention);

        Assert.Equal(1, deleted);
        Assert.Null(await _inbox.GetAsync("old-applied"));
        Assert.Equal(InboxState.Pending, (await _inbox.GetAsync("old-pending"))!.State);
        Assert.Equal(InboxState.Parked, (await _inbox.GetAsync("old-parked"))!.State);
        // Within the retention the id is still a duplicate; past it, the id is accepted again (as a new event).
        Assert.False(await _inbox.AcceptAsync(Paid("recent-applied"), "order.paid", "{}", Start.AddDays(7)));
        Assert.True(await _inbox.AcceptAsync(Paid("old-applied"), "order.paid", "{}", Start.AddDays(7)));
    }

    [Fact]
    public async Task Prune_deletes_in_batches_until_none_is_left()
    {
        for (var i = 0; i < 1205; i++)
        {
            await AcceptAsync("bulk-" + i, InboxState.Applied, Start);
        }

        Assert.Equal(1205, await _inbox.PruneAppliedAsync(Start.AddSeconds(1)));
        Assert.Equal(0, (await _inbox.CountsAsync())["Applied"]);
    }

    [Fact]
    public async Task Pruner_runs_at_start_and_then_every_interval_on_the_clock()
    {
        await AcceptAsync("day0", InboxState.Applied, Start.AddDays(-8));
        await AcceptAsync("day1", InboxState.Applied, Start.AddDays(-7).AddMinutes(30));
        using var pruner = new InboxPruner(_inbox, _time, Options.Create(_options), NullLogger<InboxPruner>.Instance);

        await pruner.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => _inbox.GetAsync("day0"), e => e is null);
        Assert.NotNull(await _inbox.GetAsync("day1"));

        // day1 passes the retention 30 minutes later; the next round, one interval after the first, deletes it.
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await _inbox.GetAsync("day1"));
        _time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.UntilAsync(() => _inbox.GetAsync("day1"), e => e is null);
        await pruner.StopAsync(CancellationToken.None);
    }
}
