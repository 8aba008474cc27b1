using ChainPos.Api.V1;
using Grpc.Core;

namespace ChainPos.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class DiagnosticsTests(GatewayFixture fixture)
{
    [Fact]
    public async Task EchoGrain_SameKey_CountsEveryCallInOneActivation()
    {
        var key = "probe-" + Guid.NewGuid().ToString("N")[..8];

        var first = await fixture.Admin.Diagnostics.EchoGrainAsync(new EchoRequest { Key = key });
        var second = await fixture.Admin.Diagnostics.EchoGrainAsync(new EchoRequest { Key = key });

        Assert.Equal((1L, 2L), (first.Count, second.Count));
    }

    [Fact]
    public async Task Echo_Admin_AnswersWithoutAGrain()
    {
        var reply = await fixture.Admin.Diagnostics.EchoAsync(new EchoRequest());

        Assert.Equal(0, reply.Count);
    }

    [Fact]
    public async Task EchoGrain_MissingKey_InvalidArgument()
    {
        var error = await Expect.StatusAsync(StatusCode.InvalidArgument, fixture.Admin.Diagnostics.EchoGrainAsync(new EchoRequest()));

        Assert.Contains("key", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Echo_StoreOrCommerceCredential_PermissionDenied()
    {
        await Expect.StatusAsync(StatusCode.PermissionDenied, fixture.S1Agent.Diagnostics.EchoAsync(new EchoRequest()));
        await Expect.StatusAsync(StatusCode.PermissionDenied, fixture.Commerce.Diagnostics.EchoGrainAsync(new EchoRequest { Key = "k" }));
        await Expect.StatusAsync(StatusCode.Unauthenticated, fixture.Anonymous.Diagnostics.EchoAsync(new EchoRequest()));
    }
}
