using ChainPos.Api.V1;
using ChainPos.StoreAgent.Devices;
using ChainPos.StoreAgent.Hosting;
using ChainPos.StoreAgent.Offline;
using ChainPos.StoreAgent.Selling;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Api;

/// <summary>The register UI's JSON API on localhost (docs/store-agent.md). Everything but status and sign-in needs the X-Session header.</summary>
internal static class RegisterApi
{
    public static IEndpointRouteBuilder MapRegisterApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter(ApiErrors.AsJsonAsync);
        api.MapGet("/status", Status);
        api.MapPost("/signin", async (SignInDto dto, ShiftService shifts) =>
        {
            var (session, shift) = await shifts.SignInAsync(dto);
            return Results.Ok(new { token = session.Token, cashier = session.Name, shift });
        });

        var signedIn = api.MapGroup("").AddEndpointFilter(RequireSession);
        signedIn.MapPost("/signout", (HttpContext http, Sessions sessions) =>
        {
            sessions.Remove(http.Request.Headers[Sessions.Header].ToString());
            return Results.NoContent();
        });
        signedIn.MapGet("/products", (string? q, CatalogCache catalog) => Results.Ok(catalog.Search(q ?? "")));
        signedIn.MapGet("/products/scan/{code}", (string code, CatalogCache catalog) => Results.Ok(ScanLookup.Resolve(catalog, code)));
        signedIn.MapPost("/basket/price", (BasketDto basket, LocalPricer pricer) => Results.Ok(PricedView(pricer.Price(basket))));
        signedIn.MapPost("/sales", async (SaleDto sale, HttpContext http, SaleService sales, Sessions sessions) =>
            Results.Ok(await sales.CompleteAsync(sale, sessions.Find(http.Request.Headers[Sessions.Header])!)));
        signedIn.MapGet("/sales", (int? limit, SaleJournal journal, SaleService sales) => Results.Ok(journal.Recent(limit ?? 20).Select(sales.Result)));
        signedIn.MapGet("/sales/{saleId}", (string saleId, SaleJournal journal, SaleService sales) =>
            journal.Find(saleId) is { } e ? Results.Ok(sales.Result(e)) : throw new AgentException(StatusCodes.Status404NotFound, $"No sale '{saleId}' on this register."));
        signedIn.MapPost("/sales/{saleId}/print", async (string saleId, ReprintDto? dto, SaleService sales) =>
            Results.Ok(await sales.ReprintAsync(saleId, dto?.Gift ?? false)));
        signedIn.MapPost("/suspended", async (SuspendDto dto, SuspendService suspended) => Results.Ok(await suspended.SuspendAsync(dto)));
        signedIn.MapGet("/suspended", async (SuspendService suspended) => Results.Ok(await suspended.ListAsync()));
        signedIn.MapPost("/suspended/{suspendId}/resume", async (string suspendId, SuspendService suspended) => Results.Ok(await suspended.ResumeAsync(suspendId)));
        signedIn.MapGet("/returns/sale/{code}", async (string code, ReturnService returns) => Results.Ok(await returns.LookupAsync(code)));
        signedIn.MapGet("/returns/offline", (int? limit, ReturnService returns) => Results.Ok(returns.RecentOffline(limit ?? 50)));
        signedIn.MapPost("/returns/quote", async (ReturnDto dto, ReturnService returns) => Results.Ok(await returns.QuoteAsync(dto)));
        signedIn.MapPost("/returns", async (ReturnDto dto, HttpContext http, ReturnService returns, Sessions sessions) =>
            Results.Ok(await returns.ReturnAsync(dto, sessions.Find(http.Request.Headers[Sessions.Header])!)));
        signedIn.MapPost("/shift/close", async (CloseShiftDto dto, ShiftService shifts) =>
        {
            var (z, queued) = await shifts.CloseAsync(dto.CountedCash);
            return Results.Ok(new { z = ZView(z), queuedSales = queued });
        });
        signedIn.MapPost("/sync", async (JournalSync sync, CatalogSync catalog) =>
        {
            var sent = await sync.SyncOnceAsync();
            await catalog.SyncOnceAsync();
            return Results.Ok(new { sent });
        });
        signedIn.MapGet("/customers/{customerId}", CustomerAsync);
        signedIn.MapNoSaleApi();
        signedIn.MapEnrolApi();
        return endpoints;
    }

    private static IResult Status(
        IOptions<AgentOptions> options, LinkState link, SaleJournal journal, CatalogCache catalog, ShiftStore shifts, AllowanceService allowances, StockQuotaService quotas,
        TimeProvider time, CustomerDisplayService display, ScannerService scanner)
    {
        var (count, oldest, rejected) = journal.Backlog();
        return Results.Ok(new
        {
            storeId = options.Value.StoreId,
            registerId = options.Value.RegisterId,
            storeName = catalog.Store?.Name,
            currency = catalog.Store?.Currency,
            online = link.Online,
            lastContact = link.LastContact,
            lastError = link.LastError,
            backlog = new { sales = count, oldestAgeSeconds = oldest is { } o ? (long)(time.GetUtcNow() - o).TotalSeconds : 0, rejected },
            catalog = new { products = catalog.Count, version = catalog.Version },
            shift = shifts.Current,
            allowances = allowances.View(),
            quotas = quotas.View(),
            display = display.View,
            scanner = scanner.View,
        });
    }

    private static async Task<IResult> CustomerAsync(string customerId, PlatformClient platform, LinkState link, AllowanceService allowances)
    {
        try
        {
            var account = await platform.Loyalty.GetLoyaltyAccountAsync(new GetLoyaltyAccountRequest { CustomerId = customerId }, platform.Call());
            allowances.CustomerSeen(customerId);
            return Results.Ok(new { account.CustomerId, account.DisplayName, account.AvailablePoints, tier = account.Tier.ToString() });
        }
        catch (RpcException e) when (LinkState.IsLinkFailure(e))
        {
            link.Down($"{e.StatusCode}: {e.Status.Detail}");
            throw AgentException.Unavailable("Loyalty look-up needs the platform, which cannot be reached right now.");
        }
        catch (RpcException e)
        {
            throw new AgentException(e.StatusCode == StatusCode.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict, e.Status.Detail);
        }
    }

    private static object PricedView(LocalPrice price) => new
    {
        currency = price.Store.Currency,
        lines = price.Priced.Lines.Select(l => new
        {
            l.LineNo, l.Sku, name = price.Products[l.Sku].Name, l.Quantity, l.UnitPrice, l.Gross,
            discount = l.PromotionDiscount + l.ManualDiscount + l.BasketDiscount, l.Net, l.Tax, l.Promotions,
        }),
        price.Priced.Subtotal,
        price.Priced.DiscountTotal,
        price.Priced.TaxTotal,
        price.Priced.Total,
        promotions = price.Priced.AppliedPromotions,
    };

    internal static object ZView(ShiftReport z) => new
    {
        z.ShiftId, z.CashierId, z.Currency, z.Closed, z.OpeningFloat, z.SalesCount, z.SalesTotal, z.RefundsCount, z.RefundsTotal,
        z.DiscountsTotal, z.TaxTotal, tenders = z.Tenders.Select(t => new { type = t.Type.ToString(), t.Amount, t.Count }),
        z.ExpectedCash, z.CountedCash, z.CashVariance, z.LateSalesCount, z.LateSalesTotal, z.LateRefundsCount, z.LateRefundsTotal, z.PaidIn, z.PaidOut, z.NoSaleCount,
    };

    private static async ValueTask<object?> RequireSession(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<Sessions>();
        return sessions.Find(context.HttpContext.Request.Headers[Sessions.Header]) is null
            ? Results.Json(new { error = "Sign in first." }, statusCode: StatusCodes.Status401Unauthorized)
            : await next(context);
    }
}
