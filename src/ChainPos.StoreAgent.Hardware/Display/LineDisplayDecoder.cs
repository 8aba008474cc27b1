using ChainPos.StoreAgent.Hardware.EscPos;
using static ChainPos.StoreAgent.Hardware.EscPos.EscPosBytes;

namespace ChainPos.StoreAgent.Hardware.Display;

/// <summary>
/// Replays a customer display's byte stream on a 2 × 20 grid in overwrite mode and returns the two
/// rows it ends up showing (each exactly 20 characters). Understands ESC @, ESC t n, CLR, CAN
/// (clear row), US $ x y, HOM (0x0B), CR, LF, BS, HT and text; other ESC/US commands are skipped.
/// </summary>
public static class LineDisplayDecoder
{
    private const int Width = LineDisplayCommands.Columns;

    /// <summary>The two visible rows after <paramref name="bytes"/>.</summary>
    public static (string Line1, string Line2) Decode(ReadOnlySpan<byte> bytes)
    {
        var grid = new char[LineDisplayCommands.Rows, Width];
        var codePage = EscPosCodePage.Pc437;
        var (x, y) = (0, 0);
        Clear(grid);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            switch (b)
            {
                case Esc when i + 1 < bytes.Length && bytes[i + 1] == (byte)'@':
                    Clear(grid);
                    codePage = EscPosCodePage.Pc437;
                    (x, y, i) = (0, 0, i + 1);
                    break;
                case Esc when i + 2 < bytes.Length && bytes[i + 1] == (byte)'t':
                    codePage = EscPosCodePage.FromTableNumber(bytes[i + 2]) ?? EscPosCodePage.Pc437;
                    i += 2;
                    break;
                case Esc:
                    i += 2;
                    break;
                case Us when i + 3 < bytes.Length && bytes[i + 1] == (byte)'$':
                    x = Math.Clamp(bytes[i + 2] - 1, 0, Width - 1);
                    y = Math.Clamp(bytes[i + 3] - 1, 0, 1);
                    i += 3;
                    break;
                case Us:
                    i += i + 1 < bytes.Length && bytes[i + 1] >= 0x20 && bytes[i + 1] != (byte)'@' ? 2 : 1;
                    break;
                case Clr:
                    Clear(grid);
                    (x, y) = (0, 0);
                    break;
                case 0x18:
                    ClearRow(grid, y);
                    x = 0;
                    break;
                case 0x0B:
                    (x, y) = (0, 0);
                    break;
                case Cr:
                    x = 0;
                    break;
                case Lf:
                    y = 1 - y;
                    break;
                case 0x08:
                    (x, y) = x > 0 ? (x - 1, y) : (Width - 1, 1 - y);
                    break;
                case 0x09:
                    (x, y) = Advance(x, y);
                    break;
                case >= 0x20 and not 0x7F:
                    grid[y, x] = codePage.Decode(b);
                    (x, y) = Advance(x, y);
                    break;
            }
        }

        return (Row(grid, 0), Row(grid, 1));
    }

    // Overwrite mode: past the end of a row the cursor goes to the start of the other row.
    private static (int X, int Y) Advance(int x, int y) => x + 1 < Width ? (x + 1, y) : (0, 1 - y);

    private static void Clear(char[,] grid)
    {
        ClearRow(grid, 0);
        ClearRow(grid, 1);
    }

    private static void ClearRow(char[,] grid, int row)
    {
        for (var x = 0; x < Width; x++)
        {
            grid[row, x] = ' ';
        }
    }

    private static string Row(char[,] grid, int row) =>
        string.Create(Width, (grid, row), static (span, state) =>
        {
            for (var x = 0; x < span.Length; x++)
            {
                span[x] = state.grid[state.row, x];
            }
        });
}
