using ChainPos.Silo.Hosting;
using ChainPos.Storage;
using Microsoft.Extensions.Options;

namespace ChainPos.Silo;

/// <summary>The few verbs and switches of the chainpos command.</summary>
internal static class CommandLine
{
    /// <summary>Turns the friendly switches into configuration keys; everything else passes through.</summary>
    public static string[] ToConfiguration(string[] args) =>
        [.. args.Where(a => a is not ("migrate")).SelectMany(a => a switch
        {
            // A demo is read by a person: plain log lines (production logs are JSON) and no Orleans start-up detail.
            "--demo" => DemoSwitches,
            _ => [a],
        })];

    private static readonly string[] DemoSwitches =
    [
        "--ChainPos:Demo:Seed=true",
        "--Logging:Console:FormatterName=simple",
        "--Logging:LogLevel:Orleans=Warning",
        "--Logging:LogLevel:Orleans.Runtime.Silo=Warning",
    ];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Contains("migrate"))
        {
            var storage = app.Services.GetRequiredService<IOptions<ChainPosStorageOptions>>().Value;
            await SchemaMigrationService.MigrateAsync(storage, CancellationToken.None);
            Console.WriteLine($"Schema applied: {storage.Provider} at {SchemaMigrationService.Describe(storage)}");
            return 0;
        }

        await app.RunAsync();
        return 0;
    }
}
