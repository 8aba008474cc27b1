using static ChainPos.StoreAgent.Hardware.EscPos.EscPosBytes;

namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>
/// Builds an ESC/POS byte stream (Epson TM-series command set, which most receipt printers
/// follow). Every method appends exactly the documented command; <see cref="ToArray"/> returns what
/// goes to the printer. Not thread-safe: one writer per job.
/// </summary>
public sealed partial class EscPosWriter
{
    private readonly List<byte> _bytes = new(1024);

    /// <summary>The table text is encoded with: PC437 (power-on) until <see cref="SelectCodePage"/>.</summary>
    public EscPosCodePage CodePage { get; private set; } = EscPosCodePage.Pc437;

    /// <summary>Bytes written so far.</summary>
    public int Length => _bytes.Count;

    /// <summary>ESC @: clears the buffer and resets modes (and the table) to power-on settings.</summary>
    public EscPosWriter Initialize()
    {
        CodePage = EscPosCodePage.Pc437;
        return Raw(Esc, (byte)'@');
    }

    /// <summary>ESC t n: the character table for the text that follows.</summary>
    public EscPosWriter SelectCodePage(EscPosCodePage codePage)
    {
        ArgumentNullException.ThrowIfNull(codePage);
        CodePage = codePage;
        return Raw(Esc, (byte)'t', codePage.TableNumber);
    }

    /// <summary>ESC a n: justification of the lines that start after it.</summary>
    public EscPosWriter Align(EscPosAlignment alignment) => Raw(Esc, (byte)'a', (byte)alignment);

    /// <summary>ESC E n: emphasized (bold) on or off.</summary>
    public EscPosWriter Bold(bool on) => Raw(Esc, (byte)'E', on ? (byte)1 : (byte)0);

    /// <summary>GS ! n: character size, 1..8 times normal in each direction ((1, 1) is normal).</summary>
    public EscPosWriter Size(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 8);
        return Raw(Gs, (byte)'!', (byte)(((width - 1) << 4) | (height - 1)));
    }

    /// <summary>
    /// Text in the current table. Control characters print as spaces and characters the table lacks
    /// as '?' (see <see cref="EscPosCodePage.Sanitize"/>), so text never carries a command.
    /// </summary>
    public EscPosWriter Text(string text)
    {
        foreach (var c in CodePage.Sanitize(text))
        {
            _bytes.Add(CodePage.Encode(c));
        }

        return this;
    }

    /// <summary>LF: prints the buffered line and feeds one line.</summary>
    public EscPosWriter LineFeed() => Raw(Lf);

    /// <summary><see cref="Text"/> then <see cref="LineFeed"/>.</summary>
    public EscPosWriter Line(string text = "") => Text(text).LineFeed();

    /// <summary>ESC d n: prints the buffer and feeds n lines.</summary>
    public EscPosWriter Feed(int lines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lines, 255);
        return Raw(Esc, (byte)'d', (byte)lines);
    }

    /// <summary>GS V 66 n: feeds to the cutter plus <paramref name="feedUnits"/> motion units, then a partial cut.</summary>
    public EscPosWriter PartialCut(int feedUnits = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feedUnits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(feedUnits, 255);
        return Raw(Gs, (byte)'V', PartialCutWithFeed, (byte)feedUnits);
    }

    /// <summary>
    /// ESC p m t1 t2: pulses the drawer-kick pin on for <paramref name="onMilliseconds"/> and off for
    /// <paramref name="offMilliseconds"/> (2 ms units, rounded up, 2..510 ms; the printer makes off at least on).
    /// </summary>
    public EscPosWriter KickDrawer(DrawerPin pin, int onMilliseconds, int offMilliseconds) =>
        Raw(Esc, (byte)'p', (byte)pin, PulseUnits(onMilliseconds), PulseUnits(offMilliseconds));

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => [.. _bytes];

    private static byte PulseUnits(int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(milliseconds, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(milliseconds, 510);
        return (byte)((milliseconds + 1) / 2);
    }

    private EscPosWriter Raw(params ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _bytes.Add(b);
        }

        return this;
    }
}
