namespace ChainPos.StoreAgent.Hardware.Payments;

/// <summary>
/// Recognises text that could hold a card number: a run of 12 or more digits, spaces and dashes
/// between them included ("4111 1111 1111 1111"). Payment types refuse or redact such text so a
/// card number cannot travel through them.
/// </summary>
internal static class PanGuard
{
    private const int ShortestPan = 12;
    private const string Redacted = "[redacted]";

    public static bool ContainsPossiblePan(string text) => FindRuns(text).Any();

    public static string Redact(string text)
    {
        var runs = FindRuns(text).ToList();
        for (var i = runs.Count - 1; i >= 0; i--)
        {
            text = string.Concat(text.AsSpan(0, runs[i].Start), Redacted, text.AsSpan(runs[i].End));
        }

        return text;
    }

    // Yields [Start, End) of every run of digits (with separators) holding at least 12 digits.
    private static IEnumerable<(int Start, int End)> FindRuns(string text)
    {
        var start = -1;
        var end = -1;
        var digits = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\0';
            if (char.IsAsciiDigit(c))
            {
                start = digits == 0 ? i : start;
                digits++;
                end = i + 1;
            }
            else if (digits > 0 && c is not (' ' or '-'))
            {
                if (digits >= ShortestPan)
                {
                    yield return (start, end);
                }

                digits = 0;
            }
        }
    }
}
