using System.Net;
using ChainPos.Api.V1;
using ChainPos.TestSupport;
using static ChainPos.Connector.Tests.Events;
using static ChainPos.Connector.Tests.NodeFixture;

namespace ChainPos.Connector.Tests;

/// <summary>Order webhooks through the real connector into the real node.</summary>
[Collection(NodeCollection.Name)]
public sealed class OrderWebhookTests(NodeFixture node) : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new("connector-test");
    private ConnectorHost _connector = null!;

    public async Task InitializeAsync() => _connector = await ConnectorHost.StartAsync(node.GrpcAddress, _data);

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Created_then_paid_reserves_then_commits()
    {
        var sku = (await node.ProductsAsync(1, 10))[0];
        var order = NewId("ord");

        var (status, body) = await _connector.PostAsync(Created("e-c-" + order, order, Shipped, (sku, 3)));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal("applied", (await _connector.SettledAsync("e-c-" + order)).GetProperty("state").GetString());
        Assert.Equal(ReservationStatus.Active, await node.StatusAsync(order));
        Assert.Equal((10L, 3L), await node.LevelAsync(sku));

        await _connector.PostAsync(Paid("e-p-" + order, order));

        Assert.Equal("applied", (await _connector.SettledAsync("e-p-" + order)).GetProperty("state").GetString());
        Assert.Equal(ReservationStatus.Committed, await node.StatusAsync(order));
        Assert.Equal((7L, 0L), await node.LevelAsync(sku));
    }

    [Fact]
    public async Task Cancelled_releases_the_reservation()
    {
        var sku = (await node.ProductsAsync(1, 5))[0];
        var order = NewId("ord");
        await _connector.PostAsync(Created("e-c-" + order, order, S1, (sku, 4)));
        await _connector.PostAsync(Cancelled("e-x-" + order, order));

        var entry = await _connector.SettledAsync("e-x-" + order);

        Assert.Equal("applied", entry.GetProperty("state").GetString());
        Assert.Equal(ReservationStatus.Released, await node.StatusAsync(order));
        Assert.Equal((5L, 0L), await node.LevelAsync(sku));
    }

    [Fact]
    public async Task Duplicate_events_have_one_effect()
    {
        var sku = (await node.ProductsAsync(1, 10))[0];
        var order = NewId("ord");
        var created = Created("e-c-" + order, order, Shipped, (sku, 2));

        var first = await _connector.PostAsync(created);
        var again = await _connector.PostAsync(created);
        // The shop re-sends the same order under a new event id: the gateway's idempotency by order id absorbs it.
        var resent = await _connector.PostAsync(Created("e-c2-" + order, order, Shipped, (sku, 2)));
        await _connector.PostAsync(Paid("e-p-" + order, order));
        await _connector.PostAsync(Paid("e-p-" + order, order));
        await _connector.PostAsync(Paid("e-p2-" + order, order));

        Assert.Equal((HttpStatusCode.Accepted, false), (first.Status, first.Body.GetProperty("duplicate").GetBoolean()));
        Assert.Equal((HttpStatusCode.Accepted, true), (again.Status, again.Body.GetProperty("duplicate").GetBoolean()));
        Assert.False(resent.Body.GetProperty("duplicate").GetBoolean());
        Assert.Contains("(repeat)", (await _connector.SettledAsync("e-c2-" + order)).GetProperty("outcome").GetString());
        Assert.Equal("applied", (await _connector.SettledAsync("e-p2-" + order)).GetProperty("state").GetString());
        Assert.Equal(1, (await _connector.EventAsync("e-p-" + order))!.Value.GetProperty("attempts").GetInt32());
        Assert.Equal((8L, 0L), await node.LevelAsync(sku));
    }

    [Fact]
    public async Task Bad_or_missing_signature_is_401_and_changes_nothing()
    {
        var sku = (await node.ProductsAsync(1, 10))[0];
        var order = NewId("ord");
        var body = Created("e-c-" + order, order, S1, (sku, 2));

        var wrong = await _connector.PostAsync(body, secret: "not-the-secret");
        var missing = await _connector.PostAsync(body, secret: null);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("The X-ChainPos-Signature header does not match the timestamp and body.", wrong.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.StartsWith("Missing X-ChainPos-Signature header", missing.Body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Null(await _connector.EventAsync("e-c-" + order));

        // A signed event queued behind them is applied, and still nothing of the refused one happened.
        var other = NewId("ord");
        await _connector.PostAsync(Created("e-c-" + other, other, S1, (sku, 1)));
        await _connector.SettledAsync("e-c-" + other);
        Assert.Null(await node.StatusAsync(order));
        Assert.Equal((10L, 1L), await node.LevelAsync(sku));
    }

    [Fact]
    public async Task Timestamp_outside_the_window_missing_or_altered_is_401_and_stores_nothing()
    {
        var sku = (await node.ProductsAsync(1, 10))[0];
        var order = NewId("ord");
        var id = "e-t-" + order;
        var body = Created(id, order, S1, (sku, 2));
        var now = DateTimeOffset.UtcNow;

        var old = await _connector.PostAsync(body, sentAt: now.AddMinutes(-6));
        var future = await _connector.PostAsync(body, sentAt: now.AddMinutes(6));
        var untimed = await _connector.PostAsync(body, timestamp: "");
        var garbled = await _connector.PostAsync(body, timestamp: "12:00");

        // A replay with a fresh timestamp but the old signature: the time is signed, so it does not match.
        var signedAt = now.AddMinutes(-10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        using var replay = new HttpRequestMessage(HttpMethod.Post, "/webhooks/orders") { Content = new ByteArrayContent(bytes) };
        replay.Headers.Add(Signature.TimestampHeader, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        replay.Headers.Add(Signature.Header, Signature.Sign(ConnectorHost.WebhookSecret, signedAt, bytes));
        using var replayed = await _connector.Http.SendAsync(replay);

        Assert.Equal(HttpStatusCode.Unauthorized, old.Status);
        Assert.Matches(@"^The event's X-ChainPos-Timestamp \(.+\) is 3\d\d s in the past; at most 300 s either way is accepted\.", old.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, future.Status);
        Assert.Contains("s in the future; at most 300 s", future.Body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, untimed.Status);
        Assert.StartsWith("Missing X-ChainPos-Timestamp header", untimed.Body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, garbled.Status);
        Assert.Equal("The X-ChainPos-Timestamp header must be Unix seconds (digits only), got '12:00'.", garbled.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Null(await _connector.EventAsync(id));

        // Within the window (4 minutes off either way) it is accepted.
        var late = await _connector.PostAsync(body, sentAt: now.AddMinutes(-4));
        Assert.Equal(HttpStatusCode.Accepted, late.Status);
        await _connector.SettledAsync(id);
        Assert.Equal((10L, 2L), await node.LevelAsync(sku));
    }

    [Theory]
    [InlineData("{\"id\": \"e1\", \"type\": ", "The body is not valid JSON")]
    [InlineData("[1, 2]", "The body must be a JSON object.")]
    [InlineData("{\"id\": \"e1\", \"type\": \"order.shipped\", \"order\": {\"id\": \"o1\"}}", "Unknown event type 'order.shipped'; expected order.created, order.paid or order.cancelled.")]
    [InlineData("{\"type\": \"order.paid\", \"order\": {\"id\": \"o1\"}}", "'id' is required and must be a non-empty string.")]
    [InlineData("{\"id\": \"e1\", \"type\": \"order.paid\"}", "'order' must be an object.")]
    [InlineData("{\"id\": \"e1\", \"type\": \"order.paid\", \"order\": {\"id\": \"bad id!\"}}", "'order.id' must be 1-64 characters of letters, digits, '.', '_', ':' or '-' (got 'bad id!').")]
    [InlineData("{\"id\": \"e1\", \"type\": \"order.created\", \"order\": {\"id\": \"o1\"}}", "order.created needs 'order.lines': an array of 1..100 {\"sku\", \"quantity\"}.")]
    [InlineData("{\"id\": \"e1\", \"type\": \"order.created\", \"order\": {\"id\": \"o1\", \"lines\": [{\"sku\": \"A\", \"quantity\": 0}]}}", "order.lines[0].quantity must be a whole number 1..9999.")]
    [InlineData("{\"id\": \"e1\", \"type\": \"order.created\", \"order\": {\"id\": \"o1\", \"customer_id\": 7, \"lines\": [{\"sku\": \"A\", \"quantity\": 1}]}}", "'order.customer_id' must be 1-64 characters of letters, digits, '.', '_', ':' or '-'.")]
    public async Task Malformed_body_is_400_saying_what_is_wrong(string body, string message)
    {
        var (status, answer) = await _connector.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(message, answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Null(await _connector.EventAsync("e1"));
    }

    [Fact]
    public async Task Refused_order_is_parked_visible_and_applied_after_a_retry()
    {
        var sku = (await node.ProductsAsync(1, 2))[0];
        var order = NewId("ord");
        await _connector.PostAsync(Created("e-c-" + order, order, S1, (sku, 5)));

        var parked = await _connector.SettledAsync("e-c-" + order);
        var list = await _connector.AdminAsync(HttpMethod.Get, "/inbox/parked");
        var health = await _connector.Http.GetAsync("/readyz");

        Assert.Equal("parked", parked.GetProperty("state").GetString());
        Assert.Equal($"FailedPrecondition: SKU '{sku}': 2 available at S1, the order needs 5. Nothing was reserved.", parked.GetProperty("last_error").GetString());
        Assert.Contains(list.Body.EnumerateArray(), e => e.GetProperty("event_id").GetString() == "e-c-" + order);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
        Assert.Null(await node.StatusAsync(order));

        await node.ReceiveAsync(sku, 3, "more-" + sku);
        var retry = await _connector.AdminAsync(HttpMethod.Post, $"/inbox/events/e-c-{order}/retry");
        var again = await _connector.AdminAsync(HttpMethod.Post, $"/inbox/events/e-c-{order}/retry");

        Assert.Equal(HttpStatusCode.Accepted, retry.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("applied", (await _connector.SettledAsync("e-c-" + order)).GetProperty("state").GetString());
        Assert.Equal(ReservationStatus.Active, await node.StatusAsync(order));
        Assert.Equal((5L, 5L), await node.LevelAsync(sku));
    }

    [Fact]
    public async Task Cancel_of_an_order_never_reserved_is_applied_as_nothing_to_release()
    {
        var order = NewId("ord");

        await _connector.PostAsync(Cancelled("e-x-" + order, order));
        var entry = await _connector.SettledAsync("e-x-" + order);

        Assert.Equal("applied", entry.GetProperty("state").GetString());
        Assert.StartsWith("nothing reserved: ", entry.GetProperty("outcome").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paid_pickup_order_is_held_until_the_store_collects_it()
    {
        var sku = (await node.ProductsAsync(1, 10))[0];
        var order = NewId("ord");
        await _connector.PostAsync(Created("e-c-" + order, order, S1, (sku, 2)));
        await _connector.PostAsync(Paid("e-p-" + order, order));

        var paid = await _connector.SettledAsync("e-p-" + order);
        var held = await node.Commerce.GetReservationAsync(new OrderRequest { OrderId = order });
        var pickList = await new CommerceService.CommerceServiceClient(node.S1Agent).ListPickupsAsync(new ListPickupsRequest { StoreId = S1 });

        Assert.Equal("applied", paid.GetProperty("state").GetString());
        Assert.StartsWith("paid, held for pickup at S1 until ", paid.GetProperty("outcome").GetString(), StringComparison.Ordinal);
        Assert.Equal(ReservationStatus.Active, held.Status);
        Assert.InRange(held.ExpiresAt.ToDateTimeOffset() - held.CreatedAt.ToDateTimeOffset(), TimeSpan.FromDays(3), TimeSpan.FromDays(3) + TimeSpan.FromMinutes(5));
        Assert.Contains(pickList.Pickups, p => p.OrderId == order);
        Assert.Equal((10L, 2L), await node.LevelAsync(sku));

        var collected = await new CommerceService.CommerceServiceClient(node.S1Agent).CollectPickupAsync(new CollectPickupRequest { StoreId = S1, OrderId = order });

        Assert.Equal(ReservationStatus.Committed, collected.Status);
        Assert.Equal((8L, 0L), await node.LevelAsync(sku));
    }

    [Fact]
    public async Task Paid_order_with_customer_earns_points_once()
    {
        var sku = (await node.ProductsAsync(2, 10))[1];
        var order = NewId("ord");
        var customer = NewId("cust");
        var loyalty = new LoyaltyService.LoyaltyServiceClient(node.S1Agent);
        await loyalty.EnrolCustomerAsync(new EnrolCustomerRequest { CustomerId = customer, DisplayName = "Ada", StoreId = S1 });
        await _connector.PostAsync(CreatedFor("e-c-" + order, order, Shipped, customer, (sku, 3)));
        await _connector.PostAsync(Paid("e-p-" + order, order));
        await _connector.PostAsync(Paid("e-p2-" + order, order));

        await _connector.SettledAsync("e-p2-" + order);
        var account = await loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = customer });
        var reservation = await node.Commerce.GetReservationAsync(new OrderRequest { OrderId = order });

        // 3 × 2.00 EUR at the default web rule (1 point per euro).
        Assert.Equal((6L, 600L), (account.Points, account.RollingSpend));
        Assert.Equal((ReservationStatus.Committed, customer), (reservation.Status, reservation.CustomerId));
    }

    [Fact]
    public async Task Created_for_unknown_customer_is_parked_and_nothing_reserved()
    {
        var sku = (await node.ProductsAsync(1, 10))[0];
        var order = NewId("ord");

        await _connector.PostAsync(CreatedFor("e-c-" + order, order, Shipped, "NO-SUCH-CUSTOMER", (sku, 1)));
        var parked = await _connector.SettledAsync("e-c-" + order);

        Assert.Equal(("parked", "NotFound: Customer 'NO-SUCH-CUSTOMER' is not enrolled in loyalty."), (parked.GetProperty("state").GetString(), parked.GetProperty("last_error").GetString()));
        Assert.Null(await node.StatusAsync(order));
        Assert.Equal((10L, 0L), await node.LevelAsync(sku));
    }

    [Fact]
    public async Task Extra_fields_of_the_shop_body_are_not_stored()
    {
        var sku = (await node.ProductsAsync(1, 10))[0];
        var order = NewId("ord");
        var body = Created("e-c-" + order, order, Shipped, (sku, 1))[..^1] + ",\"payment\":{\"card_number\":\"4111111111111111\"}}";

        var (status, _) = await _connector.PostAsync(body);
        await _connector.SettledAsync("e-c-" + order);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(ReservationStatus.Active, await node.StatusAsync(order));
        foreach (var file in Directory.GetFiles(_data.Path))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            Assert.DoesNotContain("4111111111111111", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Inbox_endpoints_need_the_admin_token()
    {
        using var response = await _connector.Http.GetAsync("/inbox/parked");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
