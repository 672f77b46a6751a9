using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpeakerHub.Cloud.Abstractions.Accounts;

namespace SpeakerHub.Cloud.Api.Admin;

/// <summary><c>/api/admin/owners</c>: creating owner accounts and issuing or revoking their API keys.</summary>
public static class AdminOwnerEndpoints
{
    // 60 random bits make a collision unlikely, not impossible; a few tries turn "unlikely" into "never seen".
    private const int GeneratedIdAttempts = 3;

    public static IEndpointRouteBuilder MapAdminOwners(this IEndpointRouteBuilder routes)
    {
        var owners = routes.MapGroup("/api/admin/owners")
            .RequireAuthorization(AdminKeyAuthenticationHandler.PolicyName)
            .WithTags("Admin")
            .AddEndpointFilter<RequestValidationFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        owners.MapPost("/", CreateOwner)
            .WithName("CreateOwner")
            .WithSummary("Creates an owner account and returns its first API key; the key is shown once.")
            .ProducesValidationProblem();
        owners.MapGet("/{id}", GetOwner)
            .WithName("GetOwner")
            .WithSummary("Shows an owner: name, devices and key ids (never the keys).");
        owners.MapPost("/{id}/keys", IssueKey)
            .WithName("IssueOwnerKey")
            .WithSummary("Issues another API key; with revokeOthers=true every older key stops working.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        owners.MapDelete("/{id}/keys/{keyId}", RevokeKey)
            .WithName("RevokeOwnerKey")
            .WithSummary("Stops one API key working.");
        return routes;
    }

    private static async Task<Created<OwnerKeyView>> CreateOwner(CreateOwnerRequest request, IGrainFactory grains)
    {
        for (var attempt = 1; ; attempt++)
        {
            var id = OwnerApiKey.NewOwnerId();
            try
            {
                var key = await grains.GetOwner(id).Create(request.Name!.Trim());
                return TypedResults.Created($"/api/admin/owners/{id}", OwnerKeyView.From(key));
            }
            catch (OwnerAlreadyExistsException) when (attempt < GeneratedIdAttempts)
            {
                // A generated id collided; draw another.
            }
        }
    }

    private static async Task<Results<Ok<OwnerView>, ProblemHttpResult>> GetOwner(string id, IGrainFactory grains)
    {
        var profile = OwnerApiKey.IsValidOwnerId(id) ? await grains.GetOwner(id).GetProfile() : null;
        return profile is null ? OwnerNotFound(id) : TypedResults.Ok(OwnerView.From(profile));
    }

    private static async Task<Results<Created<OwnerKeyView>, ProblemHttpResult>> IssueKey(
        string id, IGrainFactory grains, bool revokeOthers = false)
    {
        if (!OwnerApiKey.IsValidOwnerId(id))
        {
            return OwnerNotFound(id);
        }

        try
        {
            var key = await grains.GetOwner(id).IssueKey(revokeOthers);
            return key is null
                ? TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Too many keys",
                    detail: $"Owner '{id}' holds the most keys allowed; revoke one or pass revokeOthers=true.")
                : TypedResults.Created($"/api/admin/owners/{id}", OwnerKeyView.From(key));
        }
        catch (OwnerNotFoundException)
        {
            return OwnerNotFound(id);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(string id, string keyId, IGrainFactory grains)
    {
        try
        {
            return OwnerApiKey.IsValidOwnerId(id) && await grains.GetOwner(id).RevokeKey(keyId)
                ? TypedResults.NoContent()
                : TypedResults.Problem(
                    statusCode: StatusCodes.Status404NotFound, title: "Key not found", detail: $"Owner '{id}' has no key '{keyId}'.");
        }
        catch (OwnerNotFoundException)
        {
            return OwnerNotFound(id);
        }
    }

    public static ProblemHttpResult OwnerNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Owner not found", detail: $"Owner '{id}' does not exist.");
}
