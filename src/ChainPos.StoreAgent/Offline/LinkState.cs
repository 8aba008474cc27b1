using ChainPos.StoreAgent.Hardware.Payments;
using Grpc.Core;

namespace ChainPos.StoreAgent.Offline;

/// <summary>
/// Whether the platform is reachable, from the outcome of every call. The simulated card terminal follows
/// it (a store whose link is down has lost the acquirer too), so it approves offline up to its floor limit.
/// </summary>
internal sealed class LinkState(TimeProvider time, SimulatedCardTerminalOptions terminal)
{
    private volatile bool _online;

    public bool Online => _online;

    public DateTimeOffset? LastContact { get; private set; }

    public string? LastError { get; private set; }

    public void Up()
    {
        _online = true;
        terminal.AcquirerReachable = true;
        LastContact = time.GetUtcNow();
        LastError = null;
    }

    public void Down(string why)
    {
        _online = false;
        terminal.AcquirerReachable = false;
        LastError = why;
    }

    /// <summary>Statuses that mean "could not reach the platform (or it could not answer)": the call may be retried as is.</summary>
    public static bool IsLinkFailure(RpcException e) => e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded
        or StatusCode.Cancelled or StatusCode.Internal or StatusCode.Unknown or StatusCode.ResourceExhausted or StatusCode.Aborted;
}
