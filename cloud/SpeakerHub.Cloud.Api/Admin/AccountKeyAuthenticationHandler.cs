using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Accounts;

namespace SpeakerHub.Cloud.Api.Admin;

/// <summary>
/// Authenticates <c>Authorization: Bearer {accountId}.{secret}</c> against the account's grain (an owner,
/// a merchant) and yields a principal whose <see cref="ClaimTypes.NameIdentifier"/> is the account id.
/// </summary>
public abstract class AccountKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>"owner", "merchant": named in the failure and the challenge.</summary>
    protected abstract string AccountKind { get; }

    protected abstract Task<bool> VerifyAsync(string accountId, string secret);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.Read(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (!OwnerApiKey.TryParse(token, out var accountId, out var secret) || !await VerifyAsync(accountId, secret))
        {
            return AuthenticateResult.Fail($"The bearer token is not a valid {AccountKind} API key.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, accountId)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        BearerToken.ChallengeAsync(Context, problemDetails, $"Send your {AccountKind} API key as 'Authorization: Bearer <key>'.");
}
