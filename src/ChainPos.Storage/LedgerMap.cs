using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace ChainPos.Storage;

/// <summary>
/// Grain state whose growing collections are <see cref="LedgerMap{TValue}"/>s: the group-commit provider stores
/// their entries as rows of their own (table <c>pos_grain_entry_gc</c>), in the same transaction as the state row,
/// and writes only the entries that changed. Other providers keep them inline in the row's JSON.
/// </summary>
public interface ILedgerState
{
    /// <summary>The collection stored apart, its entry rows keyed by the entry's own key.</summary>
    ILedgerMap Ledger { get; }

    /// <summary>
    /// Further collections stored apart, each with a key prefix its entry rows are stored under. No key of
    /// <see cref="Ledger"/> may start with any of these prefixes, nor one prefix with another.
    /// </summary>
    IReadOnlyList<KeyValuePair<string, ILedgerMap>> PrefixedLedgers => [];
}

/// <summary>A <see cref="LedgerMap{TValue}"/> of any entry type.</summary>
public interface ILedgerMap
{
    /// <summary>Entries changed since their last acknowledged write (for tests and metrics).</summary>
    int UnwrittenChanges { get; }
}

/// <summary>The group-commit provider's side of a <see cref="LedgerMap{TValue}"/>.</summary>
internal interface ILedgerMapStore : ILedgerMap
{
    /// <summary>Set by the group-commit provider: the row's JSON leaves the entries out (they are rows of their own).</summary>
    bool StoredApart { get; set; }

    /// <summary>Serializes the entries changed since the last acknowledged write, in the caller's turn.</summary>
    LedgerChanges Capture(IGrainStorageSerializer serializer);

    /// <summary>After the write holding <paramref name="changes"/> committed: forgets the changes it carried.</summary>
    void Acknowledge(LedgerChanges changes);

    /// <summary>
    /// After a read from the group-commit provider: adds the stored entry rows. Entries that came inline in the
    /// row's JSON (a row written before the entries moved apart) count as changed, so the next write moves them out.
    /// </summary>
    void LoadApart(IReadOnlyList<StoredLedgerEntry> rows, IGrainStorageSerializer serializer);
}

/// <summary>A stored entry row of a <see cref="LedgerMap{TValue}"/>.</summary>
internal readonly record struct StoredLedgerEntry(string Key, byte[] Payload);

/// <summary>One entry to store with a write: its JSON, or null to delete its row.</summary>
internal readonly record struct LedgerEntryWrite(string Key, byte[]? Payload);

/// <summary>What a write carries of a <see cref="LedgerMap{TValue}"/>, and the change stamps it covers.</summary>
internal sealed class LedgerChanges(IReadOnlyList<LedgerEntryWrite> writes, Dictionary<string, long> stamps)
{
    public static LedgerChanges None { get; } = new([], []);

    public IReadOnlyList<LedgerEntryWrite> Writes { get; } = writes;

    public Dictionary<string, long> Stamps { get; } = stamps;
}

/// <summary>
/// A string-keyed map in grain state that the group-commit provider stores one row per entry: a write carries only
/// the entries added, replaced or removed since the last write, so a hot grain with thousands of live entries (a
/// flash sale's reservations) writes a small row and a few entry rows instead of rewriting everything. Change an
/// entry by assigning it (<c>map[key] = value</c>), never by mutating the stored value in place: only assignments
/// and removals are tracked.
/// </summary>
/// <typeparam name="TValue">The entry type (JSON-serializable grain state).</typeparam>
[GenerateSerializer]
[JsonConverter(typeof(LedgerMapJsonConverterFactory))]
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix",
    Justification = "A dictionary for serializers that know dictionaries; to grain code it is the state's ledger.")]
