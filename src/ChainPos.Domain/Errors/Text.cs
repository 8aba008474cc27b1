namespace ChainPos.Domain;

/// <summary>Helpers for quoting user input in messages.</summary>
internal static class Text
{
    private const int MaxQuoted = 70;

    /// <summary>The value shortened to a readable length for an error message; null becomes empty.</summary>
    public static string Clip(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        return value.Length <= MaxQuoted ? value : string.Concat(value.AsSpan(0, MaxQuoted), "...");
    }
}
