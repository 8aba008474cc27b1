using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ChainPos.StoreAgent.Offline;

/// <summary>The shift open on this register, as the agent knows it.</summary>
internal sealed record LocalShift(string ShiftId, string CashierId, string CashierName, DateTimeOffset OpenedAt, long OpeningFloat);

/// <summary>
/// The open shift and a cache of PIN hashes of cashiers who signed in online (PBKDF2, salted), so a
/// cashier can sign in again while the link is down. The platform's PINs are never read back.
/// </summary>
internal sealed class ShiftStore(AgentDatabase db)
{
    private const string ShiftKey = "shift";
    private const int Iterations = 100_000;

    public LocalShift? Current => db.Read(c => KeyValues.Get(c, ShiftKey)) is { } json ? JsonSerializer.Deserialize<LocalShift>(json) : null;

    public Task SetAsync(LocalShift? shift) => db.WriteAsync((c, t) => Write(c, t, shift));

    /// <summary>Sets the open shift inside a caller's transaction.</summary>
    public static void Write(SqliteConnection c, SqliteTransaction t, LocalShift? shift) =>
        KeyValues.Set(c, t, ShiftKey, shift is null ? null : JsonSerializer.Serialize(shift));

    public Task RememberPinAsync(string employeeId, string pin)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Convert.ToBase64String(salt) + ":" + Convert.ToBase64String(Derive(pin, salt));
        return db.WriteAsync((c, t) =>
        {
            using var command = AgentDatabase.Command(c, "INSERT OR REPLACE INTO pins(employee_id, hash) VALUES(@e, @h)", t, ("@e", employeeId), ("@h", hash));
            command.ExecuteNonQuery();
        });
    }

    /// <summary>True when the PIN matches the one this employee last signed in with online.</summary>
    public bool CheckPin(string employeeId, string pin)
    {
        var stored = db.Read(c =>
        {
            using var command = AgentDatabase.Command(c, "SELECT hash FROM pins WHERE employee_id = @e", null, ("@e", employeeId));
            return command.ExecuteScalar() as string;
        });
        if (stored?.Split(':') is not [var salt, var hash])
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Derive(pin, Convert.FromBase64String(salt)), Convert.FromBase64String(hash));
    }

    private static byte[] Derive(string pin, byte[] salt) => Rfc2898DeriveBytes.Pbkdf2(pin, salt, Iterations, HashAlgorithmName.SHA256, 32);
}
