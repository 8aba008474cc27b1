using ChainPos.Abstractions.Stock;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>The low-stock index as reorder suggestions and draft purchase orders.</summary>
internal static class LowStockMapping
{
    public static V1.LowStockReport ToReport(string storeId, IReadOnlyList<LowStockSignal> low, IReadOnlyDictionary<string, string> names)
    {
        var items = low.Select(l => new V1.LowStockItem
        {
            Sku = l.Sku,
            Name = names.GetValueOrDefault(l.Sku, ""),
            OnHand = l.OnHand,
            Reserved = l.Reserved,
            ReorderPoint = l.ReorderPoint,
            TargetLevel = l.EffectiveTarget,
            SuggestedQuantity = l.SuggestedQuantity,
            Supplier = "",
        }).ToList();
        var report = new V1.LowStockReport { StoreId = storeId, Items = { items } };
        foreach (var supplier in items.GroupBy(i => i.Supplier, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            report.Drafts.Add(new V1.DraftPurchaseOrder
            {
                StoreId = storeId,
                Supplier = supplier.Key,
                Lines = { supplier },
                TotalUnits = supplier.Sum(i => i.SuggestedQuantity),
            });
        }

        return report;
    }
}
