using ChainPos.Api.V1;
using Google.Protobuf.WellKnownTypes;

namespace ChainPos.LoadGen;

/// <summary>Rings one sale at the demo store S001, register R1, as a store agent would, and prints the receipt.</summary>
internal static class DemoSale
{
    private const string Store = "S001";
    private const string Register = "R1";

    public static async Task<int> RunAsync(Options options)
    {
        var credentials = DemoCredentialsFile.Load(options.CredentialsFile);
        var invoker = DemoCredentialsFile.Channel(options.Target, credentials.Stores[Store]);
        var checkout = new CheckoutService.CheckoutServiceClient(invoker);
        var catalog = new CatalogService.CatalogServiceClient(invoker);

        await EnsureShiftAsync(checkout);
        var skus = Enumerable.Range(0, 3).Select(_ => $"SKU-{Random.Shared.Next(1, 3001):D5}").Distinct().ToList();
        var products = await catalog.GetProductsAsync(new GetProductsRequest { Skus = { skus } });
        var request = new CompleteSaleRequest
        {
            StoreId = Store,
            RegisterId = Register,
            SaleId = "demo-" + Guid.NewGuid().ToString("N"),
            Currency = "EUR",
            OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        };
        request.Lines.AddRange(products.Products.Select((p, i) => new SaleLine { Sku = p.Sku, Quantity = i + 1 }));
        var gross = products.Products.Select((p, i) => p.Price * (i + 1)).Sum();
        // Promotions only lower the total: round the cash up to the next 50.00 note and let the server work out the change.
        request.Tenders.Add(new Tender { Type = TenderType.Cash, Amount = ((gross / 5000) + 1) * 5000 });

        var receipt = await checkout.CompleteSaleAsync(request);
        Print(receipt);
        return 0;
    }

    private static async Task EnsureShiftAsync(CheckoutService.CheckoutServiceClient checkout)
    {
        try
        {
            var report = await checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = Store, RegisterId = Register });
            if (!report.Closed)
            {
                return;
            }
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.FailedPrecondition)
        {
            // No shift yet on this register.
        }

        await checkout.OpenShiftAsync(new OpenShiftRequest
        {
            StoreId = Store, RegisterId = Register, ShiftId = "demo-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture),
            CashierId = "E100", CashierPin = "1111", OpeningFloat = 200_00,
        });
    }

    private static void Print(CompleteSaleResponse r)
    {
        static string M(long minor) => (minor / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine($"Receipt {r.ReceiptNumber}   {r.CompletedAt.ToDateTimeOffset():yyyy-MM-dd HH:mm:ss} UTC");
        foreach (var line in r.Lines)
        {
            Console.WriteLine($"  {line.Quantity,3} x {line.Name,-40} {M(line.UnitPrice),9} {M(line.Net),10}{(line.Discount > 0 ? $"  (-{M(line.Discount)})" : "")}");
        }

        Console.WriteLine($"  {"Total",-46} {r.Currency} {M(r.Total),10}");
        foreach (var tax in r.Taxes)
        {
            Console.WriteLine($"    incl. {tax.TaxClass} {tax.RateBasisPoints / 100m:0.##}% {M(tax.Tax),30}");
        }

        Console.WriteLine($"  {"Cash",-50} {M(r.Tendered),10}");
        Console.WriteLine($"  {"Change",-50} {M(r.Change),10}");
    }
}
