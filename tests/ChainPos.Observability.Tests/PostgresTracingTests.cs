using System.Diagnostics;
using ChainPos.Api.V1;
using ChainPos.Silo;
using ChainPos.TestSupport;
using Grpc.Net.Client;
using static ChainPos.Observability.Tests.Chain;

namespace ChainPos.Observability.Tests;

/// <summary>On PostgreSQL the trace of a gRPC call reaches the SQL commands of its grain state writes (Npgsql spans).</summary>
[Collection(ObservabilityCollection.Name)] // Never beside the shared app: both apps' meters have the same names.
public sealed class PostgresTracingTests
{
    [Fact]
    public async Task OpenShift_OnPostgres_StateWriteHasNpgsqlSpansInTheCallsTrace()
    {
        var postgres = await PostgresServer.SharedAsync();
        var spans = new ExportedCollection<Activity>();
        var app = TestApp.Build(spans, logs: null, new()
        {
            ["ChainPos:Storage:Provider"] = "Postgres",
            ["ChainPos:Storage:PostgresConnectionString"] = await postgres.CreateDatabaseAsync("obs_tracing"),
        });
        await app.StartAsync();
        try
        {
            using var channel = GrpcChannel.ForAddress(ChainPosApp.GrpcAddress(app));
            var admin = new Api(channel, AdminSecret);
            await admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store("OBS-PG") });

            using var caller = new Activity("store-agent open shift") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start();
            await admin.Checkout.OpenShiftAsync(new OpenShiftRequest
            {
                StoreId = "OBS-PG", RegisterId = "R1", ShiftId = "pg-shift", CashierId = Cashier, CashierPin = CashierPin, OpeningFloat = 5000,
            });
            caller.Stop();

            var trace = await Eventually.UntilAsync(() => Task.FromResult(spans.Snapshot().Where(s => s.TraceId == caller.TraceId).ToList()),
                list => list.Any(s => s.Source.Name == "Microsoft.AspNetCore"));
            var server = Assert.Single(trace, s => s.Source.Name == "Microsoft.AspNetCore");
            var call = Assert.Single(trace, s => s.DisplayName == "IRegisterGrain/OpenShiftAsync" && s.Kind == ActivityKind.Client);
            var register = Assert.Single(trace, s => s.DisplayName == "IRegisterGrain/OpenShiftAsync" && s.Kind == ActivityKind.Server);
            Assert.Equal((server.SpanId, call.SpanId), (call.ParentSpanId, register.ParentSpanId));

            // Opening a shift writes the register twice (the shift, then the armed reminder); each write is one SQL command.
            var writes = trace.Where(s => s.DisplayName == "write storage" && s.ParentSpanId == register.SpanId).ToList();
            Assert.Equal(2, writes.Count);
            Assert.All(writes, write =>
            {
                // The provider grains see is SnapshotGrainStorage, which copies the state and hands it to the ADO.NET provider.
                Assert.Equal(("register", "SnapshotGrainStorage"), (write.GetTagItem("orleans.storage.state.name"), write.GetTagItem("orleans.storage.provider")));
                var sql = Assert.Single(trace, s => s.Source.Name == "Npgsql" && s.ParentSpanId == write.SpanId);
                Assert.Equal((ActivityKind.Client, "postgresql", "obs_tracing"), (sql.Kind, sql.GetTagItem("db.system.name"), sql.GetTagItem("db.namespace")));
                Assert.StartsWith("WITH u AS (UPDATE pos_grain_state", (string?)sql.GetTagItem("db.query.text"), StringComparison.Ordinal);
            });
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
