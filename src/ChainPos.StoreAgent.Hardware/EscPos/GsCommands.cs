using System.Globalization;

namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>Decodes the GS commands (the GS byte is already read).</summary>
internal static class GsCommands
{
    public static bool Apply(CommandReader reader, DecodedPaper paper)
    {
        if (reader.AtEnd)
        {
            return false;
        }

        var command = reader.Next();
        return (char)command switch
        {
            'V' => Cut(reader, paper),
            'k' => BarcodeCommand.Print(reader, paper),
            '(' => QrCommand.Apply(reader, paper),
            _ => OneArgument(reader, paper, command),
        };
    }

    private static bool OneArgument(CommandReader reader, DecodedPaper paper, byte command)
    {
        if (!reader.TryTake(1, out var arg))
        {
            return false;
        }

        var n = arg[0];
        switch ((char)command)
        {
            case '!':
                paper.SetSize((n >> 4) + 1, (n & 0x0F) + 1);
                break;
            case 'B':
                paper.SetReverse((n & 1) == 1);
                break;
            case 'H':
                paper.Barcode.HriPosition = (n % 48) switch { 1 => "above", 2 => "below", 3 => "both", _ => "none" };
                break;
            case 'h':
                paper.Barcode.Height = n;
                break;
            case 'w':
                paper.Barcode.ModuleWidth = n;
                break;
            case 'f':
                break;
            default:
                paper.Marker(string.Create(CultureInfo.InvariantCulture, $"[GS 0x{command:X2} 0x{n:X2}]"));
                break;
        }

        return true;
    }

    private static bool Cut(CommandReader reader, DecodedPaper paper)
    {
        if (!reader.TryTake(1, out var mode))
        {
            return false;
        }

        var m = mode[0];
        if (m is 65 or 66 && !reader.TryTake(1, out _))
        {
            return false;
        }

        paper.Tag(m is 0 or 48 or 65 ? "[CUT full]" : "[CUT]");
        return true;
    }
}
