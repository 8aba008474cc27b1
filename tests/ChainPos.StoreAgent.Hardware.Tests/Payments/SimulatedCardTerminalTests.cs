using ChainPos.StoreAgent.Hardware.Payments;
using Microsoft.Extensions.Time.Testing;

namespace ChainPos.StoreAgent.Hardware.Tests.Payments;

public class SimulatedCardTerminalTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task AuthorizeAsync_Default_ApprovesWithTokenBrandLast4AndCode()
    {
        var terminal = new SimulatedCardTerminal(timeProvider: _time);

        var result = await terminal.AuthorizeAsync(1999, "EUR", "sale-1/1");

        var approved = Assert.IsType<CardApproved>(result);
        Assert.Equal("SIM-000001", approved.Token.Value);
        Assert.Equal("VISA ****1234", approved.Masked);
        Assert.Equal("A00001", approved.AuthCode);
        Assert.False(approved.Offline);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(1213)]
    public async Task AuthorizeAsync_AmountEndingIn13_Declines(long amount)
    {
        var terminal = new SimulatedCardTerminal(timeProvider: _time);

        var result = await terminal.AuthorizeAsync(amount, "EUR", "sale-1/1");

        Assert.Equal(new CardDeclined("Declined by the card issuer (simulated: amount ends in 13)."), result);
    }

    [Fact]
    public async Task AuthorizeAsync_ScriptedDecline_DeclinesOnceThenRulesApplyAgain()
    {
        var terminal = new SimulatedCardTerminal(timeProvider: _time);
        terminal.Enqueue(SimulatedOutcome.Decline);

        var first = await terminal.AuthorizeAsync(500, "EUR", "sale-1/1");
        var second = await terminal.AuthorizeAsync(500, "EUR", "sale-2/1");

        Assert.Equal(new CardDeclined("Declined by the card issuer (simulated)."), first);
        Assert.Equal("SIM-000001", Assert.IsType<CardApproved>(second).Token.Value);
    }

    [Fact]
    public async Task AuthorizeAsync_NoAnswer_TimedOutExactlyAtTheResponseTimeout()
    {
        var terminal = new SimulatedCardTerminal(new SimulatedCardTerminalOptions { ResponseTimeout = TimeSpan.FromSeconds(30) }, _time);
        terminal.Enqueue(SimulatedOutcome.NoAnswer);

        var pending = terminal.AuthorizeAsync(500, "EUR", "sale-1/1");
        _time.Advance(TimeSpan.FromSeconds(29));
        var completedEarly = pending.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(completedEarly);
        Assert.IsType<CardTimedOut>(await pending);
    }

    [Fact]
    public async Task AuthorizeAsync_TimedOutThenRetriedWithSameReference_AsksAgain()
    {
        var terminal = new SimulatedCardTerminal(timeProvider: _time);
        terminal.Enqueue(SimulatedOutcome.NoAnswer);
        var pending = terminal.AuthorizeAsync(500, "EUR", "sale-1/1");
        _time.Advance(TimeSpan.FromSeconds(60));
        await pending;

        var retry = await terminal.AuthorizeAsync(500, "EUR", "sale-1/1");

        Assert.IsType<CardApproved>(retry);
    }

    [Fact]
    public async Task AuthorizeAsync_ProcessingTimeUnderTimeout_ApprovesWhenTheCustomerIsDone()
    {
        var options = new SimulatedCardTerminalOptions { ProcessingTime = TimeSpan.FromSeconds(8) };
        var terminal = new SimulatedCardTerminal(options, _time);

        var pending = terminal.AuthorizeAsync(500, "EUR", "sale-1/1");
        _time.Advance(TimeSpan.FromSeconds(7));
        var completedEarly = pending.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(completedEarly);
        Assert.IsType<CardApproved>(await pending);
    }

    [Fact]
    public async Task AuthorizeAsync_CashierCancels_ThrowsOperationCanceled()
    {
        var terminal = new SimulatedCardTerminal(timeProvider: _time);
        terminal.Enqueue(SimulatedOutcome.NoAnswer);
        using var cancel = new CancellationTokenSource();

        var pending = terminal.AuthorizeAsync(500, "EUR", "sale-1/1", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task AuthorizeAsync_AcquirerUnreachableUnderFloorLimit_ApprovesOffline()
    {
        var options = new SimulatedCardTerminalOptions { AcquirerReachable = false, OfflineFloorLimit = 5000 };
        var terminal = new SimulatedCardTerminal(options, _time);

        var result = await terminal.AuthorizeAsync(5000, "EUR", "sale-1/1");

        var approved = Assert.IsType<CardApproved>(result);
        Assert.True(approved.Offline);
        Assert.Equal("Y1", approved.AuthCode);
    }

    [Fact]
    public async Task AuthorizeAsync_AcquirerUnreachableAboveFloorLimit_DeclinesSayingWhy()
    {
        var options = new SimulatedCardTerminalOptions { AcquirerReachable = false, OfflineFloorLimit = 5000 };
        var terminal = new SimulatedCardTerminal(options, _time);

        var result = await terminal.AuthorizeAsync(5001, "EUR", "sale-1/1");

        Assert.Equal(
            new CardDeclined("Terminal offline: 50.01 EUR is above the offline floor limit of 50.00 EUR."),
            result);
    }

    [Fact]
    public async Task AuthorizeAsync_SameReferenceTwice_ReturnsTheFirstOutcome()
    {
        var terminal = new SimulatedCardTerminal(timeProvider: _time);
        var first = await terminal.AuthorizeAsync(500, "EUR", "sale-1/1");
        terminal.Enqueue(SimulatedOutcome.Decline);

        var second = await terminal.AuthorizeAsync(500, "EUR", "sale-1/1");

        Assert.Same(first, second);
    }

    [Theory]
    [InlineData(0, "EUR", "sale-1/1")]
    [InlineData(500, "eur", "sale-1/1")]
    [InlineData(500, "EUR", "")]
    [InlineData(500, "EUR", "4111 1111 1111 1111")]
    public async Task AuthorizeAsync_BadInput_Throws(long amount, string currency, string reference)
    {
        var terminal = new SimulatedCardTerminal(timeProvider: _time);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => terminal.AuthorizeAsync(amount, currency, reference));
    }
}
