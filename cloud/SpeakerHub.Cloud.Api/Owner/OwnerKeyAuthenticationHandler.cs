using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Accounts;
using SpeakerHub.Cloud.Api.Admin;

namespace SpeakerHub.Cloud.Api.Owner;

/// <summary>Owner API keys: the principal's <see cref="ClaimTypes.NameIdentifier"/> is the owner id.</summary>
public sealed class OwnerKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IGrainFactory grains,
    IProblemDetailsService problemDetails)
    : AccountKeyAuthenticationHandler(options, loggerFactory, encoder, problemDetails)
{
    public const string SchemeName = "Owner";
    public const string PolicyName = "Owner";

    protected override string AccountKind => "owner";

    protected override Task<bool> VerifyAsync(string accountId, string secret) => grains.GetOwner(accountId).VerifyKey(secret);
}

public static class OwnerPrincipal
{
    /// <summary>The signed-in owner's id; only meaningful behind the owner policy.</summary>
    public static string OwnerId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The request is not signed in as an owner.");
}
