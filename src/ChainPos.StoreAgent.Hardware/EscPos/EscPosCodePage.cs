using System.Collections.Frozen;

namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>
/// A printer character table: the ESC t number that selects it and the characters of its upper
/// half (0x80..0xFF); 0x20..0x7E are ASCII in every table. The mapping is our own table rather than
/// <c>Encoding.GetEncoding</c>: the OEM code pages are not available without registering
/// <c>CodePagesEncodingProvider</c>, and the printer's table is what matters, not the host's.
/// </summary>
public sealed class EscPosCodePage
{
    private readonly string _upperHalf;
    private readonly FrozenDictionary<char, byte> _bytes;

    private EscPosCodePage(string name, byte tableNumber, string upperHalf)
    {
        Name = name;
        TableNumber = tableNumber;
        _upperHalf = upperHalf;
        _bytes = upperHalf.Select((c, i) => (c, b: (byte)(0x80 + i)))
            .ToFrozenDictionary(p => p.c, p => p.b);
    }

    /// <summary>PC858 (multilingual Latin 1 with €, which is 0xD5), ESC t 19. The default: EUR/GBP chains.</summary>
    public static EscPosCodePage Pc858 { get; } = new("PC858", 19, CodePageTables.Pc858UpperHalf);

    /// <summary>PC437 (USA, standard Europe), ESC t 0: every printer's power-on table; has no €.</summary>
    public static EscPosCodePage Pc437 { get; } = new("PC437", 0, CodePageTables.Pc437UpperHalf);

    /// <summary>The table's name, as used in configuration ("PC858").</summary>
    public string Name { get; }

    /// <summary>n of ESC t n (Epson numbering).</summary>
    public byte TableNumber { get; }

    /// <summary>The table named <paramref name="name"/> ("PC858" or "PC437", case-insensitive).</summary>
    /// <exception cref="ArgumentException">For any other name.</exception>
    public static EscPosCodePage FromName(string name) => name?.ToUpperInvariant() switch
    {
        "PC858" or "CP858" => Pc858,
        "PC437" or "CP437" => Pc437,
        _ => throw new ArgumentException($"Unknown printer code page '{name}'; use PC858 or PC437.", nameof(name)),
    };

    /// <summary>The table selected by ESC t <paramref name="tableNumber"/>; null when we do not know it.</summary>
    public static EscPosCodePage? FromTableNumber(byte tableNumber) => tableNumber switch
    {
        19 => Pc858,
        0 => Pc437,
        _ => null,
    };

    /// <summary>True when <paramref name="c"/> prints as itself in this table.</summary>
    public bool CanEncode(char c) => c is >= ' ' and <= '~' || _bytes.ContainsKey(c);

    /// <summary>
    /// What can be printed of <paramref name="text"/>: control characters become spaces (so text
    /// can never smuggle a printer command) and characters the table lacks become '?', one per
    /// character as the reader sees it (a surrogate pair is one '?'). Each char of the result is one byte.
    /// </summary>
    public string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new System.Text.StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            result.Append(rune.Value switch
            {
                < 0x20 or 0x7F => ' ',
                _ when rune.IsBmp && CanEncode((char)rune.Value) => (char)rune.Value,
                _ => '?',
            });
        }

        return result.ToString();
    }

    /// <summary>The byte of a character of <see cref="Sanitize"/>'s output ('?' for anything else).</summary>
    public byte Encode(char c) => c is >= ' ' and <= '~' ? (byte)c : _bytes.GetValueOrDefault(c, (byte)'?');

    /// <summary>The character a byte of text prints as (0x20..0xFF).</summary>
    public char Decode(byte b) => b >= 0x80 ? _upperHalf[b - 0x80] : (char)b;
}
