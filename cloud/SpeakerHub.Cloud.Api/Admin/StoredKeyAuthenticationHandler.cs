using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Api.Admin;

/// <summary>
/// Authenticates <c>Authorization: Bearer {key}</c> against one role's <see cref="StoredApiKey"/>. An
/// authentication scheme rather than an endpoint filter, so an unauthenticated request is refused before
/// its body is even read. Each role has its own scheme, so one role's key never opens another's API.
/// </summary>
public abstract class StoredKeyAuthenticationHandler<TKey>(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TKey key,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
    where TKey : StoredApiKey
{
    /// <summary>The principal's name once authenticated ("admin", "operator").</summary>
    protected abstract string PrincipalName { get; }

    /// <summary>What the 401 problem tells the caller to send; the same whatever was wrong.</summary>
    protected abstract string ChallengeDetail { get; }

    protected TKey Key => key;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.Read(Request) is not { } token)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!key.Matches(token))
        {
            return Task.FromResult(AuthenticateResult.Fail($"The bearer token is not the {PrincipalName} key."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, PrincipalName), new Claim(ClaimTypes.Role, PrincipalName)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        BearerToken.ChallengeAsync(Context, problemDetails, ChallengeDetail);
}
