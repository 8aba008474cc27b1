using ChainPos.Abstractions.Catalog;
using ChainPos.Abstractions.Stock;
using V1 = ChainPos.Api.V1;

namespace ChainPos.Gateway.Mapping;

/// <summary>The low-stock index as reorder suggestions and draft purchase orders, one per supplier.</summary>
internal static class LowStockMapping
{
    public static V1.LowStockReport ToReport(string storeId, IReadOnlyList<LowStockSignal> low, IReadOnlyDictionary<string, ProductInfo> products)
    {
        var items = low.Select(l =>
        {
            var product = products.GetValueOrDefault(l.Sku);
            return new V1.LowStockItem
            {
                Sku = l.Sku,
                Name = product?.Name ?? "",
                OnHand = l.OnHand,
                Reserved = l.Reserved,
                ReorderPoint = l.ReorderPoint,
                TargetLevel = l.EffectiveTarget,
                SuggestedQuantity = l.SuggestedQuantity,
                Supplier = product?.SupplierId ?? "",
                SupplierName = product?.SupplierName ?? "",
                UnitCost = product?.UnitCost ?? 0,
                Currency = product?.Currency ?? "",
            };
        }).ToList();
        var report = new V1.LowStockReport { StoreId = storeId, Items = { items } };

        // Suppliers by id, then the items nobody supplies yet in a draft of their own.
        var groups = items.GroupBy(i => i.Supplier, StringComparer.Ordinal)
            .OrderBy(g => g.Key.Length == 0).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var supplier in groups)
        {
            report.Drafts.Add(new V1.DraftPurchaseOrder
            {
                StoreId = storeId,
                Supplier = supplier.Key,
                SupplierName = supplier.First().SupplierName,
                Lines = { supplier },
                TotalUnits = supplier.Sum(i => i.SuggestedQuantity),
            });
        }

        return report;
    }
}
