namespace ChainPos.Grains.Hosting;

/// <summary>
/// Turns the Domain layer's <see cref="DomainException"/> (which has no Orleans serializer, by
/// design) into a <see cref="PosException"/> at the grain boundary, so callers in other grains and
/// processes see the same code and message; and database driver exceptions into a serializable
/// <see cref="StorageFailureException"/>.
/// </summary>
internal sealed class DomainExceptionFilter : IIncomingGrainCallFilter
{
    // Most calls finish without an exception, many of them synchronously: only those that have not finished yet pay
    // for an async state machine (every grain call passes through here). Its continuation only translates an exception
    // and touches no grain state, so it runs where the call completes (ConfigureAwait(false)) instead of being queued
    // back onto the activation's scheduler: one scheduled work item (a Task, its continuation and a delegate) less for
    // every grain call that waits.
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var call = context.Invoke();
        return call.IsCompletedSuccessfully ? Task.CompletedTask : TranslateAsync(call);
    }

    private static async Task TranslateAsync(Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (DomainException e)
        {
            throw PosException.From(e);
        }
        catch (System.Data.Common.DbException e)
        {
            // Driver exceptions (e.g. Npgsql's) cannot cross a grain boundary: the caller would only see
            // "no codec". Keep what matters for the operator and the caller's retry decision.
            throw new StorageFailureException($"Storage failed: {e.Message}", e.SqlState);
        }
    }
}
