using System.Globalization;
using System.Text;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Reports;

/// <summary>A draft purchase order as CSV: UTF-8, CRLF line ends, RFC 4180 quoting, a header row, one row per line.</summary>
public static class PurchaseOrderCsv
{
    /// <summary>The header row; the columns are described in docs/reports.md.</summary>
    public const string Header = "store_id,supplier_id,supplier_name,sku,description,on_hand,reorder_point,target_level,suggested_quantity,unit_cost,currency";

    /// <summary>The suggested file name: purchase-order-{store}-{supplier or "unassigned"}.csv.</summary>
    public static string FileName(V1.DraftPurchaseOrder draft) =>
        $"purchase-order-{draft.StoreId}-{(draft.Supplier.Length == 0 ? "unassigned" : draft.Supplier)}.csv";

    /// <summary>The rows of <paramref name="draft"/>; unit cost and its currency are empty where the cost is not known.</summary>
    public static string ToCsv(V1.DraftPurchaseOrder draft)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var l in draft.Lines)
        {
            var known = l.UnitCost > 0;
            csv.AppendJoin(',',
                Field(draft.StoreId), Field(draft.Supplier), Field(draft.SupplierName), Field(l.Sku), Field(l.Name),
                Number(l.OnHand), Number(l.ReorderPoint), Number(l.TargetLevel), Number(l.SuggestedQuantity),
                known ? Number(l.UnitCost) : "", known ? Field(l.Currency) : "").Append("\r\n");
        }

        return csv.ToString();
    }

    // RFC 4180: quote a field holding a comma, quote or line break, doubling the quotes inside.
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
