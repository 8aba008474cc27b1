using System.Text;

namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>
/// The paper an ESC/POS stream prints on, as text: printed lines padded for their justification,
/// style changes as inline markers ([B], [SIZE 2x2], [U], [INV] and their closing forms), and
/// non-text commands as tag lines ([CUT], [QR ...]).
/// </summary>
internal sealed class DecodedPaper(int width)
{
    private readonly List<string> _lines = [];
    private readonly StringBuilder _line = new();
    private int _columns;
    private bool _hasText;
    private EscPosAlignment _lineAlignment;

    public EscPosCodePage CodePage { get; set; } = EscPosCodePage.Pc437;

    public EscPosAlignment Alignment { get; set; }

    public bool Bold { get; private set; }

    public bool Underline { get; private set; }

    public bool Reverse { get; private set; }

    public (int Width, int Height) Size { get; private set; } = (1, 1);

    public BarcodeSettings Barcode { get; } = new();

    public QrSettings Qr { get; } = new();

    public void Reset()
    {
        CodePage = EscPosCodePage.Pc437;
        Alignment = EscPosAlignment.Left;
        Bold = Underline = Reverse = false;
        Size = (1, 1);
        Barcode.Reset();
        Qr.Reset();
    }

    public void Text(char c)
    {
        if (!_hasText)
        {
            _lineAlignment = Alignment;
            _hasText = true;
        }

        _line.Append(c);
        _columns += Size.Width;
    }

    public void Marker(string marker) => _line.Append(marker);

    public void SetBold(bool on)
    {
        if (on != Bold)
        {
            Bold = on;
            Marker(on ? "[B]" : "[/B]");
        }
    }

    public void SetUnderline(bool on)
    {
        if (on != Underline)
        {
            Underline = on;
            Marker(on ? "[U]" : "[/U]");
        }
    }

    public void SetReverse(bool on)
    {
        if (on != Reverse)
        {
            Reverse = on;
            Marker(on ? "[INV]" : "[/INV]");
        }
    }

    public void SetSize(int widthFactor, int heightFactor)
    {
        if ((widthFactor, heightFactor) != Size)
        {
            Size = (widthFactor, heightFactor);
            Marker(Size == (1, 1) ? "[/SIZE]" : $"[SIZE {widthFactor}x{heightFactor}]");
        }
    }

    /// <summary>Prints the buffered line (an empty one too) and starts the next.</summary>
    public void LineFeed()
    {
        var pad = (_hasText ? _lineAlignment : Alignment) switch
        {
            EscPosAlignment.Center => Math.Max(0, (width - _columns) / 2),
            EscPosAlignment.Right => Math.Max(0, width - _columns),
            _ => 0,
        };
        _lines.Add(_hasText ? new string(' ', pad) + _line : _line.ToString());
        _line.Clear();
        _columns = 0;
        _hasText = false;
    }

    /// <summary>Prints the buffered line if there is one.</summary>
    public void Flush()
    {
        if (_line.Length > 0)
        {
            LineFeed();
        }
    }

    /// <summary>A non-text command, on a line of its own.</summary>
    public void Tag(string tag)
    {
        Flush();
        _lines.Add(tag);
    }

    /// <summary>The decoded text: one line per printed line, each ending in '\n'.</summary>
    public string Finish()
    {
        Flush();
        return string.Concat(_lines.Select(l => l + "\n"));
    }
}
