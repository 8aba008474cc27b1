using System.Runtime.InteropServices;

namespace ChainPos.Storage;

/// <summary>The bytes a serializer produced, as the array a row's payload is stored from.</summary>
internal static class StoredBytes
{
    /// <summary>
    /// The serializer's own array when it holds exactly the payload (System.Text.Json's does), else a copy:
    /// <see cref="BinaryData.ToArray"/> always copies, a second array of every row and entry written.
    /// </summary>
    public static byte[] Of(BinaryData data)
    {
        var memory = data.ToMemory();
        return MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
    }
}
