using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Commerce;
using SpeakerHub.Cloud.Api.Admin;

namespace SpeakerHub.Cloud.Api.Merchant;

/// <summary>Merchant API keys: the principal's <see cref="ClaimTypes.NameIdentifier"/> is the merchant id.</summary>
public sealed class MerchantKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IGrainFactory grains,
    IProblemDetailsService problemDetails)
    : AccountKeyAuthenticationHandler(options, loggerFactory, encoder, problemDetails)
{
    public const string SchemeName = "Merchant";
    public const string PolicyName = "Merchant";

    protected override string AccountKind => "merchant";

    protected override Task<bool> VerifyAsync(string accountId, string secret) =>
        grains.GetGrain<IMerchantGrain>(accountId).VerifyKey(secret);
}

public static class MerchantPrincipal
{
    /// <summary>The signed-in merchant's id; only meaningful behind the merchant policy.</summary>
    public static string MerchantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The request is not signed in as a merchant.");
}
