using System.Net;
using Grpc.Health.V1;

namespace ChainPos.Observability.Tests;

/// <summary>Liveness, readiness and the standard gRPC health service; the operations endpoints stay off the gRPC port.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed class HealthTests(ObservabilityFixture fixture)
{
    [Fact]
    public async Task GrpcHealth_WithoutCredential_Serving()
    {
        var reply = await new Health.HealthClient(fixture.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthEndpoints_StartedSilo_200Healthy(string path)
    {
        using var response = await fixture.Ops.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/readyz")]
    [InlineData("/healthz")]
    public async Task OpsEndpoints_OnGrpcPort_404(string path)
    {
        // The gRPC port speaks HTTP/2 without TLS (prior knowledge), as store agents do.
        using var client = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await client.GetAsync(new Uri(fixture.GrpcAddress, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
