using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChainPos.Domain;

/// <summary>
/// Hashes staff PINs for storage with PBKDF2-SHA256. A hash reads
/// "pbkdf2-sha256$&lt;iterations&gt;$&lt;base64 salt&gt;$&lt;base64 hash&gt;".
/// </summary>
public static class PinHasher
{
    /// <summary>The iteration count used for new hashes.</summary>
    public const int Iterations = 100_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const int MaxIterations = 10_000_000;

    /// <summary>True when <paramref name="pin"/> is 4 to 8 ASCII digits.</summary>
    public static bool IsValidPin(string? pin) => pin is { Length: >= 4 and <= 8 } && pin.All(char.IsAsciiDigit);

    /// <summary>Hashes a PIN with a fresh random 16-byte salt and <see cref="Iterations"/> iterations.</summary>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> when the PIN is not 4 to 8 digits.</exception>
    public static string Hash(string pin)
    {
        if (!IsValidPin(pin))
        {
            throw DomainException.Invalid("A PIN must be 4 to 8 digits. Choose another PIN.");
        }

        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(pin, salt, Iterations, HashBytes);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>
    /// True when <paramref name="pin"/> matches <paramref name="hash"/>. Compares in constant time;
    /// returns false (never throws) for an invalid PIN or a malformed hash.
    /// </summary>
    public static bool Verify(string pin, string hash)
    {
        if (!IsValidPin(pin) || !TryParse(hash, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Derive(pin, salt, iterations, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Derive(string pin, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, iterations, HashAlgorithmName.SHA256, length);

    private static bool TryParse(string? hash, out int iterations, out byte[] salt, out byte[] expected)
    {
        iterations = 0;
        salt = [];
        expected = [];
        var parts = hash?.Split('$');
        if (parts is not [Scheme, var iterationText, var saltText, var hashText]
            || !int.TryParse(iterationText, NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations is < 1 or > MaxIterations)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(saltText);
            expected = Convert.FromBase64String(hashText);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && expected.Length is >= 16 and <= 64;
    }
}
