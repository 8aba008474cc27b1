using ChainPos.Api.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace ChainPos.Operations.Tests;

/// <summary>gRPC clients calling with one bearer secret, and the small chain the operations tests sell in.</summary>
internal sealed class Api(GrpcChannel channel, string secret)
{
    public const string Currency = "EUR";
    public const string Cashier = "E1";
    public const string CashierPin = "1234";

    private readonly CallInvoker _invoker = channel.Intercept(headers =>
    {
        headers.Add("authorization", "Bearer " + secret);
        return headers;
    });

    public CheckoutService.CheckoutServiceClient Checkout => new(_invoker);

    public CatalogService.CatalogServiceClient Catalog => new(_invoker);

    public StockService.StockServiceClient Stock => new(_invoker);

    public StoreAdminService.StoreAdminServiceClient Stores => new(_invoker);

    /// <summary>A store with the given registers and one cashier, 20 % VAT included in prices.</summary>
    public static StoreConfig Store(string storeId, IEnumerable<string> registers) => new()
    {
        StoreId = storeId,
        Name = "Store " + storeId,
        Currency = Currency,
        TimeZone = "Europe/Berlin",
        TaxRates = { new TaxRateConfig { TaxClass = "standard", RateBasisPoints = 2000, Inclusive = true } },
        RegisterIds = { registers },
        Employees = { new Employee { EmployeeId = Cashier, Name = "Cara", Role = EmployeeRole.Cashier, Pin = CashierPin } },
    };

    public static Product Product(string sku, long price) => new()
    {
        Sku = sku, Name = sku, Price = price, Currency = Currency, TaxClass = "standard", Category = "misc", Active = true,
    };

    public Task<OpenShiftResponse> OpenShiftAsync(string storeId, string registerId) => Checkout.OpenShiftAsync(new OpenShiftRequest
    {
        StoreId = storeId, RegisterId = registerId, ShiftId = $"shift-{storeId}-{registerId}", CashierId = Cashier, CashierPin = CashierPin, OpeningFloat = 10_000,
    }).ResponseAsync;

    /// <summary>A cash sale paid exactly.</summary>
    public static CompleteSaleRequest CashSale(string storeId, string registerId, string saleId, string sku, int quantity, long total) => new()
    {
        StoreId = storeId,
        RegisterId = registerId,
        SaleId = saleId,
        Currency = Currency,
        Lines = { new SaleLine { Sku = sku, Quantity = quantity } },
        Tenders = { new Tender { Type = TenderType.Cash, Amount = total } },
    };

    public static Task<StockLevel> StockOperationAsync(Func<StockOperationRequest, CallOptions, AsyncUnaryCall<StockLevel>> call, string location, string sku, string operationId, long quantity) =>
        call(new StockOperationRequest { LocationId = location, Sku = sku, OperationId = operationId, Quantity = quantity, Reason = "operations test" }, default).ResponseAsync;
}
