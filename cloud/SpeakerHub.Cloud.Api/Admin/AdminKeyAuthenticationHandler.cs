using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Api.Admin;

/// <summary>Authenticates <c>Authorization: Bearer {admin key}</c> for <c>/api/admin</c>.</summary>
public sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AdminKey adminKey,
    IProblemDetailsService problemDetails)
    : StoredKeyAuthenticationHandler<AdminKey>(options, loggerFactory, encoder, adminKey, problemDetails)
{
    public const string SchemeName = "AdminKey";
    public const string PolicyName = "Admin";

    protected override string PrincipalName => "admin";

    protected override string ChallengeDetail => "Send the admin key as 'Authorization: Bearer <key>'.";
}
