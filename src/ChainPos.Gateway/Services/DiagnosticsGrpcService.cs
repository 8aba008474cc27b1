using ChainPos.Abstractions;
using ChainPos.Abstractions.Diagnostics;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>Probes of the stack's own cost (admin only): an empty call, and a call through one in-memory grain.</summary>
public sealed class DiagnosticsGrpcService(IGrainFactory grains) : DiagnosticsService.DiagnosticsServiceBase
{
    private static readonly Task<EchoReply> Empty = Task.FromResult(new EchoReply());

    public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireAdmin();
        return Empty;
    }

    public override async Task<EchoReply> EchoGrain(EchoRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireAdmin();
        Ids.Require(request.Key, "key");
        var count = await grains.Grain<IProbeGrain>(GrainKeys.Probe(request.Key)).TouchAsync();
        return new EchoReply { Count = count };
    }
}
