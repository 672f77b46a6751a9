using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Api.Admin;

/// <summary>
/// Authenticates <c>Authorization: Bearer {admin key}</c>. An authentication scheme rather than an
/// endpoint filter, so an unauthenticated request is refused before its body is even read.
/// </summary>
public sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AdminKey adminKey,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "AdminKey";
    public const string PolicyName = "Admin";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.Read(Request) is not { } token)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!adminKey.Matches(token))
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not the admin key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        BearerToken.ChallengeAsync(Context, problemDetails, "Send the admin key as 'Authorization: Bearer <key>'.");
}
