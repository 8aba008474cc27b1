using System.Security.Cryptography;
using System.Text.Json;
using ChainPos.Storage;

namespace ChainPos.Silo.Demo;

/// <summary>
/// Demo mode only: random credentials made on first start and kept beside the data file, so the
/// secrets are never in source and stay the same across restarts of the same demo.
/// </summary>
public sealed record DemoCredentials(string Admin, string Commerce, Dictionary<string, string> Stores)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string PathFor(ChainPosStorageOptions storage)
    {
        var folder = storage.Provider == StorageProvider.Sqlite
            ? Path.GetDirectoryName(Path.GetFullPath(storage.SqlitePath))!
            : Path.GetFullPath("data");
        return Path.Combine(folder, "demo-credentials.json");
    }

    public static DemoCredentials LoadOrCreate(ChainPosStorageOptions storage)
    {
        var path = PathFor(storage);
        if (File.Exists(path))
        {
            return JsonSerializer.Deserialize<DemoCredentials>(File.ReadAllText(path))
                ?? throw new InvalidOperationException($"{path} is not valid; delete it to get new demo credentials.");
        }

        var created = new DemoCredentials(NewSecret("admin"), NewSecret("web"),
            DemoChain.Stores.ToDictionary(s => s.StoreId, s => NewSecret(s.StoreId.ToLowerInvariant())));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(created, Json));
        return created;
    }

    /// <summary>Appends the demo credentials to the configured ones (ChainPos:Auth:Credentials).</summary>
    public static void AddTo(ConfigurationManager configuration, ChainPosStorageOptions storage)
    {
        var credentials = LoadOrCreate(storage);
        var index = configuration.GetSection("ChainPos:Auth:Credentials").GetChildren().Count();
        var entries = new Dictionary<string, string?>();
        void Add(string name, string secret, string role, string? storeId = null)
        {
            var prefix = $"ChainPos:Auth:Credentials:{index++}:";
            entries[prefix + "Name"] = name;
            entries[prefix + "Secret"] = secret;
            entries[prefix + "Role"] = role;
            entries[prefix + "StoreId"] = storeId;
        }

        Add("demo-admin", credentials.Admin, "Admin");
        Add("demo-webshop", credentials.Commerce, "Commerce");
        foreach (var (storeId, secret) in credentials.Stores)
        {
            Add("demo-agent-" + storeId, secret, "Store", storeId);
        }

        configuration.AddInMemoryCollection(entries);
    }

    private static string NewSecret(string prefix) => $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}
