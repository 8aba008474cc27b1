using ChainPos.Api.V1;
using ChainPos.Domain;

namespace ChainPos.StoreAgent.Offline;

/// <summary>An employee whose PIN the agent can check offline.</summary>
internal sealed record StaffMember(string EmployeeId, string Name, EmployeeRole Role);

/// <summary>
/// The store's staff PIN verifiers (the platform's salted PBKDF2 hashes, never a PIN), refreshed with the store
/// settings while online, so a cashier can open a shift and a supervisor can approve while the link is down.
/// </summary>
internal sealed class StaffStore(AgentDatabase db)
{
    /// <summary>Replaces the cached verifiers with the platform's current list (a removed employee is removed here too).</summary>
    public Task ReplaceAsync(IEnumerable<StaffVerifier> staff) => db.WriteAsync((c, t) =>
    {
        using (var clear = AgentDatabase.Command(c, "DELETE FROM staff", t))
        {
            clear.ExecuteNonQuery();
        }

        foreach (var s in staff)
        {
            using var insert = AgentDatabase.Command(c, "INSERT INTO staff(employee_id, name, role, pin_hash) VALUES(@e, @n, @r, @h)", t,
                ("@e", s.EmployeeId), ("@n", s.Name), ("@r", (int)s.Role), ("@h", s.PinHash));
            insert.ExecuteNonQuery();
        }
    });

    /// <summary>The employee when <paramref name="pin"/> matches their cached verifier and their role is at least <paramref name="minimum"/>; otherwise null.</summary>
    public StaffMember? Verify(string employeeId, string pin, EmployeeRole minimum) => db.Read(c =>
    {
        using var query = AgentDatabase.Command(c, "SELECT name, role, pin_hash FROM staff WHERE employee_id = @e", null, ("@e", employeeId));
        using var reader = query.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var member = new StaffMember(employeeId, reader.GetString(0), (EmployeeRole)reader.GetInt32(1));
        return PinHasher.Verify(pin, reader.GetString(2)) && member.Role >= minimum ? member : null;
    });

    /// <summary>How many employees are cached.</summary>
    public long Count => db.Read(c =>
    {
        using var query = AgentDatabase.Command(c, "SELECT count(*) FROM staff");
        return (long)query.ExecuteScalar()!;
    });
}
