using System.Globalization;
using System.Text;

namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>Decodes GS k (print barcode), both the NUL-terminated and the length-prefixed forms.</summary>
internal static class BarcodeCommand
{
    private static readonly string[] FunctionA = ["UPC-A", "UPC-E", "EAN13", "EAN8", "CODE39", "ITF", "CODABAR"];
    private static readonly string[] FunctionB = ["UPC-A", "UPC-E", "EAN13", "EAN8", "CODE39", "ITF", "CODABAR", "CODE93", "CODE128"];

    public static bool Print(CommandReader reader, DecodedPaper paper)
    {
        if (!reader.TryTake(1, out var kind))
        {
            return false;
        }

        var m = kind[0];
        byte[] data;
        string name;
        if (m <= 6)
        {
            name = FunctionA[m];
            if (!reader.TryTakeUntilNul(out data))
            {
                return false;
            }
        }
        else
        {
            name = m is >= 65 and <= 73 ? FunctionB[m - 65] : string.Create(CultureInfo.InvariantCulture, $"type{m}");
            if (!reader.TryTake(1, out var length) || !reader.TryTake(length[0], out data))
            {
                return false;
            }
        }

        var text = Encoding.ASCII.GetString(data);
        if (name == "CODE128")
        {
            text = Code128Text(text);
        }

        var settings = paper.Barcode;
        paper.Tag(string.Create(
            CultureInfo.InvariantCulture,
            $"[BARCODE {name} \"{text}\" height={settings.Height} module={settings.ModuleWidth} hri={settings.HriPosition}]"));
        return true;
    }

    // Drops the code set selectors ({A {B {C) and unescapes "{{".
    private static string Code128Text(string raw)
    {
        var result = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '{' && i + 1 < raw.Length)
            {
                i++;
                if (raw[i] == '{')
                {
                    result.Append('{');
                }

                continue;
            }

            result.Append(raw[i]);
        }

        return result.ToString();
    }
}
