using System.Globalization;
using static ChainPos.StoreAgent.Hardware.EscPos.EscPosBytes;

namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>
/// Turns an ESC/POS byte stream back into what the paper shows, as text, so tests and demos can
/// read what a printer would have printed:
/// <list type="bullet">
/// <item>each printed line, padded for its justification on a <c>width</c>-column roll
/// (double-width characters count twice); text is decoded with the table ESC t selected;</item>
/// <item>style changes inline: [B]…[/B] bold, [SIZE 2x2]…[/SIZE], [U]…[/U], [INV]…[/INV];</item>
/// <item>other commands as tag lines: [INIT], [CODEPAGE PC858], [CUT], [CUT full],
/// [DRAWER pin2 on=50ms off=500ms], [BARCODE CODE128 "data" height=80 module=2 hri=below],
/// [QR "data" model=2 size=6 ec=M]; unknown commands as [ESC 0x52]-style markers.</item>
/// </list>
/// </summary>
public static class EscPosDecoder
{
    /// <summary>Decodes <paramref name="bytes"/> as printed on a roll <paramref name="width"/> columns wide.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, int width = 48)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var paper = new DecodedPaper(width);
        var reader = new CommandReader(bytes.ToArray());
        while (!reader.AtEnd)
        {
            if (!Step(reader, paper))
            {
                paper.Tag("[TRUNCATED]");
                break;
            }
        }

        return paper.Finish();
    }

    private static bool Step(CommandReader reader, DecodedPaper paper)
    {
        var b = reader.Next();
        switch (b)
        {
            case Lf:
                paper.LineFeed();
                return true;
            case Cr:
                return true;
            case Esc:
                return EscCommands.Apply(reader, paper);
            case Gs:
                return GsCommands.Apply(reader, paper);
            case < 0x20 or 0x7F:
                paper.Marker(string.Create(CultureInfo.InvariantCulture, $"[0x{b:X2}]"));
                return true;
            default:
                paper.Text(paper.CodePage.Decode(b));
                return true;
        }
    }
}