public sealed class LedgerMap<TValue> : ILedgerMapStore, IDictionary<string, TValue>
    where TValue : class
{
    [Id(0)] private Dictionary<string, TValue> _items;
    [NonSerialized] private Dictionary<string, long>? _changed; // key → stamp of its last change (made on first use: copies skip constructors)
    [NonSerialized] private long _stamp;
    [NonSerialized] private bool _storedApart;

    public LedgerMap() => _items = new Dictionary<string, TValue>(StringComparer.Ordinal);

    private LedgerMap(Dictionary<string, TValue> items) => _items = items;

    public int Count => _items.Count;

    public ICollection<string> Keys => _items.Keys;

    public ICollection<TValue> Values => _items.Values;

    bool ICollection<KeyValuePair<string, TValue>>.IsReadOnly => false;

    public int UnwrittenChanges => _changed?.Count ?? 0;

    private Dictionary<string, long> Changed => _changed ??= new(StringComparer.Ordinal);

    public TValue this[string key]
    {
        get => _items[key];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _items[key] = value;
            Touch(key);
        }
    }

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public void Add(string key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _items.Add(key, value);
        Touch(key);
    }

    public void Clear()
    {
        foreach (var key in _items.Keys)
        {
            Touch(key);
        }

        _items.Clear();
    }

    void ICollection<KeyValuePair<string, TValue>>.Add(KeyValuePair<string, TValue> item) => Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, TValue>>.Contains(KeyValuePair<string, TValue> item) =>
        ((ICollection<KeyValuePair<string, TValue>>)_items).Contains(item);

    void ICollection<KeyValuePair<string, TValue>>.CopyTo(KeyValuePair<string, TValue>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, TValue>>)_items).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, TValue>>.Remove(KeyValuePair<string, TValue> item) =>
        ((ICollection<KeyValuePair<string, TValue>>)_items).Contains(item) && Remove(item.Key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) => _items.TryGetValue(key, out value);

    public bool Remove(string key) => Remove(key, out _);

    public bool Remove(string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (!_items.Remove(key, out value))
        {
            return false;
        }

        Touch(key);
        return true;
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static LedgerMap<TValue> Inline(Dictionary<string, TValue>? items) =>
        new(items is null ? new Dictionary<string, TValue>(StringComparer.Ordinal) : new Dictionary<string, TValue>(items, StringComparer.Ordinal));

    internal IReadOnlyDictionary<string, TValue> Items => _items;

    /// <inheritdoc cref="ILedgerMapStore.StoredApart"/>
    internal bool StoredApart => _storedApart;

    bool ILedgerMapStore.StoredApart
    {
        get => _storedApart;
        set => _storedApart = value;
    }

    LedgerChanges ILedgerMapStore.Capture(IGrainStorageSerializer serializer)
    {
        if (_changed is not { Count: > 0 } changed)
        {
            return LedgerChanges.None;
        }

        var writes = new List<LedgerEntryWrite>(changed.Count);
        foreach (var key in changed.Keys)
        {
            writes.Add(new LedgerEntryWrite(key, _items.TryGetValue(key, out var value) ? StoredBytes.Of(serializer.Serialize(value)) : null));
        }

        return new LedgerChanges(writes, new Dictionary<string, long>(changed, StringComparer.Ordinal));
    }

    void ILedgerMapStore.Acknowledge(LedgerChanges changes)
    {
        foreach (var (key, stamp) in changes.Stamps)
        {
            // Changed again while the write was in flight: the next write carries it.
            if (Changed.TryGetValue(key, out var current) && current == stamp)
            {
                Changed.Remove(key);
            }
        }
    }

    void ILedgerMapStore.LoadApart(IReadOnlyList<StoredLedgerEntry> rows, IGrainStorageSerializer serializer)
    {
        _storedApart = true;
        foreach (var key in _items.Keys)
        {
            Touch(key);
        }

        foreach (var row in rows)
        {
            _items[row.Key] = serializer.Deserialize<TValue>(new BinaryData(row.Payload))
                ?? throw new InvalidOperationException($"The stored entry '{row.Key}' is empty.");
        }
    }

    private void Touch(string key) => Changed[key] = ++_stamp;
}

/// <summary>
/// JSON of a <see cref="LedgerMap{TValue}"/>: an object of its entries, or <c>{}</c> when the provider stores them
/// apart. Reads either.
/// </summary>
internal sealed class LedgerMapJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(LedgerMap<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(LedgerMapJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class LedgerMapJsonConverter<TValue> : JsonConverter<LedgerMap<TValue>>
        where TValue : class
    {
        public override LedgerMap<TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LedgerMap<TValue>.Inline(JsonSerializer.Deserialize<Dictionary<string, TValue>>(ref reader, options));

        public override void Write(Utf8JsonWriter writer, LedgerMap<TValue> value, JsonSerializerOptions options)
        {
            if (value.StoredApart)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
                return;
            }

            JsonSerializer.Serialize(writer, value.Items, options);
        }
    }
}
