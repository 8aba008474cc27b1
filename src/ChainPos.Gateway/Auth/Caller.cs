using Grpc.Core;

namespace ChainPos.Gateway.Auth;

/// <summary>What a credential is allowed to reach.</summary>
public enum CallerRole
{
    /// <summary>A store agent: its own store's registers, stock and customers at the till.</summary>
    Store = 1,

    /// <summary>The e-commerce site: reservations, availability, catalogue reads.</summary>
    Commerce = 2,

    /// <summary>Head office: configuration, catalogue, reports, any store.</summary>
    Admin = 3,
}

/// <summary>The authenticated caller of a gRPC call, with the checks services make before touching a grain.</summary>
public sealed record Caller(string Name, CallerRole Role, string? StoreId)
{
    /// <summary>Passes for the admin and for the agent of <paramref name="storeId"/>.</summary>
    public void RequireStore(string storeId)
    {
        if (Role == CallerRole.Admin || (Role == CallerRole.Store && StoreId == storeId))
        {
            return;
        }

        throw Denied(Role == CallerRole.Store ? $"store '{storeId}' (this credential is for store '{StoreId}')" : $"store '{storeId}'");
    }

    public void RequireAdmin()
    {
        if (Role != CallerRole.Admin)
        {
            throw Denied("an admin operation");
        }
    }

    public void RequireStoreOrAdmin()
    {
        if (Role is not (CallerRole.Store or CallerRole.Admin))
        {
            throw Denied("store operations");
        }
    }

    public void RequireCommerceOrAdmin()
    {
        if (Role is not (CallerRole.Commerce or CallerRole.Admin))
        {
            throw Denied("e-commerce operations");
        }
    }

    private RpcException Denied(string what) =>
        new(new Status(StatusCode.PermissionDenied, $"Credential '{Name}' ({Role}) may not access {what}."));
}
