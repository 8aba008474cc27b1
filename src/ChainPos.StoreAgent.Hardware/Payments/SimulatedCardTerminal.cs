using System.Globalization;
using ChainPos.Domain;

namespace ChainPos.StoreAgent.Hardware.Payments;

/// <summary>
/// A card terminal for tests, demos and training. It approves, except: scripted outcomes
/// (<see cref="Enqueue"/>) come first; amounts ending in 13 are declined; with the acquirer
/// unreachable it approves offline up to the floor limit and declines above it; a
/// <see cref="SimulatedOutcome.NoAnswer"/> (or a processing time at least the response time-out)
/// gives <see cref="CardTimedOut"/> after the time-out on its <see cref="TimeProvider"/>.
/// Answers are remembered per reference, as real terminals do, so a retry gets the first answer.
/// </summary>
public sealed class SimulatedCardTerminal(SimulatedCardTerminalOptions? options = null, TimeProvider? timeProvider = null)
    : ICardTerminal
{
    private readonly SimulatedCardTerminalOptions _options = options ?? new SimulatedCardTerminalOptions();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Queue<SimulatedOutcome> _script = new();
    private readonly Dictionary<string, CardAuthorization> _answered = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _approvals;

    /// <summary>Scripts the next answers, in order; after them the rules apply again.</summary>
    public void Enqueue(params SimulatedOutcome[] outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        lock (_lock)
        {
            foreach (var outcome in outcomes)
            {
                _script.Enqueue(outcome);
            }
        }
    }

    /// <inheritdoc />
    public async Task<CardAuthorization> AuthorizeAsync(
        long amount, string currency, string reference, CancellationToken cancellationToken = default)
    {
        Validate(amount, currency, reference);
        SimulatedOutcome outcome;
        bool scripted;
        lock (_lock)
        {
            if (_answered.TryGetValue(reference, out var earlier))
            {
                return earlier;
            }

            scripted = _script.TryDequeue(out outcome);
            outcome = scripted ? outcome : Decide(amount);
        }

        var answerAfter = outcome == SimulatedOutcome.NoAnswer ? Timeout.InfiniteTimeSpan : _options.ProcessingTime;
        if (answerAfter == Timeout.InfiniteTimeSpan || answerAfter >= _options.ResponseTimeout)
        {
            await Task.Delay(_options.ResponseTimeout, _time, cancellationToken);
            return new CardTimedOut();
        }

        if (answerAfter > TimeSpan.Zero)
        {
            await Task.Delay(answerAfter, _time, cancellationToken);
        }

        lock (_lock)
        {
            if (!_answered.TryGetValue(reference, out var answer))
            {
                answer = outcome == SimulatedOutcome.Approve ? Approve() : Decline(amount, currency, scripted);
                _answered.Add(reference, answer);
            }

            return answer;
        }
    }

    private SimulatedOutcome Decide(long amount)
    {
        if (!_options.AcquirerReachable)
        {
            return amount <= _options.OfflineFloorLimit ? SimulatedOutcome.Approve : SimulatedOutcome.Decline;
        }

        return _options.DeclineAmountsEndingIn13 && amount % 100 == 13 ? SimulatedOutcome.Decline : SimulatedOutcome.Approve;
    }

    private CardApproved Approve()
    {
        var n = ++_approvals;
        var offline = !_options.AcquirerReachable;
        return new CardApproved(
            PaymentToken.Parse(string.Create(CultureInfo.InvariantCulture, $"SIM-{n:D6}")),
            CardBrand.Parse(_options.Brand),
            CardLast4.Parse(_options.Last4),
            offline ? "Y1" : string.Create(CultureInfo.InvariantCulture, $"A{n:D5}"),
            offline);
    }

    private CardDeclined Decline(long amount, string currency, bool scripted) => (scripted, _options.AcquirerReachable) switch
    {
        (true, _) => new CardDeclined("Declined by the card issuer (simulated)."),
        (false, true) => new CardDeclined("Declined by the card issuer (simulated: amount ends in 13)."),
        _ => new CardDeclined(
            $"Terminal offline: {Currencies.Format(amount, currency)} is above the offline floor limit of "
            + $"{Currencies.Format(_options.OfflineFloorLimit, currency)}."),
    };

    private static void Validate(long amount, string currency, string reference)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        if (!Currencies.IsKnown(currency))
        {
            throw new ArgumentException($"Unsupported currency '{currency}'.", nameof(currency));
        }

        if (!PaymentReference.IsValid(reference))
        {
            throw new ArgumentException("The reference is 1 to 64 characters and never a card number.", nameof(reference));
        }
    }
}
