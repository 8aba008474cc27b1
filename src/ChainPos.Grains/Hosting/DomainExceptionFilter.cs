namespace ChainPos.Grains.Hosting;

/// <summary>
/// Turns the Domain layer's <see cref="DomainException"/> (which has no Orleans serializer, by
/// design) into a <see cref="PosException"/> at the grain boundary, so callers in other grains and
/// processes see the same code and message; and database driver exceptions into a serializable
/// <see cref="StorageFailureException"/>.
/// </summary>
internal sealed class DomainExceptionFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
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
