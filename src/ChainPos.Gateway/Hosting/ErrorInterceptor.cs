using ChainPos.Abstractions;
using ChainPos.Domain;
using ErrorCode = ChainPos.Domain.ErrorCode;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace ChainPos.Gateway.Hosting;

/// <summary>
/// Maps business errors to gRPC statuses with their message, and anything unexpected to Internal
/// or Unavailable with a message that does not leak internals (the details go to the log).
/// </summary>
public sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context.Method);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context.Method);
        }
    }

    private RpcException Map(Exception e, string method)
    {
        switch (e)
        {
            case PosException pos:
                return new RpcException(new Status(ToStatus(pos.Code), pos.Message));
            case DomainException domain:
                return new RpcException(new Status(ToStatus(domain.Code), domain.Message));
            case TimeoutException or OperationCanceledException or Orleans.Runtime.SiloUnavailableException or StorageFailureException:
                logger.CallUnavailable(e, method);
                return new RpcException(new Status(StatusCode.Unavailable, "The service is busy or restarting; retry with the same id."));
            default:
                logger.CallFailed(e, method);
                return new RpcException(new Status(StatusCode.Internal, "Unexpected server error; retry with the same id. If it persists, report the time and method."));
        }
    }

    private static StatusCode ToStatus(ErrorCode code) => code switch
    {
        ErrorCode.InvalidArgument => StatusCode.InvalidArgument,
        ErrorCode.NotFound => StatusCode.NotFound,
        ErrorCode.FailedPrecondition => StatusCode.FailedPrecondition,
        ErrorCode.AlreadyExists => StatusCode.AlreadyExists,
        ErrorCode.PermissionDenied => StatusCode.PermissionDenied,
        ErrorCode.ResourceExhausted => StatusCode.ResourceExhausted,
        _ => StatusCode.Unknown,
    };
}
