namespace ChainPos.StoreAgent.Hardware.Display;

/// <summary>Fits text into the display's 20 columns.</summary>
public static class CustomerDisplayText
{
    /// <summary><paramref name="text"/> cut or padded with spaces to exactly 20 characters.</summary>
    public static string Fit(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length >= LineDisplayCommands.Columns
            ? text[..LineDisplayCommands.Columns]
            : text.PadRight(LineDisplayCommands.Columns);
    }

    /// <summary>
    /// <paramref name="left"/> and <paramref name="right"/> on 20 columns, right flush right with
    /// at least one space between; the left side is cut to make room ("Organic whole m 1.29").
    /// </summary>
    public static string LeftRight(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (right.Length == 0)
        {
            return Fit(left);
        }

        if (right.Length >= LineDisplayCommands.Columns)
        {
            return right[^LineDisplayCommands.Columns..];
        }

        var room = LineDisplayCommands.Columns - right.Length - 1;
        var shown = left.Length > room ? left[..room] : left;
        return shown.PadRight(LineDisplayCommands.Columns - right.Length) + right;
    }
}
