using System.Text.Json;
using ChainPos.TestSupport;

namespace ChainPos.Connector.Tests;

/// <summary>Stock changes followed over WatchStock and pushed to the shop's webhook, also across a connector restart.</summary>
[Collection(NodeCollection.Name)]
public sealed class StockFeedTests(NodeFixture node)
{
    [Fact]
    public async Task Changes_are_pushed_signed_in_order_and_none_missed_across_a_restart()
    {
        var sku = (await node.ProductsAsync(1, 10))[0];
        using var data = new TempDirectory("connector-test");
        await using var receiver = await StockReceiver.StartAsync();

        await using (var first = await ConnectorHost.StartAsync(node.GrpcAddress, data, receiver, sku))
        {
            await Until(receiver, sku, 10);
            await node.ReceiveAsync(sku, 5, "feed-a-" + sku);
            await Until(receiver, sku, 15);
        }

        // While the connector is down: two changes. The newest level must arrive after the restart.
        await node.ReceiveAsync(sku, 1, "feed-b-" + sku);
        await node.ReceiveAsync(sku, 2, "feed-c-" + sku);
        await using var second = await ConnectorHost.StartAsync(node.GrpcAddress, data, receiver, sku);
        var pushes = await Until(receiver, sku, 18);

        Assert.Equal(18, pushes[^1].GetProperty("on_hand").GetInt64());
        Assert.Equal(0, receiver.BadSignatures);
        Assert.All(pushes, p => Assert.Equal(("stock.changed", "S1"), (p.GetProperty("type").GetString(), p.GetProperty("location_id").GetString())));
        var sequences = pushes.Select(p => p.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        var onHand = pushes.Select(p => p.GetProperty("on_hand").GetInt64()).ToList();
        Assert.Equal(onHand.Order(), onHand);
        Assert.Equal(10, onHand[0]);
        Assert.Contains(15, onHand);
    }

    [Fact]
    public async Task Refused_pushes_are_retried_until_the_shop_accepts()
    {
        var sku = (await node.ProductsAsync(1, 7))[0];
        using var data = new TempDirectory("connector-test");
        await using var receiver = await StockReceiver.StartAsync();
        receiver.RefuseNext(3);

        await using var connector = await ConnectorHost.StartAsync(node.GrpcAddress, data, receiver, sku);
        var pushes = await Until(receiver, sku, 7);

        Assert.Equal(3, receiver.Refused);
        var push = Assert.Single(pushes);
        Assert.Equal((sku, 7L, 0L, 7L), (push.GetProperty("sku").GetString(), push.GetProperty("on_hand").GetInt64(), push.GetProperty("reserved").GetInt64(), push.GetProperty("available").GetInt64()));
        Assert.Equal($"{sku}/S1/{push.GetProperty("version").GetInt64()}", push.GetProperty("id").GetString());
    }

    private static async Task<IReadOnlyList<JsonElement>> Until(StockReceiver receiver, string sku, long onHand)
    {
        var pushes = await Eventually.UntilAsync(() => Task.FromResult(receiver.For(sku)), p => p.Count > 0 && p[^1].GetProperty("on_hand").GetInt64() == onHand);
        Assert.Equal(onHand, pushes[^1].GetProperty("on_hand").GetInt64());
        return pushes;
    }
}
