using ChainPos.Api.V1;
using ChainPos.StoreAgent.Hosting;
using ChainPos.StoreAgent.Offline;
using ChainPos.StoreAgent.Selling;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Api;

/// <summary>The drawer and the shift's running report: no-sale openings (online and offline) and the X-report.</summary>
internal static class NoSaleApi
{
    /// <summary>Maps the no-sale and X-report endpoints on the signed-in group.</summary>
    public static RouteGroupBuilder MapNoSaleApi(this RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/drawer/no-sale/reasons", (NoSaleService noSales) => Results.Ok(new { reasons = NoSaleService.Reasons, needsSupervisor = noSales.NeedsSupervisor }));
        signedIn.MapPost("/drawer/no-sale", async (NoSaleDto dto, HttpContext http, NoSaleService noSales, Sessions sessions) =>
            Results.Ok(await noSales.OpenDrawerAsync(dto, sessions.Find(http.Request.Headers[Sessions.Header])!)));
        signedIn.MapGet("/drawer/no-sale", (int? limit, NoSaleService noSales) => Results.Ok(noSales.Recent(limit ?? 20)));
        signedIn.MapGet("/shift/report", ShiftReportAsync);
        return signedIn;
    }

    /// <summary>The open shift's X-report from the platform (online only): what the Z-report would say now.</summary>
    private static async Task<IResult> ShiftReportAsync(PlatformClient platform, LinkState link, IOptions<AgentOptions> options)
    {
        try
        {
            var x = await platform.Checkout.GetShiftReportAsync(new GetShiftReportRequest { StoreId = options.Value.StoreId, RegisterId = options.Value.RegisterId }, platform.Call());
            link.Up();
            return Results.Ok(RegisterApi.ZView(x));
        }
        catch (RpcException e) when (LinkState.IsLinkFailure(e))
        {
            link.Down($"{e.StatusCode}: {e.Status.Detail}");
            throw AgentException.Unavailable("The shift report comes from the platform, which cannot be reached right now.");
        }
        catch (RpcException e)
        {
            throw AgentException.Conflict(e.Status.Detail);
        }
    }
}
