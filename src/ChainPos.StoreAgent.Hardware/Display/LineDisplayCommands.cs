using ChainPos.StoreAgent.Hardware.EscPos;
using static ChainPos.StoreAgent.Hardware.EscPos.EscPosBytes;

namespace ChainPos.StoreAgent.Hardware.Display;

/// <summary>
/// The byte sequences for a 2 × 20 customer display in the ESC/POS display command set (Epson
/// DM-D and compatibles): ESC @ initialise, ESC t n table, US MD1 (0x1F 0x01) overwrite mode,
/// US C 0 cursor off, CLR (0x0C) clear, US $ x y cursor to column x, row y (1-based).
/// </summary>
public static class LineDisplayCommands
{
    /// <summary>Characters per row.</summary>
    public const int Columns = 20;

    /// <summary>Rows.</summary>
    public const int Rows = 2;

    /// <summary>Reset, select the table, overwrite mode, hide the cursor, clear.</summary>
    public static byte[] Initialize(EscPosCodePage codePage)
    {
        ArgumentNullException.ThrowIfNull(codePage);
        return [Esc, (byte)'@', Esc, (byte)'t', codePage.TableNumber, Us, 0x01, Us, (byte)'C', 0, Clr];
    }

    /// <summary>CLR: blank both rows, cursor home.</summary>
    public static byte[] Clear() => [Clr];

    /// <summary>
    /// Each row written in full (cut or padded to 20) at an explicit position, so nothing of the
    /// previous text survives and there is no flicker of a clear.
    /// </summary>
    public static byte[] Show(string line1, string line2, EscPosCodePage codePage)
    {
        ArgumentNullException.ThrowIfNull(codePage);
        var bytes = new List<byte>(2 * (Columns + 4));
        AddRow(bytes, 1, line1, codePage);
        AddRow(bytes, 2, line2, codePage);
        return [.. bytes];
    }

    private static void AddRow(List<byte> bytes, byte row, string text, EscPosCodePage codePage)
    {
        bytes.AddRange([Us, (byte)'$', 1, row]);
        foreach (var c in CustomerDisplayText.Fit(codePage.Sanitize(text ?? string.Empty)))
        {
            bytes.Add(codePage.Encode(c));
        }
    }
}
