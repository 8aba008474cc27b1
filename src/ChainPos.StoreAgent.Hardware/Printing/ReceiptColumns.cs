namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>Fixed-width column layout for receipt lines.</summary>
internal static class ReceiptColumns
{
    /// <summary>
    /// <paramref name="left"/> and <paramref name="right"/> on one line of <paramref name="width"/>
    /// characters, right one flush right; a left side too long is wrapped and the right side goes on
    /// its last line, or on a line of its own when it does not fit there.
    /// </summary>
    public static IEnumerable<string> LeftRight(string left, string right, int width)
    {
        var lines = Wrap(left, width).ToList();
        var last = lines[^1];
        if (right.Length == 0)
        {
            return lines;
        }

        if (last.Length + 1 + right.Length <= width)
        {
            lines[^1] = last + new string(' ', width - last.Length - right.Length) + right;
        }
        else
        {
            lines.Add(right.PadLeft(width));
        }

        return lines;
    }

    /// <summary>
    /// Word-wraps <paramref name="text"/> to <paramref name="width"/> (words longer than a line are
    /// split); leading spaces indent every line. At least one line.
    /// </summary>
    public static IEnumerable<string> Wrap(string text, int width)
    {
        var indent = new string(' ', Math.Min(text.Length - text.TrimStart(' ').Length, width / 2));
        return WrapWords(text, width - indent.Length).Select(line => indent + line);
    }

    private static IEnumerable<string> WrapWords(string text, int width)
    {
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > 0)
            {
                var candidate = line.Length == 0 ? rest : line + " " + rest;
                if (candidate.Length <= width)
                {
                    line = candidate;
                    rest = string.Empty;
                }
                else if (line.Length > 0)
                {
                    yield return line;
                    line = string.Empty;
                }
                else
                {
                    yield return rest[..width];
                    rest = rest[width..];
                }
            }
        }

        yield return line;
    }
}
