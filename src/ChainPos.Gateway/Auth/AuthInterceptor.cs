using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ChainPos.Gateway.Auth;

/// <summary>Authenticates every ChainPos call from its "authorization: Bearer &lt;secret&gt;" metadata.</summary>
public sealed class AuthInterceptor(CredentialStore credentials) : Interceptor
{
    private const string Prefix = "Bearer ";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, responseStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        if (context.Method.StartsWith("/grpc.health.", StringComparison.Ordinal))
        {
            return;
        }

        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Send a credential as 'authorization: Bearer <secret>' metadata."));
        }

        var caller = credentials.Find(header[Prefix.Length..].Trim())
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "The credential is not known; check the secret configured for this client."));
        context.UserState[CallerContext.Key] = caller;
    }
}
