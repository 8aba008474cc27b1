using Grpc.Core;

namespace ChainPos.Gateway.Auth;

/// <summary>Reads the caller the <see cref="AuthInterceptor"/> attached to a call.</summary>
public static class CallerContext
{
    internal const string Key = "chainpos.caller";

    /// <summary>The authenticated caller; throws Unauthenticated if the call bypassed authentication.</summary>
    public static Caller GetCaller(this ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var caller) && caller is Caller c
            ? c
            : throw new RpcException(new Status(StatusCode.Unauthenticated, "This call is not authenticated."));
}
