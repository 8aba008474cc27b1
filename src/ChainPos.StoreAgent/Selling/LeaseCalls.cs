using ChainPos.StoreAgent.Offline;
using Grpc.Core;

namespace ChainPos.StoreAgent.Selling;

/// <summary>A platform call on a lease (allowance or stock quota), with the answers both kinds of lease treat alike.</summary>
internal static class LeaseCalls
{
    /// <summary>
    /// Runs <paramref name="call"/>. A lease the platform no longer knows (NOT_FOUND) or will not keep (FAILED_PRECONDITION)
    /// is dropped here too with <paramref name="forget"/>; a link failure marks the link down. False only when the link failed.
    /// </summary>
    public static async Task<bool> RunAsync(Func<Task> call, Func<Task> forget, LinkState link, Action<RpcException> failed)
    {
        try
        {
            await call();
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            await forget();
        }
        catch (RpcException e)
        {
            failed(e);
            if (LinkState.IsLinkFailure(e))
            {
                link.Down($"{e.StatusCode}: {e.Status.Detail}");
                return false;
            }
        }

        return true;
    }
}
