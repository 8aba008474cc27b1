using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ChainPos.Storage;

/// <summary>
/// Adjusts Orleans' System.Text.Json grain-state options (which already include public fields and skip nulls).
/// </summary>
internal static class GrainStateJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(PopulateGetOnlyCollections)
            .WithAddedModifier(SkipEmptyDefaultCollections);
    }

    // Rows are rewritten whole on every write (a register per sale, a stock row per batch): `"Loyalty":[]` and the like
    // are bytes for nothing. Leave out a collection that is empty when the type's own new instance has it empty too,
    // so reading the row without it leaves exactly that empty collection (nothing else is skipped; positional records,
    // whose missing members would read as null, have no parameterless constructor and are left alone).
    private static void SkipEmptyDefaultCollections(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.CreateObject is null)
        {
            return;
        }

        object? fresh = null;
        foreach (var property in typeInfo.Properties)
        {
            if (property.Get is null || property.ShouldSerialize is not null || !IsMutableCollection(property.PropertyType))
            {
                continue;
            }

            fresh ??= typeInfo.CreateObject();
            if (property.Get(fresh) is ICollection { Count: 0 })
            {
                property.ShouldSerialize = static (_, value) => value is not ICollection { Count: 0 };
            }
        }
    }

    // By default System.Text.Json skips a get-only collection property on read (`List<T> Items { get; } = []`),
    // so its contents would silently vanish after a reload. Fill such collections in place instead. Settable
    // properties keep "replace" semantics, so a collection pre-filled by the constructor is not duplicated.
    private static void PopulateGetOnlyCollections(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.CreateObject is null)
        {
            return; // populating is only supported on types built through a parameterless constructor
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Get is not null && property.Set is null && IsMutableCollection(property.PropertyType))
            {
                property.ObjectCreationHandling = JsonObjectCreationHandling.Populate;
            }
        }
    }

    private static bool IsMutableCollection(Type type)
    {
        // Immutable, frozen and read-only wrappers implement the mutable interfaces but throw on Add.
        if (type.IsValueType || type.IsArray || type == typeof(string)
            || type.Namespace is "System.Collections.Immutable" or "System.Collections.Frozen"
            || type.Name.StartsWith("ReadOnly", StringComparison.Ordinal)
            || type.Name.StartsWith("IReadOnly", StringComparison.Ordinal))
        {
            return false;
        }

        if (typeof(IList).IsAssignableFrom(type) || typeof(IDictionary).IsAssignableFrom(type))
        {
            return true;
        }

        return Array.Exists(type.IsInterface ? [type, .. type.GetInterfaces()] : type.GetInterfaces(), static i =>
            i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ICollection<>)
                || i.GetGenericTypeDefinition() == typeof(IDictionary<,>)));
    }
}
