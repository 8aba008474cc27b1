using System.Text;
using ChainPos.Abstractions;
using ChainPos.Api.V1;
using ChainPos.Gateway.Auth;
using ChainPos.Gateway.Mapping;
using ChainPos.Gateway.Reports;
using LiabilityKind = ChainPos.Abstractions.Reports.LiabilityKind;
using Google.Protobuf;
using Grpc.Core;

namespace ChainPos.Gateway.Services;

/// <summary>Back-office reports: the admin sees every store and the chain; a store agent its own store.</summary>
public sealed class ReportsGrpcService(ReportQueries reports) : ReportsService.ReportsServiceBase
{
    public override async Task<DaySales> GetStoreDaySales(GetStoreDaySalesRequest request, ServerCallContext context) =>
        (await reports.StoreDayAsync(context.GetCaller(), request.StoreId, request.Day)).ToProto();

    public override async Task<ChainDaySales> GetChainDaySales(GetChainDaySalesRequest request, ServerCallContext context) =>
        (await reports.ChainDayAsync(context.GetCaller(), request.Day)).ToProto();

    public override async Task<Liability> GetLiability(GetLiabilityRequest request, ServerCallContext context) =>
        (await reports.LiabilityAsync(context.GetCaller())).ToProto();

    public override async Task<BackfillLiabilityResponse> BackfillLiability(BackfillLiabilityRequest request, ServerCallContext context)
    {
        var pageSize = request.PageSize == 0 ? 200 : request.PageSize;
        var (cards, cardsCounted) = await reports.BackfillLiabilityAsync(context.GetCaller(), LiabilityKind.GiftCards, pageSize, context.CancellationToken);
        var (accounts, accountsCounted) = await reports.BackfillLiabilityAsync(context.GetCaller(), LiabilityKind.LoyaltyPoints, pageSize, context.CancellationToken);
        return new BackfillLiabilityResponse
        {
            GiftCardsVisited = cards,
            GiftCardsCounted = cardsCounted,
            LoyaltyAccountsVisited = accounts,
            LoyaltyAccountsCounted = accountsCounted,
        };
    }

    public override async Task<GetShiftReportsResponse> GetShiftReports(GetShiftReportsRequest request, ServerCallContext context)
    {
        var (found, without) = await reports.ShiftReportsAsync(context.GetCaller(), request.StoreId);
        return new GetShiftReportsResponse { Reports = { found.Select(r => r.ToProto()) }, RegistersWithoutShift = { without } };
    }

    public override async Task<JournalFile> ExportJournal(ExportJournalRequest request, ServerCallContext context)
    {
        if (request.Format is not (JournalFormat.Csv or JournalFormat.Json))
        {
            throw PosException.Invalid("format is required: JOURNAL_FORMAT_CSV or JOURNAL_FORMAT_JSON.");
        }

        var journal = await reports.JournalAsync(context.GetCaller(), request.StoreId, request.Day);
        var csv = request.Format == JournalFormat.Csv;
        return new JournalFile
        {
            FileName = journal.FileName(csv ? "csv" : "json"),
            ContentType = csv ? "text/csv" : "application/json",
            Content = ByteString.CopyFrom(csv ? journal.ToCsv() : journal.ToJson(), Encoding.UTF8),
        };
    }
}
