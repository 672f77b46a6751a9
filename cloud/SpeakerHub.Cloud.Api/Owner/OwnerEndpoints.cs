using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpeakerHub.Cloud.Abstractions.Accounts;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Abstractions.Timers;
using SpeakerHub.Cloud.Api.Admin;

namespace SpeakerHub.Cloud.Api.Owner;

/// <summary>
/// <c>/api/owner</c>: a household's own speakers, signed in with an owner API key. Everything under
/// <c>/devices/{id}</c> passes <see cref="OwnedDeviceFilter"/> first.
/// </summary>
public static class OwnerEndpoints
{
    public static IEndpointRouteBuilder MapOwnerApi(this IEndpointRouteBuilder routes)
    {
        var owner = routes.MapGroup("/api/owner")
            .RequireAuthorization(OwnerKeyAuthenticationHandler.PolicyName)
            .WithTags("Owner")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        var devices = owner.MapGroup("/devices");
        devices.MapGet("", ListDevices)
            .WithName("ListOwnerDevices")
            .WithSummary("Lists the owner's devices with presence and settings.");

        // Ownership before body validation: another owner's device is 404 whatever the body says.
        var device = devices.MapGroup($"/{{{OwnedDeviceFilter.DeviceIdRouteValue}}}")
            .AddEndpointFilter<OwnedDeviceFilter>()
            .AddEndpointFilter<RequestValidationFilter>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        device.MapGet("", GetDevice)
            .WithName("GetOwnerDevice")
            .WithSummary("Shows one of the owner's devices.");
        device.MapPatch("/settings", ChangeSettings)
            .WithName("ChangeOwnerDeviceSettings")
            .WithSummary("Changes volume, mute or wake sensitivity; the device applies them when connected.")
            .ProducesValidationProblem();
        device.MapPost("/say", Say)
            .WithName("SayToOwnerDevice")
            .WithSummary("Runs typed text through the device's voice path and returns the reply.")
            .ProducesValidationProblem();
        device.MapOwnerHistory();
        device.MapGet("/timers", ListTimers)
            .WithName("ListDeviceTimers")
            .WithSummary("The device's running timers, soonest first, with the time each rings.");

        owner.MapHomeEndpoints();
        owner.MapWalletEndpoints();
        return routes;
    }

    private static async Task<Ok<OwnerDeviceView[]>> ListDevices(ClaimsPrincipal user, IGrainFactory grains)
    {
        var ownerId = user.OwnerId();
        var profile = await grains.GetOwner(ownerId).GetProfile();
        var snapshots = await Task.WhenAll((profile?.DeviceIds ?? []).Select(id => grains.GetDevice(id).GetSnapshot()));

        // The device's own owner record is the authority; the owner's list only says where to look.
        return TypedResults.Ok(snapshots.Where(snapshot => snapshot?.OwnerId == ownerId).Select(snapshot => OwnerDeviceView.From(snapshot!)).ToArray());
    }

    private static Ok<OwnerDeviceView> GetDevice(HttpContext context) =>
        TypedResults.Ok(OwnerDeviceView.From(OwnedDeviceFilter.OwnedDevice(context)));

    private static async Task<Accepted<TwinAccepted>> ChangeSettings(string id, TwinChangeRequest request, IGrainFactory grains)
    {
        var version = await grains.GetDevice(id).SetDesired(request.ToChange());
        return TypedResults.Accepted($"/api/owner/devices/{id}", new TwinAccepted(version));
    }

    private static async Task<Ok<TimerView[]>> ListTimers(string id, IGrainFactory grains, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var timers = await grains.GetTimers(id).List();
        return TypedResults.Ok(timers
            .OrderBy(timer => timer.DueAt)
            .Select(timer => new TimerView(timer.Id, timer.Name, timer.Duration.TotalSeconds, timer.DueAt, Math.Max(0, (timer.DueAt - now).TotalSeconds)))
            .ToArray());
    }

    private static async Task<Ok<SayResult>> Say(string id, SayRequest request, IGrainFactory grains)
    {
        var result = await grains.GetDevice(id).Say(request.Text!);
        return TypedResults.Ok(SayResult.From(result));
    }
}
