using System.Globalization;

namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>Decodes the ESC commands (the ESC byte is already read).</summary>
internal static class EscCommands
{
    public static bool Apply(CommandReader reader, DecodedPaper paper)
    {
        if (reader.AtEnd)
        {
            return false;
        }

        var command = reader.Next();
        switch ((char)command)
        {
            case '@':
                paper.Reset();
                paper.Tag("[INIT]");
                return true;
            case 'p':
                return Drawer(reader, paper);
            case '2':
                return true;
        }

        if (!reader.TryTake(1, out var arg))
        {
            return false;
        }

        var n = arg[0];
        switch ((char)command)
        {
            case 't':
                SelectTable(paper, n);
                break;
            case 'a':
                paper.Alignment = (EscPosAlignment)(n % 48 > 2 ? 0 : n % 48);
                break;
            case 'E':
                paper.SetBold((n & 1) == 1);
                break;
            case '-':
                paper.SetUnderline(n % 48 is 1 or 2);
                break;
            case '!':
                paper.SetBold((n & 0x08) != 0);
                paper.SetSize((n & 0x20) != 0 ? 2 : 1, (n & 0x10) != 0 ? 2 : 1);
                break;
            case 'd':
                Feed(paper, n);
                break;
            case 'J' or 'M' or 'R' or '3':
                break;
            default:
                paper.Marker(string.Create(CultureInfo.InvariantCulture, $"[ESC 0x{command:X2} 0x{n:X2}]"));
                break;
        }

        return true;
    }

    private static void SelectTable(DecodedPaper paper, byte n)
    {
        var table = EscPosCodePage.FromTableNumber(n);
        paper.CodePage = table ?? EscPosCodePage.Pc437;
        paper.Tag(table is null
            ? string.Create(CultureInfo.InvariantCulture, $"[CODEPAGE {n} unknown, decoded as PC437]")
            : $"[CODEPAGE {table.Name}]");
    }

    private static void Feed(DecodedPaper paper, byte lines)
    {
        if (lines == 0)
        {
            paper.Flush();
            return;
        }

        for (var i = 0; i < lines; i++)
        {
            paper.LineFeed();
        }
    }

    private static bool Drawer(CommandReader reader, DecodedPaper paper)
    {
        if (!reader.TryTake(3, out var args))
        {
            return false;
        }

        var pin = args[0] % 48 == 1 ? "pin5" : "pin2";
        var on = args[1] * 2;
        var off = Math.Max(args[1], args[2]) * 2;
        paper.Tag(string.Create(CultureInfo.InvariantCulture, $"[DRAWER {pin} on={on}ms off={off}ms]"));
        return true;
    }
}
