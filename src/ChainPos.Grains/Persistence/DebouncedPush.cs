namespace ChainPos.Grains.Persistence;

/// <summary>
/// Sends the newest of a grain's values to other grains off the caller's path: from a turn after the caller's that interleaves, at
/// most one send in flight and at most one per <c>interval</c>, always the newest value queued (older ones that never
/// went out are skipped). A failed send is retried after <c>retryDelay</c> until one lands. Receivers must ignore a value
/// they already hold (by its version): a retry, or a newer value that arrived while one was in flight, may repeat it.
/// Used by the stock grain's availability push and the gift card and loyalty grains' liability reports.
/// </summary>
/// <typeparam name="T">The value sent; queue only values that are durable.</typeparam>
internal sealed class DebouncedPush<T>(
    Grain grain,
    Func<T, Task> send,
    Func<TimeSpan> interval,
    Func<TimeSpan> retryDelay,
    TimeProvider time,
    Action<Exception, T> failed)
    where T : class
{
    private IGrainTimer? _timer;
    private T? _next;
    private bool _sending;
    private bool _armed;
    private DateTimeOffset _lastSend = DateTimeOffset.MinValue;

    /// <summary>Queues <paramref name="value"/> in place of any value not sent yet.</summary>
    public void Schedule(T value)
    {
        _next = value;
        if (!_sending && !_armed)
        {
            var due = _lastSend + interval() - time.GetUtcNow();
            Arm(due > TimeSpan.Zero ? due : TimeSpan.Zero);
        }
    }

    private void Arm(TimeSpan due)
    {
        _timer?.Dispose();
        _timer = null;
        _armed = true;
        if (due <= TimeSpan.Zero)
        {
            // The common case (the last send was an interval ago or more): no timer needed to send after this turn.
            AfterTurn.Run(static push => push.SendAsync(), this, e => failed(e, _next!));
            return;
        }

        _timer = grain.RegisterGrainTimer(
            static (push, _) => push.SendAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = true });
    }

    private async Task SendAsync()
    {
        _armed = false;
        if (_sending || _next is not { } value)
        {
            return;
        }

        _sending = true;
        try
        {
            _lastSend = time.GetUtcNow();
            await send(value);
            if (ReferenceEquals(_next, value))
            {
                _next = null;
            }
        }
        catch (Exception e)
        {
            failed(e, value);
            _sending = false;
            Arm(retryDelay());
            return;
        }
        finally
        {
            _sending = false;
        }

        if (_next is { } newer)
        {
            Schedule(newer);
        }
    }
}
