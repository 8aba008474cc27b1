namespace ChainPos.Grains.Hosting;

/// <summary>
/// Turns the Domain layer's <see cref="DomainException"/> (which has no Orleans serializer, by
/// design) into a <see cref="PosException"/> at the grain boundary, so callers in other grains and
/// processes see the same code and message.
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
    }
}
