using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpeakerHub.Cloud.Abstractions.History;

namespace SpeakerHub.Cloud.Api.Owner;

/// <summary>
/// <c>/api/owner/devices/{id}/history</c> and <c>/privacy</c>: what the device heard and answered, and
/// whether it keeps the audio. Mapped on the device group, so ownership is already checked.
/// </summary>
public static class OwnerHistoryEndpoints
{
    private const int DefaultPageSize = 20;

    public static RouteGroupBuilder MapOwnerHistory(this RouteGroupBuilder device)
    {
        device.MapGet("/history", GetHistory)
            .WithName("GetDeviceHistory")
            .WithSummary("Lists interactions newest first; pass nextBefore as before for older ones.")
            .ProducesValidationProblem();
        device.MapDelete("/history", ClearHistory)
            .WithName("ClearDeviceHistory")
            .WithSummary("Deletes the device's whole history, kept audio included.");
        device.MapGet("/history/{interactionId}/audio", GetAudio)
            .WithName("GetInteractionAudio")
            .WithSummary("The utterance as 16 kHz mono WAV, when the device keeps audio.")
            .Produces(StatusCodes.Status200OK, contentType: WaveFile.ContentType);
        device.MapGet("/privacy", GetPrivacy)
            .WithName("GetDevicePrivacy")
            .WithSummary("Whether the device keeps the audio of what it hears (off unless the owner opts in).");
        device.MapPut("/privacy", SetPrivacy)
            .WithName("SetDevicePrivacy")
            .WithSummary("Opts in or out of keeping audio; opting out deletes the audio already kept.")
            .ProducesValidationProblem();
        return device;
    }

    private static async Task<Results<Ok<HistoryPageView>, ValidationProblem>> GetHistory(
        string id, IGrainFactory grains, int limit = DefaultPageSize, long? before = null) =>
        await ReadPage(id, grains, limit, before);

    /// <summary>One page of a device's history, or the field errors of the paging parameters.</summary>
    internal static async Task<Results<Ok<HistoryPageView>, ValidationProblem>> ReadPage(
        string id, IGrainFactory grains, int limit, long? before)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > IInteractionHistoryGrain.MaxPageSize)
        {
            errors["limit"] = [$"Must be 1..{IInteractionHistoryGrain.MaxPageSize}."];
        }

        if (before is < 1)
        {
            errors["before"] = ["Must be positive: the nextBefore of the previous page."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await grains.GetHistory(id).GetPage(limit, before);
        return TypedResults.Ok(HistoryPageView.From(page));
    }

    private static async Task<NoContent> ClearHistory(string id, IGrainFactory grains)
    {
        await grains.GetHistory(id).Clear();
        return TypedResults.NoContent();
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAudio(string id, uint interactionId, IGrainFactory grains)
    {
        var audio = await grains.GetHistory(id).GetAudio(interactionId);
        return audio is null
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Audio not kept",
                detail: $"Device '{id}' kept no audio of interaction {interactionId}.")
            : TypedResults.File(WaveFile.FromAdpcm(audio.AdpcmBlocks), WaveFile.ContentType, $"{id}-{interactionId}.wav");
    }

    private static async Task<Ok<PrivacyView>> GetPrivacy(string id, IGrainFactory grains) =>
        TypedResults.Ok(new PrivacyView(await grains.GetHistory(id).KeepsAudio()));

    private static async Task<Ok<PrivacyView>> SetPrivacy(string id, PrivacyRequest request, IGrainFactory grains)
    {
        var history = grains.GetHistory(id);
        await history.SetKeepAudio(request.KeepAudio!.Value);
        return TypedResults.Ok(new PrivacyView(await history.KeepsAudio()));
    }
}
