using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChainPos.Gateway.Auth;

/// <summary>
/// Looks bearer secrets up by their SHA-256, so the process keeps no plain secret in memory longer
/// than configuration binding does, and a lookup does not leak timing about near matches.
/// </summary>
public sealed class CredentialStore
{
    private readonly Dictionary<string, Caller> _bySecretHash = new(StringComparer.Ordinal);

    public CredentialStore(IOptions<AuthOptions> options)
    {
        foreach (var credential in options.Value.Credentials)
        {
            var hash = credential.SecretSha256?.ToLowerInvariant()
                ?? (string.IsNullOrEmpty(credential.Secret) ? null : HashSecret(credential.Secret))
                ?? throw new InvalidOperationException($"Credential '{credential.Name}' has neither Secret nor SecretSha256.");
            if (credential.Role == CallerRole.Store && string.IsNullOrEmpty(credential.StoreId))
            {
                throw new InvalidOperationException($"Store credential '{credential.Name}' needs a StoreId.");
            }

            if (!Enum.IsDefined(credential.Role))
            {
                throw new InvalidOperationException($"Credential '{credential.Name}' needs a Role: Store, Commerce or Admin.");
            }

            _bySecretHash[hash] = new Caller(credential.Name, credential.Role, credential.Role == CallerRole.Store ? credential.StoreId : null);
        }
    }

    public int Count => _bySecretHash.Count;

    public Caller? Find(string secret) => _bySecretHash.GetValueOrDefault(HashSecret(secret));

    /// <summary>Lowercase hex SHA-256 of a secret, as <see cref="CredentialOptions.SecretSha256"/> expects.</summary>
    public static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
