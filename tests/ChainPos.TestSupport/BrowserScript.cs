namespace ChainPos.TestSupport;

/// <summary>
/// Runs a browser test script from tests/browser (headless Debian Chromium driven by playwright-core; see
/// tests/browser/README.md) against a page served at <c>baseUrl</c>. Screenshots land in
/// tests/browser/screenshots/&lt;script name&gt;/ and are kept as test artefacts.
/// </summary>
public static class BrowserScript
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "browser");

    /// <summary>Where the screenshots of <paramref name="script"/> are kept.</summary>
    public static string ScreenshotFolder(string script) => Path.Combine(Folder, "screenshots", Path.GetFileNameWithoutExtension(script));

    /// <summary>
    /// Runs the script and returns its result; call <see cref="AssertPassed"/> (or check it yourself).
    /// Throws when Chromium or playwright-core is missing, saying how to install them.
    /// </summary>
    public static Task<NodeScriptResult> RunAsync(string script, Uri baseUrl, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"{chromium} is missing: run tests/run.sh (it installs Debian's chromium package).");
        }

        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "playwright-core")))
        {
            throw new InvalidOperationException($"{Folder}/node_modules is missing: run tests/run.sh (it runs npm ci in tests/browser).");
        }

        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["CHAINPOS_BASE_URL"] = baseUrl.ToString().TrimEnd('/'),
            ["CHAINPOS_SCREENSHOT_DIR"] = ScreenshotFolder(script),
        };
        return NodeScript.RunAsync(Folder, script, [], env, timeout ?? DefaultTimeout);
    }

    /// <summary>Fails unless the script exited 0 and printed its "all N checks passed" line.</summary>
    public static void AssertPassed(string script, NodeScriptResult result) => AssertPassed(script, result, serverLog: null);

    /// <summary>As <see cref="AssertPassed(string, NodeScriptResult)"/>, with the log of the server the page talked to in the failure.</summary>
    public static void AssertPassed(string script, NodeScriptResult result, string? serverLog)
    {
        if (result.ExitCode != 0 || !result.Output.Contains(" checks passed", StringComparison.Ordinal))
        {
            var log = string.IsNullOrEmpty(serverLog) ? "" : $"\n--- server log\n{serverLog}";
            throw new InvalidOperationException(
                $"browser test {script} failed (exit {result.ExitCode}; screenshots in {ScreenshotFolder(script)}):\n{result.Output}{log}");
        }
    }
}
