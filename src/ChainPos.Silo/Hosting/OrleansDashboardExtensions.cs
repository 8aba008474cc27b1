using System.Net.Http.Headers;
using System.Text;
using ChainPos.Gateway.Auth;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Dashboard;

namespace ChainPos.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard (package Microsoft.Orleans.Dashboard) at <see cref="RoutePrefix"/> on the HTTP operations
/// port, behind the admin credential: the dashboard itself has no authentication and shows grain state and live logs.
/// Opt-in (<c>ChainPos:Dashboard:Enabled</c>): its grain call profiler sits on every grain call.
/// </summary>
internal static class OrleansDashboardExtensions
{
    public const string RoutePrefix = "/ops/orleans";
    public const string EnabledKey = "ChainPos:Dashboard:Enabled";

    private static readonly object Marker = new DashboardEndpoint();

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledKey, false);

    /// <summary>The credential store checks the admin secret; a gateway node has one already, a silo-only node gets one here.</summary>
    public static void AddDashboardCredentials(this IHostApplicationBuilder builder, NodeRole role)
    {
        if (role == NodeRole.Silo)
        {
            builder.Services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        }

        builder.Services.TryAddSingleton<CredentialStore>();
    }

    /// <summary>Maps the dashboard, answered only on connections <paramref name="onOpsPort"/> accepts and only for an admin.</summary>
    public static void MapChainPosDashboard(this WebApplication app, Func<HttpContext, bool> onOpsPort)
    {
        app.Use(next => context =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<DashboardEndpoint>() is null)
            {
                return next(context);
            }

            if (!onOpsPort(context))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            var caller = Secret(context.Request) is { } secret ? context.RequestServices.GetRequiredService<CredentialStore>().Find(secret) : null;
            if (caller is null)
            {
                // Basic lets a browser prompt: any user name, the admin secret as the password.
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"ChainPos operations\", charset=\"UTF-8\"";
                return Task.CompletedTask;
            }

            if (caller.Role != CallerRole.Admin)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.MapOrleansDashboard(routePrefix: RoutePrefix).WithMetadata(Marker);
    }

    /// <summary>The secret of <c>Authorization: Bearer &lt;secret&gt;</c> or the password of <c>Basic</c>.</summary>
    private static string? Secret(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header) || string.IsNullOrEmpty(header.Parameter))
        {
            return null;
        }

        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return header.Parameter;
        }

        if (!header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 ? pair[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed class DashboardEndpoint;
}
