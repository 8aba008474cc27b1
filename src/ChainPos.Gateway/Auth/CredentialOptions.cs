namespace ChainPos.Gateway.Auth;

/// <summary>
/// One configured credential (section ChainPos:Auth:Credentials). Give either the secret itself (from a
/// secret store or environment variable, never from source) or its SHA-256 in hex.
/// </summary>
public sealed class CredentialOptions
{
    public string Name { get; set; } = "";

    public string? Secret { get; set; }

    public string? SecretSha256 { get; set; }

    public CallerRole Role { get; set; }

    /// <summary>Required for <see cref="CallerRole.Store"/>: the one store this credential reaches.</summary>
    public string? StoreId { get; set; }
}

/// <summary>Section ChainPos:Auth.</summary>
public sealed class AuthOptions
{
    public const string Section = "ChainPos:Auth";

    public List<CredentialOptions> Credentials { get; set; } = [];
}
