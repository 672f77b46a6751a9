using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Accounts;
using SpeakerHub.Cloud.Api.Admin;

namespace SpeakerHub.Cloud.Api.Owner;

/// <summary>
/// Authenticates <c>Authorization: Bearer {ownerId}.{secret}</c> against the owner's account grain and
/// yields a principal whose <see cref="ClaimTypes.NameIdentifier"/> is the owner id.
/// </summary>
public sealed class OwnerKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IGrainFactory grains,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Owner";
    public const string PolicyName = "Owner";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.Read(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (!OwnerApiKey.TryParse(token, out var ownerId, out var secret) || !await grains.GetOwner(ownerId).VerifyKey(secret))
        {
            return AuthenticateResult.Fail("The bearer token is not a valid owner API key.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, ownerId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        BearerToken.ChallengeAsync(Context, problemDetails, "Send your owner API key as 'Authorization: Bearer <key>'.");
}

public static class OwnerPrincipal
{
    /// <summary>The signed-in owner's id; only meaningful behind the owner policy.</summary>
    public static string OwnerId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The request is not signed in as an owner.");
}
