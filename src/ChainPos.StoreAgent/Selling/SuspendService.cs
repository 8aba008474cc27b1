using ChainPos.Api.V1;
using ChainPos.StoreAgent.Api;
using ChainPos.StoreAgent.Hosting;
using ChainPos.StoreAgent.Offline;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Selling;

/// <summary>
/// Parks baskets on the platform (CheckoutService.SuspendSale), so any register of the store can resume them.
/// Needs the link: offline the answer says so and the basket stays on screen.
/// </summary>
internal sealed class SuspendService(PlatformClient platform, LinkState link, LocalPricer pricer, IOptions<AgentOptions> options)
{
    private const string NeedsLink = "Suspending and resuming baskets needs the platform (parked baskets are shared by the store's registers), which cannot be reached right now. Finish the sale or keep the basket on screen.";
    private readonly AgentOptions _options = options.Value;

    public async Task<object> SuspendAsync(SuspendDto dto)
    {
        if (dto.SuspendId is not { Length: > 0 and <= 64 } || !dto.SuspendId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw AgentException.Invalid("suspend_id is 1..64 letters, digits, '-' or '_' (the UI makes one per basket).");
        }

        if (dto.Basket.DiscountBasisPoints != 0 || dto.Basket.DiscountAmount != 0 || dto.Basket.Coupons is { Count: > 0 })
        {
            throw AgentException.Invalid("A basket discount or coupons cannot be parked; remove them, suspend, and give them again when the sale is resumed.");
        }

        pricer.Price(dto.Basket); // the same checks as a sale: known SKUs, quantities, discounts
        var request = new SuspendSaleRequest
        {
            StoreId = _options.StoreId,
            RegisterId = _options.RegisterId,
            SuspendId = dto.SuspendId,
            Label = (dto.Label ?? "").Trim() is { Length: > 0 } label ? label[..Math.Min(label.Length, 60)] : "Basket",
            CustomerId = dto.Basket.CustomerId ?? "",
        };
        request.Lines.AddRange(dto.Basket.Lines.Select(l =>
        {
            var line = new SaleLine
            {
                Sku = l.Sku,
                Quantity = l.Quantity,
                EmbeddedBarcode = l.Barcode ?? "",
                Discount = l.DiscountBasisPoints == 0 && l.DiscountAmount == 0
                    ? null
                    : new ChainPos.Api.V1.Discount { PercentBasisPoints = l.DiscountBasisPoints, Amount = l.DiscountAmount, Reason = "line discount" },
            };
            if (l.WeightGrams is { } grams)
            {
                line.WeightGrams = grams;
            }

            return line;
        }));
        var answer = await CallAsync(c => platform.Checkout.SuspendSaleAsync(request, c).ResponseAsync);
        return new { answer.SuspendId, label = request.Label, suspendedAt = answer.SuspendedAt?.ToDateTimeOffset() };
    }

    public async Task<IEnumerable<object>> ListAsync()
    {
        var answer = await CallAsync(c => platform.Checkout.ListSuspendedSalesAsync(new ListSuspendedSalesRequest { StoreId = _options.StoreId }, c).ResponseAsync);
        return answer.Sales.OrderBy(s => s.SuspendedAt?.ToDateTimeOffset()).Select(s => (object)new
        {
            s.SuspendId, s.Label, s.RegisterId, lines = s.Lines.Sum(l => l.Quantity), suspendedAt = s.SuspendedAt?.ToDateTimeOffset(),
        });
    }

    /// <summary>Takes the parked basket back from the platform and returns it as the UI's basket.</summary>
    public async Task<object> ResumeAsync(string suspendId)
    {
        var answer = await CallAsync(c => platform.Checkout.ResumeSaleAsync(
            new ResumeSaleRequest { StoreId = _options.StoreId, RegisterId = _options.RegisterId, SuspendId = suspendId }, c).ResponseAsync);
        var s = answer.Sale;
        var basket = new BasketDto(
            [.. s.Lines.Select(l => new BasketLineDto(l.Sku, l.Quantity, l.Discount?.PercentBasisPoints ?? 0, l.Discount?.Amount ?? 0,
                l.EmbeddedBarcode is { Length: > 0 } b ? b : null, l.HasWeightGrams ? l.WeightGrams : null))],
            CustomerId: s.CustomerId is { Length: > 0 } c ? c : null);
        return new { s.SuspendId, s.Label, s.RegisterId, basket };
    }

    private async Task<T> CallAsync<T>(Func<CallOptions, Task<T>> call)
    {
        if (!link.Online)
        {
            throw AgentException.Unavailable(NeedsLink);
        }

        try
        {
            var answer = await call(platform.Call());
            link.Up();
            return answer;
        }
        catch (RpcException e) when (LinkState.IsLinkFailure(e))
        {
            link.Down($"{e.StatusCode}: {e.Status.Detail}");
            throw AgentException.Unavailable(NeedsLink);
        }
        catch (RpcException e)
        {
            throw new AgentException(e.StatusCode switch
            {
                StatusCode.NotFound => StatusCodes.Status404NotFound,
                StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status409Conflict,
            }, e.Status.Detail);
        }
    }
}
