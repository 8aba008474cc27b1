using ChainPos.Api.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace ChainPos.Connector;

/// <summary>The gRPC channel to the ChainPos gateway, calling with the e-commerce credential.</summary>
internal sealed class Gateway : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Metadata _headers;
    private readonly TimeSpan _timeout;

    public Gateway(IOptions<ConnectorOptions> options)
    {
        var o = options.Value;
        if (!Uri.TryCreate(o.GatewayUrl, UriKind.Absolute, out var address))
        {
            throw new InvalidOperationException($"Connector:GatewayUrl must be an absolute URL such as http://chainpos:5000 (got '{o.GatewayUrl}').");
        }

        // Reconnect to a gateway that was down about as fast as the inbox retries (the client's default backoff grows to 2 minutes).
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { InitialReconnectBackoff = o.RetryInitialDelay, MaxReconnectBackoff = o.RetryMaxDelay });
        _headers = new Metadata { { "authorization", "Bearer " + o.GatewaySecret } };
        _timeout = o.CallTimeout;
        Commerce = new CommerceService.CommerceServiceClient(_channel);
    }

    /// <summary>The commerce service.</summary>
    public CommerceService.CommerceServiceClient Commerce { get; }

    /// <summary>Options of a unary call: the credential and the call deadline.</summary>
    public CallOptions Call(CancellationToken cancellationToken) => new(_headers, DateTime.UtcNow + _timeout, cancellationToken);

    /// <summary>Options of a stream that runs until cancelled.</summary>
    public CallOptions Stream(CancellationToken cancellationToken) => new(_headers, cancellationToken: cancellationToken);

    public void Dispose() => _channel.Dispose();
}
