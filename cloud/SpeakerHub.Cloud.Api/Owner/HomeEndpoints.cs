using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpeakerHub.Cloud.Abstractions.Home;
using SpeakerHub.Cloud.Api.Admin;

namespace SpeakerHub.Cloud.Api.Owner;

/// <summary>
/// <c>/home/appliances</c> under the owner group: the signed-in owner's smart-home appliances. Names
/// and rooms registered here become words the speakers understand ("turn on the garage light").
/// </summary>
public static class HomeEndpoints
{
    private const string ApplianceRoute = "/{applianceId}";

    public static RouteGroupBuilder MapHomeEndpoints(this RouteGroupBuilder owner)
    {
        var appliances = owner.MapGroup("/home/appliances")
            .WithTags("Home")
            .AddEndpointFilter<RequestValidationFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        appliances.MapGet("", List)
            .WithName("ListAppliances")
            .WithSummary("Lists the owner's appliances with their last known state.");
        appliances.MapPost("", Register)
            .WithName("RegisterAppliance")
            .WithSummary("Registers an appliance by name and room; speakers understand the new words at once.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        appliances.MapGet(ApplianceRoute, Get)
            .WithName("GetAppliance")
            .WithSummary("Shows one appliance with its state read from its brand now.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        appliances.MapPatch(ApplianceRoute, Update)
            .WithName("UpdateAppliance")
            .WithSummary("Renames an appliance, moves it to another room or changes its aliases.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        appliances.MapDelete(ApplianceRoute, Remove)
            .WithName("RemoveAppliance")
            .WithSummary("Removes an appliance; its words leave the vocabulary unless another home uses them.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return owner;
    }

    private static async Task<Results<Ok<ApplianceView[]>, ProblemHttpResult>> List(ClaimsPrincipal user, IGrainFactory grains)
    {
        if (OwnerOf(user) is not { } ownerId)
        {
            return NotSignedIn();
        }

        var appliances = await grains.GetHome(ownerId).List();
        return TypedResults.Ok(appliances.Select(ApplianceView.From).ToArray());
    }

    private static async Task<Results<Created<ApplianceView>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterApplianceRequest request, ClaimsPrincipal user, IGrainFactory grains, HttpContext http)
    {
        if (OwnerOf(user) is not { } ownerId)
        {
            return NotSignedIn();
        }

        try
        {
            var appliance = await grains.GetHome(ownerId).Register(request.ToRegistration(), http.RequestAborted);
            return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{appliance.Id}", ApplianceView.From(appliance));
        }
        catch (ApplianceRejectedException rejected)
        {
            return Rejected(rejected);
        }
        catch (ApplianceConflictException conflict)
        {
            return Conflict(conflict);
        }
    }

    private static async Task<Results<Ok<ApplianceView>, ProblemHttpResult>> Get(
        string applianceId, ClaimsPrincipal user, IGrainFactory grains, HttpContext http)
    {
        if (OwnerOf(user) is not { } ownerId)
        {
            return NotSignedIn();
        }

        try
        {
            return TypedResults.Ok(ApplianceView.From(await grains.GetHome(ownerId).Get(applianceId, http.RequestAborted)));
        }
        catch (ApplianceNotFoundException missing)
        {
            return NotFound(missing);
        }
    }

    private static async Task<Results<Ok<ApplianceView>, ValidationProblem, ProblemHttpResult>> Update(
        string applianceId, UpdateApplianceRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (OwnerOf(user) is not { } ownerId)
        {
            return NotSignedIn();
        }

        try
        {
            return TypedResults.Ok(ApplianceView.From(await grains.GetHome(ownerId).Update(applianceId, request.ToUpdate())));
        }
        catch (ApplianceNotFoundException missing)
        {
            return NotFound(missing);
        }
        catch (ApplianceRejectedException rejected)
        {
            return Rejected(rejected);
        }
        catch (ApplianceConflictException conflict)
        {
            return Conflict(conflict);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(string applianceId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (OwnerOf(user) is not { } ownerId)
        {
            return NotSignedIn();
        }

        try
        {
            await grains.GetHome(ownerId).Remove(applianceId);
            return TypedResults.NoContent();
        }
        catch (ApplianceNotFoundException missing)
        {
            return NotFound(missing);
        }
    }

    private static string? OwnerOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    private static ProblemHttpResult NotSignedIn() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", detail: "Sign in as an owner to manage a home.");

    private static ProblemHttpResult NotFound(ApplianceNotFoundException missing) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Appliance not found", detail: missing.Message);

    private static ProblemHttpResult Conflict(ApplianceConflictException conflict) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "Appliance already exists", detail: conflict.Message);

    private static ValidationProblem Rejected(ApplianceRejectedException rejected) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [rejected.Field] = [rejected.Message] });
}
