using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Api.Admin;

namespace SpeakerHub.Cloud.Api.Fleet;

/// <summary>Authenticates <c>Authorization: Bearer {operator key}</c> for <c>/api/fleet</c>; the admin key is refused.</summary>
public sealed class OperatorKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    OperatorKey operatorKey,
    IProblemDetailsService problemDetails)
    : StoredKeyAuthenticationHandler<OperatorKey>(options, loggerFactory, encoder, operatorKey, problemDetails)
{
    public const string SchemeName = "OperatorKey";
    public const string PolicyName = "Operator";

    protected override string PrincipalName => "operator";

    // Names where the key is without showing it; the same answer whatever was wrong with the request.
    protected override string ChallengeDetail => Key.FilePath is { } file
        ? $"Send the fleet operator key as 'Authorization: Bearer <key>' ({Path.GetFileName(file)} in the data directory)."
        : "Send the fleet operator key as 'Authorization: Bearer <key>' (Api:OperatorKey in the host's configuration).";
}
