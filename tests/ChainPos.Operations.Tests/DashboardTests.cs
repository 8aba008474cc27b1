using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChainPos.Silo;
using ChainPos.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace ChainPos.Operations.Tests;

/// <summary>The Orleans Dashboard on the HTTP operations port of a real all-in-one node: admins only.</summary>
public sealed class DashboardTests : IAsyncLifetime, IDisposable
{
    private const string AdminSecret = "ops-admin-secret-0123456789";
    private const string StoreSecret = "ops-store-secret-0123456789";
    private const string Page = "/ops/orleans/";
    private const string ActiveHosts = "\"totalActiveHostCount\":1";

    private WebApplication _app = null!;
    private HttpClient _ops = null!;

    public async Task InitializeAsync()
    {
        _app = Start(dashboard: true);
        await _app.StartAsync();
        _ops = new HttpClient { BaseAddress = ChainPosApp.HttpAddress(_app) };
    }

    public void Dispose() => _ops.Dispose();

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Dashboard_NoCredential_401WithBasicChallenge()
    {
        using var response = await _ops.GetAsync(new Uri(Page, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData("Bearer", "not-a-known-secret")]
    [InlineData("Basic", "admin:not-a-known-secret")]
    [InlineData("Basic", "%%% not base64")]
    [InlineData("Digest", AdminSecret)]
    public async Task Dashboard_UnknownOrMalformedCredential_401(string scheme, string value)
    {
        using var response = await GetAsync(Page, scheme, scheme == "Basic" && value.Contains(':', StringComparison.Ordinal) ? Base64(value) : value);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_StoreCredential_403()
    {
        using var response = await GetAsync(Page, "Bearer", StoreSecret);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_AdminBearer_200Html()
    {
        using var response = await GetAsync(Page, "Bearer", AdminSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Dashboard_AdminBasicAsBrowserSendsIt_200()
    {
        using var response = await GetAsync(Page, "Basic", Base64("admin:" + AdminSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DashboardApi_AdminSeesThisSilo_NoCredentialDoesNot()
    {
        // The page's data comes from the API under the same prefix, behind the same check.
        using var anonymous = await _ops.GetAsync(new Uri(Page + "DashboardCounters", UriKind.Relative));
        var (status, body) = await Eventually.UntilAsync(
            async () =>
            {
                using var admin = await GetAsync(Page + "DashboardCounters", "Bearer", AdminSecret);
                return (admin.StatusCode, await admin.Content.ReadAsStringAsync());
            },
            r => r.StatusCode != HttpStatusCode.OK || r.Item2.Contains(ActiveHosts, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(ActiveHosts, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_OnGrpcPort_404EvenForAdmin()
    {
        // The gRPC port speaks HTTP/2 without TLS (prior knowledge), as store agents do.
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ChainPosApp.GrpcAddress(_app), Page))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminSecret);

        using var response = await client.SendAsync(request);

        Assert.Equal((HttpStatusCode.NotFound, new Version(2, 0)), (response.StatusCode, response.Version));
    }

    [Fact]
    public async Task Dashboard_NotEnabled_404()
    {
        await using var app = Start(dashboard: false);
        await app.StartAsync();
        using var ops = new HttpClient { BaseAddress = ChainPosApp.HttpAddress(app) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Page, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminSecret);

        using var response = await ops.SendAsync(request);
        await app.StopAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static WebApplication Start(bool dashboard) => ChainPosApp.Build([], builder => builder.Configuration.AddInMemoryCollection(
        NodeSettings.AllInOne()
            .WithCredential("admin", AdminSecret, "Admin")
            .WithCredential("agent", StoreSecret, "Store", "S1")
            .With("ChainPos:Dashboard:Enabled", dashboard ? "true" : "false")));

    private async Task<HttpResponseMessage> GetAsync(string path, string scheme, string parameter)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {parameter}");
        return await _ops.SendAsync(request);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
