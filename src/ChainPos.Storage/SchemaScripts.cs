using System.Reflection;

namespace ChainPos.Storage;

/// <summary>The embedded <c>Schema/*.sql</c> files.</summary>
internal static class SchemaScripts
{
    private static readonly Lazy<string> PostgresScript = new(() => Load("postgres.sql"));
    private static readonly Lazy<string> SqliteScript = new(() => Load("sqlite.sql"));

    public static string Postgres => PostgresScript.Value;

    public static string Sqlite => SqliteScript.Value;

    private static string Load(string fileName)
    {
        var name = "ChainPos.Storage.Schema." + fileName;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
