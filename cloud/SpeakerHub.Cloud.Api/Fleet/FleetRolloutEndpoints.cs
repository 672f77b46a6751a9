using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpeakerHub.Cloud.Abstractions.Fleet;

namespace SpeakerHub.Cloud.Api.Fleet;

/// <summary>
/// <c>/api/fleet/rollouts</c>: staged rollouts of an uploaded image. A rollout asked to do what its phase
/// forbids (resume a finished one) is a 409 problem from the grain's <see cref="FleetConflictException"/>.
/// </summary>
public static class FleetRolloutEndpoints
{
    private const string GeneratedIdPrefix = "ro-";
    private const int GeneratedIdLength = 10;
    private const string GeneratedIdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int MaxRolloutIdLength = 64;

    // 50 random bits make a collision unlikely, not impossible; a few tries turn "unlikely" into "never seen".
    private const int GeneratedIdAttempts = 3;

    public static RouteGroupBuilder MapFleetRollouts(this RouteGroupBuilder fleet)
    {
        var rollouts = fleet.MapGroup("/rollouts");
        rollouts.MapPost("", CreateRollout)
            .WithName("CreateRollout")
            .WithSummary("Starts a staged rollout of an uploaded image: waves of devices, each soaked and judged by health gates.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        rollouts.MapGet("", ListRollouts)
            .WithName("ListRollouts")
            .WithSummary("Lists rollouts newest first with their phase and progress.");
        rollouts.MapGet("/{id}", GetRollout)
            .WithName("GetRollout")
            .WithSummary("Shows a rollout: phase, waves, device states and the health gates' verdicts.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        rollouts.MapPost("/{id}/pause", Pause)
            .WithName("PauseRollout")
            .WithSummary("Stops starting new waves; devices already offered the image carry on.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        rollouts.MapPost("/{id}/resume", Resume)
            .WithName("ResumeRollout")
            .WithSummary("Carries on a paused rollout.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        rollouts.MapPost("/{id}/abort", Abort)
            .WithName("AbortRollout")
            .WithSummary("Stops the rollout: devices not yet switched drop the download; updated ones stay.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        rollouts.MapPost("/{id}/rollback", Rollback)
            .WithName("RollBackRollout")
            .WithSummary("Aborts if needed, then offers every device the rollout updated the image it ran before.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return fleet;
    }

    private static async Task<Results<Created<RolloutView>, ProblemHttpResult>> CreateRollout(CreateRolloutRequest request, IGrainFactory grains)
    {
        var fleet = grains.GetFleet();
        var image = await fleet.GetImage(request.ImageId!);
        if (image is null)
        {
            return FleetEndpoints.ImageNotFound(request.ImageId!);
        }

        if (request.Selector?.Model is { } model && !string.Equals(model, image.Model, StringComparison.Ordinal))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Model mismatch",
                detail: $"Image '{image.ImageId}' is firmware for model '{image.Model}'; the selector cannot choose model '{model}'. Leave selector.model out to use the image's.");
        }

        var spec = request.ToSpec(image);
        for (var attempt = 1; ; attempt++)
        {
            var id = NewRolloutId();
            var rollout = grains.GetRollout(id);
            if (await rollout.GetStatus() is not null && attempt < GeneratedIdAttempts)
            {
                // A generated id collided; draw another.
                continue;
            }

            // A rollout that still collides, or matches no device, is a FleetConflictException: 409.
            var status = await rollout.Create(spec);
            await fleet.AddRollout(id);
            return TypedResults.Created($"/api/fleet/rollouts/{id}", RolloutView.From(status));
        }
    }

    private static async Task<Ok<RolloutView[]>> ListRollouts(IGrainFactory grains)
    {
        var ids = await grains.GetFleet().ListRollouts();
        var statuses = await Task.WhenAll(ids.Distinct(StringComparer.Ordinal).Select(id => grains.GetRollout(id).GetStatus()));
        return TypedResults.Ok(statuses
            .OfType<RolloutStatus>()
            .OrderByDescending(status => status.CreatedAt)
            .Select(RolloutView.From)
            .ToArray());
    }

    private static async Task<Results<Ok<RolloutView>, ProblemHttpResult>> GetRollout(string id, IGrainFactory grains)
    {
        var status = IsValidRolloutId(id) ? await grains.GetRollout(id).GetStatus() : null;
        return status is null ? RolloutNotFound(id) : TypedResults.Ok(RolloutView.From(status));
    }

    private static Task<Results<Ok<RolloutView>, ProblemHttpResult>> Pause(string id, RolloutReasonRequest? request, IGrainFactory grains) =>
        Act(id, grains, rollout => rollout.Pause(RolloutReasonRequest.ReasonOr(request, "Paused by the operator.")));

    private static Task<Results<Ok<RolloutView>, ProblemHttpResult>> Resume(string id, IGrainFactory grains) =>
        Act(id, grains, rollout => rollout.Resume());

    private static Task<Results<Ok<RolloutView>, ProblemHttpResult>> Abort(string id, RolloutReasonRequest? request, IGrainFactory grains) =>
        Act(id, grains, rollout => rollout.Abort(RolloutReasonRequest.ReasonOr(request, "Aborted by the operator.")));

    private static Task<Results<Ok<RolloutView>, ProblemHttpResult>> Rollback(string id, IGrainFactory grains) =>
        Act(id, grains, rollout => rollout.Rollback());

    /// <summary>404 for a rollout that does not exist; otherwise the action, whose phase conflicts the grain reports as 409.</summary>
    private static async Task<Results<Ok<RolloutView>, ProblemHttpResult>> Act(
        string id, IGrainFactory grains, Func<IRolloutGrain, Task<RolloutStatus>> action)
    {
        var rollout = IsValidRolloutId(id) ? grains.GetRollout(id) : null;
        if (rollout is null || await rollout.GetStatus() is null)
        {
            return RolloutNotFound(id);
        }

        return TypedResults.Ok(RolloutView.From(await action(rollout)));
    }

    private static bool IsValidRolloutId(string id) =>
        id.Length is > 0 and <= MaxRolloutIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static ProblemHttpResult RolloutNotFound(string id) =>
        FleetEndpoints.NotFound("Rollout not found", $"Rollout '{id}' does not exist.");

    private static string NewRolloutId() =>
        GeneratedIdPrefix + RandomNumberGenerator.GetString(GeneratedIdAlphabet, GeneratedIdLength);
}
