namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>A cursor over a byte stream for the decoder.</summary>
internal sealed class CommandReader(byte[] bytes)
{
    private int _position;

    public bool AtEnd => _position >= bytes.Length;

    public byte Next() => bytes[_position++];

    /// <summary>Takes the next <paramref name="count"/> bytes; false (taking nothing) when fewer remain.</summary>
    public bool TryTake(int count, out byte[] taken)
    {
        if (_position + count > bytes.Length)
        {
            taken = [];
            _position = bytes.Length;
            return false;
        }

        taken = bytes[_position..(_position + count)];
        _position += count;
        return true;
    }

    /// <summary>Takes bytes up to a NUL (consumed, not returned); false when there is none.</summary>
    public bool TryTakeUntilNul(out byte[] taken)
    {
        var end = Array.IndexOf(bytes, (byte)0, _position);
        if (end < 0)
        {
            taken = [];
            _position = bytes.Length;
            return false;
        }

        taken = bytes[_position..end];
        _position = end + 1;
        return true;
    }
}
