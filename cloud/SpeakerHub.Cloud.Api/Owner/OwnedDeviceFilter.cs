using Microsoft.AspNetCore.Http;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Protocol;

namespace SpeakerHub.Cloud.Api.Owner;

/// <summary>
/// Guards every endpoint under <c>/api/owner/devices/{id}</c>: a device that does not exist and a
/// device of another owner get the same 404, so an owner cannot probe which ids exist. The device's
/// own record of its owner decides, as it is set once, when the device is provisioned.
/// </summary>
public sealed class OwnedDeviceFilter(IGrainFactory grains) : IEndpointFilter
{
    public const string DeviceIdRouteValue = "id";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var deviceId = http.Request.RouteValues[DeviceIdRouteValue] as string ?? string.Empty;
        var snapshot = Topics.IsValidDeviceId(deviceId) ? await grains.GetDevice(deviceId).GetSnapshot() : null;
        if (snapshot is null || snapshot.OwnerId != http.User.OwnerId())
        {
            return NotFound(deviceId);
        }

        http.Items[typeof(DeviceSnapshot)] = snapshot;
        return await next(context);
    }

    /// <summary>The device as the filter read it, for handlers that show it.</summary>
    public static DeviceSnapshot OwnedDevice(HttpContext context) =>
        context.Items[typeof(DeviceSnapshot)] as DeviceSnapshot
        ?? throw new InvalidOperationException($"{nameof(OwnedDeviceFilter)} did not run for this endpoint.");

    public static IResult NotFound(string deviceId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Device not found", detail: $"You have no device '{deviceId}'.");
}
