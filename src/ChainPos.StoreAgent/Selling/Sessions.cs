using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ChainPos.StoreAgent.Selling;

/// <summary>A signed-in cashier at this register.</summary>
internal sealed record Session(string Token, string EmployeeId, string Name);

/// <summary>Sign-in sessions of the register UI, in memory (a restarted agent asks for the PIN again).</summary>
internal sealed class Sessions
{
    public const string Header = "X-Session";
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public Session Create(string employeeId, string name)
    {
        var session = new Session(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), employeeId, name);
        _sessions[session.Token] = session;
        return session;
    }

    public Session? Find(string? token) => token is not null && _sessions.TryGetValue(token, out var s) ? s : null;

    public void Remove(string token) => _sessions.TryRemove(token, out _);

    public void Clear() => _sessions.Clear();
}
