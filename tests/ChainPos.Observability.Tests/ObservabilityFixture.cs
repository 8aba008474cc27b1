using System.Diagnostics;
using ChainPos.Api.V1;
using ChainPos.Silo;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry.Logs;
using static ChainPos.Observability.Tests.Chain;

namespace ChainPos.Observability.Tests;

/// <summary>
/// Starts the real all-in-one app once for the collection (memory storage, free ports, in-memory span and log
/// exporters) and sets up the chain through the public API.
/// </summary>
public sealed class ObservabilityFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public ExportedCollection<Activity> Spans { get; } = new();

    public ExportedCollection<LogRecord> Logs { get; } = new();

    public GrpcChannel Channel { get; private set; } = null!;

    public Api Admin { get; private set; } = null!;

    /// <summary>Client of the HTTP/1.1 operations port.</summary>
    public HttpClient Ops { get; private set; } = null!;

    public Uri GrpcAddress { get; private set; } = null!;

    public Uri HttpAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The request log lines are what the trace test checks for trace ids.
        _app = TestApp.Build(Spans, Logs, new() { ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information" });
        await _app.StartAsync();
        GrpcAddress = ChainPosApp.GrpcAddress(_app);
        HttpAddress = ChainPosApp.HttpAddress(_app);
        Channel = GrpcChannel.ForAddress(GrpcAddress);
        Admin = new Api(Channel, AdminSecret);
        Ops = new HttpClient { BaseAddress = HttpAddress };
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        Ops?.Dispose();
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Scrapes <c>/metrics</c> on the operations port.</summary>
    public async Task<MetricsText> ScrapeAsync() => MetricsText.Parse(await Ops.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

    public Task<OpenShiftResponse> OpenShiftAsync(string storeId) => Admin.Checkout.OpenShiftAsync(new OpenShiftRequest
    {
        StoreId = storeId, RegisterId = "R1", ShiftId = "shift-" + storeId, CashierId = Cashier, CashierPin = CashierPin, OpeningFloat = 10_000,
    }).ResponseAsync;

    private async Task SeedAsync()
    {
        foreach (var store in Stores)
        {
            await Admin.Stores.ConfigureStoreAsync(new ConfigureStoreRequest { Store = Store(store) });
        }

        await Admin.Catalog.UpsertProductsAsync(new UpsertProductsRequest { OperationId = "obs-catalogue", Products = { Products } });
        await Admin.Loyalty.EnrolCustomerAsync(new EnrolCustomerRequest { CustomerId = Customer, DisplayName = "Olga", StoreId = Stores[0] });
        await Admin.GiftCards.IssueGiftCardAsync(new IssueGiftCardRequest { Code = GiftCard, OperationId = "obs-card", Amount = 5000, Currency = Currency });
    }
}

[CollectionDefinition(Name)]
public sealed class ObservabilityCollection : ICollectionFixture<ObservabilityFixture>
{
    public const string Name = "observability";
}
