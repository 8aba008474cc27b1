using System.Collections.Concurrent;
using System.Diagnostics;
using ChainPos.Grains.Hosting;
using ChainPos.TestSupport;
using static ChainPos.Observability.Tests.Chain;

namespace ChainPos.Observability.Tests;

/// <summary>One gRPC call is one trace: the server span, the grain calls under it, their storage writes, and the log lines.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed class TracingTests(ObservabilityFixture fixture)
{
    [Fact]
    public async Task CompleteSale_CallerSendsTraceContext_ServerAndGrainSpansShareItsTrace()
    {
        const string store = "OBS-TRACE";
        await fixture.OpenShiftAsync(store);

        // The caller's context (a store agent's), sampled: the gRPC client sends it as the traceparent header.
        using var caller = new Activity("store-agent checkout") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start();
        await fixture.Admin.Checkout.CompleteSaleAsync(Sale(store, "trace-1", [Line("PEN", 2)], [Cash(300)]));
        caller.Stop();

        // The server span ends after the answer is sent: wait for its export.
        var spans = await Eventually.UntilAsync(() => Task.FromResult(fixture.Spans.Snapshot().Where(s => s.TraceId == caller.TraceId).ToList()),
            list => list.Any(s => s.Source.Name == "Microsoft.AspNetCore"));
        var server = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal((ActivityKind.Server, "/chainpos.v1.CheckoutService/CompleteSale", "0"),
            (server.Kind, server.GetTagItem("grpc.method"), server.GetTagItem("grpc.status_code")));

        const string method = "IRegisterGrain/CompleteSaleAsync";
        var call = Assert.Single(spans, s => s.DisplayName == method && s.Kind == ActivityKind.Client);
        var register = Assert.Single(spans, s => s.DisplayName == method && s.Kind == ActivityKind.Server);
        Assert.Equal(("Microsoft.Orleans.Application", server.SpanId), (call.Source.Name, call.ParentSpanId));
        Assert.Equal(("Microsoft.Orleans.Application", call.SpanId, "register/reg:OBS-TRACE/R1"),
            (register.Source.Name, register.ParentSpanId, register.GetTagItem("orleans.rpc.target_id")));

        // Inside the register's turn: the one durable write of the commit, and a catalogue lookup unless the silo's
        // product cache already holds the product. (The store's settings are the register's copy since the shift
        // opened: no call for them.) Effect delivery starts after the turn, outside this trace.
        var commit = Assert.Single(spans, s => s.DisplayName == "write storage" && s.ParentSpanId == register.SpanId);
        Assert.All(spans.Where(s => s.DisplayName == "ICatalogShardGrain/GetAsync" && s.Kind == ActivityKind.Client),
            lookup => Assert.Equal(register.SpanId, lookup.ParentSpanId));
        Assert.DoesNotContain(spans, s => s.DisplayName == "ISkuStockGrain/ApplyDeltasAsync");
        Assert.DoesNotContain(spans, s => s.DisplayName == "IStoreGrain/GetAsync");
        Assert.Equal(("Microsoft.Orleans.Storage", "register"), (commit.Source.Name, commit.GetTagItem("orleans.storage.state.name")));

        // The request's log lines carry the same trace and span ids.
        var logged = fixture.Logs.Snapshot().Where(l => l.TraceId == caller.TraceId && l.CategoryName == "Microsoft.AspNetCore.Hosting.Diagnostics").ToList();
        Assert.Equal(2, logged.Count);
        Assert.All(logged, l => Assert.Equal(server.SpanId, l.SpanId));
        Assert.StartsWith("Request starting HTTP/2 POST", logged[0].FormattedMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteSale_CallerDidNotSample_NoGrainCallActivityIsEvenMade()
    {
        const string store = "OBS-UNSAMPLED";
        await fixture.OpenShiftAsync(store);

        // Sees every activity the grain-call source makes, whoever asked for it, and asks for none itself.
        var made = new ConcurrentBag<(ActivityTraceId Trace, string Name)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SampledCallTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStarted = activity => made.Add((activity.TraceId, activity.DisplayName)),
        };
        ActivitySource.AddActivityListener(listener);

        // A store agent that did not sample this checkout: its traceparent says so (flags 00).
        using (var unsampled = new Activity("store-agent checkout").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            await fixture.Admin.Checkout.CompleteSaleAsync(Sale(store, "unsampled-1", [Line("PEN", 1)], [Cash(200)]));
            unsampled.Stop();

            // Not in the caller's trace, and not as a trace of its own either (a propagation-only root, as Orleans'
            // own propagation made for the register's side of the call). Every test of this assembly that rings a sale is in
            // this collection, so none runs meanwhile.
            Assert.DoesNotContain(made, m => m.Trace == unsampled.TraceId || m.Name == "IRegisterGrain/CompleteSaleAsync");
        }

        // The same listener does see the grain calls of a sampled checkout, so the absence above means something.
        using var sampled = new Activity("store-agent checkout") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start();
        await fixture.Admin.Checkout.CompleteSaleAsync(Sale(store, "unsampled-2", [Line("PEN", 1)], [Cash(200)]));
        sampled.Stop();
        Assert.Contains((sampled.TraceId, "IRegisterGrain/CompleteSaleAsync"), made);
    }
}
