using System.Globalization;
using ChainPos.Abstractions;
using ChainPos.Abstractions.Checkout;
using ChainPos.Abstractions.Stores;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>
/// What a store agent needs around its link: the sales and shift openings its registers made offline, in order;
/// a sale of its store found by its receipt; the staff PIN verifiers it checks offline; the allowances its registers
/// lease on gift cards and loyalty accounts for offline spending.
/// </summary>
public sealed partial class StoreAgentSyncGrpcService(IGrainFactory grains) : StoreAgentSyncService.StoreAgentSyncServiceBase
{
    public override async Task<SubmitOfflineSaleResponse> SubmitOfflineSale(SubmitOfflineSaleRequest request, ServerCallContext context)
    {
        var register = AgentRegister(context, request.StoreId, request.RegisterId);
        RequestLimits.AtMost(request.Lines.Count, RequestLimits.MaxSaleLines, "sale lines");
        return (await register.SubmitOfflineSaleAsync(request.ToGrain())).ToProto();
    }

    public override async Task<SubmitOfflineShiftOpenResponse> SubmitOfflineShiftOpen(SubmitOfflineShiftOpenRequest request, ServerCallContext context)
    {
        var register = AgentRegister(context, request.StoreId, request.RegisterId);
        return (await register.SubmitOfflineShiftOpenAsync(request.ToGrain())).ToProto();
    }

    /// <summary>A register of the calling agent's own store (PERMISSION_DENIED for another store), its ids checked.</summary>
    private IRegisterGrain AgentRegister(ServerCallContext context, string storeId, string registerId)
    {
        context.GetCaller().RequireStore(storeId);
        Ids.Require(storeId, "store_id");
        Ids.Require(registerId, "register_id");
        return grains.Grain<IRegisterGrain>(GrainKeys.Register(storeId, registerId));
    }

    public override async Task<FindSaleByReceiptResponse> FindSaleByReceipt(FindSaleByReceiptRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStore(request.StoreId);
        Ids.Require(request.StoreId, "store_id");
        var code = request.Receipt.Trim();
        if (!Ids.IsValid(code))
        {
            throw PosException.Invalid("receipt is the receipt's code (its sale id) or its number, 1-64 letters, digits, '.', '_', ':' or '-'.");
        }

        // A printed number of this store: "<store>-<register>-<sequence>" → the register's index bucket, one call.
        var saleId = code;
        var prefix = request.StoreId + "-";
        var number = code.StartsWith(prefix, StringComparison.Ordinal) ? ReceiptNumber(code[prefix.Length..]) : null;
        if (number is { } n)
        {
            saleId = await FindInIndexAsync(request.StoreId, n) ?? code;
        }

        var record = await grains.Grain<ISaleRecordGrain>(GrainKeys.Sale(saleId)).GetAsync();
        if (record is null && number is { } late)
        {
            // The index and the sale record are fed by the register's outbox after its commit, so a sale synced a
            // moment ago may not be there yet: deliver that register's pending effects and look once more.
            await grains.Grain<IRegisterGrain>(GrainKeys.Register(request.StoreId, late.RegisterId)).FlushOutboxAsync();
            saleId = await FindInIndexAsync(request.StoreId, late) ?? code;
            record = await grains.Grain<ISaleRecordGrain>(GrainKeys.Sale(saleId)).GetAsync();
        }

        if (record is null)
        {
            if (!code.StartsWith(prefix, StringComparison.Ordinal) && code.Split('-').Length >= 3 && ReceiptNumber(code) is not null)
            {
                throw new RpcException(new Status(StatusCode.PermissionDenied, $"Receipt '{code}' is not a receipt of store '{request.StoreId}'."));
            }

            throw PosException.NotFound($"No sale with receipt '{code}' in store '{request.StoreId}' (a sale made offline is found once its register has synced it).");
        }

        if (record.Sale.StoreId != request.StoreId)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Receipt '{code}' is not a receipt of store '{request.StoreId}'."));
        }

        return record.ToFoundSale();
    }

    public override async Task<GetStaffVerifiersResponse> GetStaffVerifiers(GetStaffVerifiersRequest request, ServerCallContext context)
    {
        context.GetCaller().RequireStore(request.StoreId);
        Ids.Require(request.StoreId, "store_id");
        var settings = await grains.Grain<IStoreGrain>(GrainKeys.Store(request.StoreId)).GetAsync()
            ?? throw PosException.NotFound($"Store '{request.StoreId}' does not exist.");
        var response = new GetStaffVerifiersResponse();
        response.Staff.AddRange(settings.Employees.Where(e => e.PinHash is not null).Select(e => new StaffVerifier
        {
            EmployeeId = e.EmployeeId,
            Name = e.Name,
            Role = e.Role switch
            {
                Abstractions.Stores.EmployeeRole.Manager => Api.V1.EmployeeRole.Manager,
                Abstractions.Stores.EmployeeRole.Supervisor => Api.V1.EmployeeRole.Supervisor,
                _ => Api.V1.EmployeeRole.Cashier,
            },
            PinHash = e.PinHash!,
        }));
        return response;
    }

    /// <summary>"&lt;register&gt;-&lt;sequence&gt;" (the sequence at least six digits), or null.</summary>
    private Task<string?> FindInIndexAsync(string storeId, (string RegisterId, long Sequence) number) =>
        grains.Grain<IReceiptIndexGrain>(GrainKeys.ReceiptIndex(storeId, number.RegisterId, number.Sequence)).FindAsync(number.Sequence);

    private static (string RegisterId, long Sequence)? ReceiptNumber(string text)
    {
        var dash = text.LastIndexOf('-');
        return dash > 0 && text.Length - dash - 1 >= 6 && text[(dash + 1)..].All(char.IsAsciiDigit)
            && long.TryParse(text[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0
            ? (text[..dash], sequence)
            : null;
    }
}
