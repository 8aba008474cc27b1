using System.Text.RegularExpressions;
using ChainPos.Api.V1;
using ChainPos.Domain;
using ChainPos.StoreAgent.Hosting;
using ChainPos.StoreAgent.Offline;
using ChainPos.StoreAgent.Selling;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ChainPos.StoreAgent.Api;

/// <summary>
/// Enrols a loyalty customer at the till. <see cref="CustomerId"/> is the new account's id (a loyalty card's number, or one the UI
/// made when the form opened), so a double tap or a retry after a lost answer enrols one account. <see cref="Email"/> is optional.
/// </summary>
internal sealed record EnrolDto(string? CustomerId, string? DisplayName, string? Email = null);

/// <summary>Loyalty enrolment at the register: online only (the account lives on the platform, chain-wide).</summary>
internal static partial class EnrolApi
{
    private const int MaxName = 80;
    private const int MaxEmail = 254;

    /// <summary>Maps <c>POST /api/customers</c> on the signed-in group.</summary>
    public static RouteGroupBuilder MapEnrolApi(this RouteGroupBuilder signedIn)
    {
        signedIn.MapPost("/customers", EnrolAsync);
        return signedIn;
    }

    private static async Task<IResult> EnrolAsync(EnrolDto dto, PlatformClient platform, LinkState link, AllowanceService allowances, IOptions<AgentOptions> options)
    {
        var request = Validate(dto, options.Value.StoreId);
        LoyaltyAccount account;
        try
        {
            account = await platform.Loyalty.EnrolCustomerAsync(request, platform.Call());
        }
        catch (RpcException e) when (LinkState.IsLinkFailure(e))
        {
            link.Down($"{e.StatusCode}: {e.Status.Detail}");
            throw AgentException.Unavailable("Enrolling a customer needs the link to the platform, which cannot be reached right now. Nothing was enrolled; try again when the register is online.");
        }
        catch (RpcException e)
        {
            throw new AgentException(e.StatusCode == StatusCode.InvalidArgument ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict, e.Status.Detail);
        }

        // Enrolling is idempotent by id: an id already enrolled answers its account unchanged. A retry of this enrolment has
        // this name; another name means the id (e.g. a card number typed in) is someone else's.
        if (!string.Equals(account.DisplayName, request.DisplayName, StringComparison.Ordinal))
        {
            throw AgentException.Conflict($"Customer id '{request.CustomerId}' already belongs to another customer; nothing was enrolled. Use a new card or id.");
        }

        allowances.CustomerSeen(account.CustomerId);
        return Results.Ok(new { account.CustomerId, account.DisplayName, account.AvailablePoints, tier = account.Tier.ToString(), enrolled = true });
    }

    private static EnrolCustomerRequest Validate(EnrolDto dto, string storeId)
    {
        var id = dto.CustomerId?.Trim() ?? "";
        if (!Ids.IsValid(id))
        {
            throw AgentException.Invalid("The customer id (card number) must be 1-64 letters, digits, '.', '_', ':' or '-'.");
        }

        var name = dto.DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > MaxName || name.Any(char.IsControl))
        {
            throw AgentException.Invalid($"Enter the customer's name (1-{MaxName} characters).");
        }

        var email = dto.Email?.Trim() ?? "";
        if (email.Length > 0 && (email.Length > MaxEmail || !EmailShape().IsMatch(email)))
        {
            throw AgentException.Invalid($"'{(email.Length > 40 ? email[..40] + "…" : email)}' is not an e-mail address (name@example.com); correct it or leave it empty.");
        }

        return new EnrolCustomerRequest { CustomerId = id, DisplayName = name, Email = email, StoreId = storeId };
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}
