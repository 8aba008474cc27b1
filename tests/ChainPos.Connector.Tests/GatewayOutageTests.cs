using System.Net;
using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.Connector.Tests.Events;
using static ChainPos.Connector.Tests.NodeFixture;

namespace ChainPos.Connector.Tests;

/// <summary>The gateway unreachable, and the connector restarted: accepted events are kept and applied once.</summary>
[Collection(NodeCollection.Name)]
public sealed class GatewayOutageTests(NodeFixture node)
{
    [Fact]
    public async Task Gateway_down_events_kept_in_order_and_applied_when_it_comes_back()
    {
        var sku = (await node.ProductsAsync(1, 10))[0];
        var order = NewId("ord");
        using var data = new TempDirectory("connector-test");
        await using var relay = new TcpRelay(node.GrpcAddress);
        await using var connector = await ConnectorHost.StartAsync(relay.Address, data);

        var created = await connector.PostAsync(Created("e-c-" + order, order, Shipped, (sku, 2)));
        var paid = await connector.PostAsync(Paid("e-p-" + order, order));
        var retrying = await Eventually.UntilAsync(() => connector.EventAsync("e-c-" + order), e => e!.Value.GetProperty("attempts").GetInt32() >= 3);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (created.Status, paid.Status));
        Assert.Equal("pending", retrying!.Value.GetProperty("state").GetString());
        Assert.StartsWith("Unavailable", retrying.Value.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await connector.EventAsync("e-p-" + order))!.Value.GetProperty("attempts").GetInt32());
        Assert.Null(await node.StatusAsync(order));

        relay.Start();

        Assert.Equal("applied", (await connector.SettledAsync("e-p-" + order)).GetProperty("state").GetString());
        Assert.Equal("applied", (await connector.SettledAsync("e-c-" + order)).GetProperty("state").GetString());
        Assert.Equal(ReservationStatus.Committed, await node.StatusAsync(order));
        Assert.Equal((8L, 0L), await node.LevelAsync(sku));
    }

    [Fact]
    public async Task Connector_restart_keeps_accepted_events_and_applies_them_once()
    {
        var sku = (await node.ProductsAsync(1, 10))[0];
        var order = NewId("ord");
        using var data = new TempDirectory("connector-test");
        await using var relay = new TcpRelay(node.GrpcAddress);
        await using (var first = await ConnectorHost.StartAsync(relay.Address, data))
        {
            await first.PostAsync(Created("e-c-" + order, order, S1, (sku, 4)));
            await Eventually.UntilAsync(() => first.EventAsync("e-c-" + order), e => e!.Value.GetProperty("attempts").GetInt32() >= 1);
        }

        relay.Start();
        await using var second = await ConnectorHost.StartAsync(relay.Address, data);
        var duplicate = await second.PostAsync(Created("e-c-" + order, order, S1, (sku, 4)));

        Assert.True(duplicate.Body.GetProperty("duplicate").GetBoolean());
        Assert.Equal("applied", (await second.SettledAsync("e-c-" + order)).GetProperty("state").GetString());
        Assert.Equal(ReservationStatus.Active, await node.StatusAsync(order));
        Assert.Equal((10L, 4L), await node.LevelAsync(sku));
    }
}
