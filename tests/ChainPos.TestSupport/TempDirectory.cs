namespace ChainPos.TestSupport;

/// <summary>A fresh folder under the system temp folder, deleted (with its contents) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates <c>&lt;temp&gt;/&lt;prefix&gt;-&lt;random&gt;</c>.</summary>
    /// <param name="prefix">Start of the folder name, to tell leftovers apart.</param>
    public TempDirectory(string prefix = "chainpos-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>Full path of the folder.</summary>
    public string Path { get; }

    /// <summary>Full path of <paramref name="relativePath"/> inside the folder.</summary>
    /// <param name="relativePath">A file or folder name relative to <see cref="Path"/>.</param>
    /// <returns>The combined full path.</returns>
    public string File(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still held open must not fail the test that used it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
