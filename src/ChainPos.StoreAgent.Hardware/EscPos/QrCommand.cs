using System.Globalization;
using System.Text;

namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>Decodes GS ( k pL pH cn fn … for QR Code (cn 49): functions 165, 167, 169, 180 and 181.</summary>
internal static class QrCommand
{
    public static bool Apply(CommandReader reader, DecodedPaper paper)
    {
        if (!reader.TryTake(3, out var head))
        {
            return false;
        }

        var length = head[1] | (head[2] << 8);
        if (!reader.TryTake(length, out var body))
        {
            return false;
        }

        if (head[0] != (byte)'k' || length < 2 || body[0] != EscPosBytes.QrSymbol)
        {
            paper.Marker(string.Create(CultureInfo.InvariantCulture, $"[GS ( 0x{head[0]:X2} {length} bytes]"));
            return true;
        }

        var qr = paper.Qr;
        var fn = body[1];
        switch (fn)
        {
            case 65 when length >= 3:
                qr.Model = body[2] - 48;
                break;
            case 67 when length >= 3:
                qr.ModuleSize = body[2];
                break;
            case 69 when length >= 3:
                qr.ErrorCorrection = "LMQH"[Math.Clamp(body[2] - 48, 0, 3)];
                break;
            case 80 when length >= 3:
                qr.Data = Encoding.ASCII.GetString(body, 3, length - 3);
                break;
            case 81:
                paper.Tag(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[QR \"{qr.Data}\" model={qr.Model} size={qr.ModuleSize} ec={qr.ErrorCorrection}]"));
                break;
            default:
                paper.Marker(string.Create(CultureInfo.InvariantCulture, $"[QR fn{fn}]"));
                break;
        }

        return true;
    }
}
