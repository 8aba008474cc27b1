using System.Text;

namespace ChainPos.StoreAgent.Hardware.Tests;

/// <summary>Helpers to write expected bytes and text readably.</summary>
internal static class Bytes
{
    public static byte[] Of(params object[] parts) =>
    [
        .. parts.SelectMany(p => p switch
        {
            string s => Encoding.ASCII.GetBytes(s),
            int i => [checked((byte)i)],
            byte b => [b],
            byte[] a => a,
            _ => throw new ArgumentException($"Unsupported part {p}"),
        }),
    ];

    /// <summary>Decoder output: each line followed by '\n'.</summary>
    public static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    /// <summary>Index of <paramref name="needle"/> in <paramref name="haystack"/>, -1 when absent.</summary>
    public static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
