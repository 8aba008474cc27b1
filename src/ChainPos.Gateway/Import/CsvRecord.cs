namespace ChainPos.Gateway.Import;

/// <summary>One CSV record: its fields and the 1-based line of the file it starts on.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields)
{
    /// <summary>True for a blank line (one empty field), which importers skip.</summary>
    public bool IsBlank => Fields is [""];
}
