namespace ChainPos.TestSupport;

/// <summary>Folders of the repository the tests run from.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding ChainPos.sln, found upwards from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChainPos.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ChainPos.sln above {AppContext.BaseDirectory}.");
    }
}
