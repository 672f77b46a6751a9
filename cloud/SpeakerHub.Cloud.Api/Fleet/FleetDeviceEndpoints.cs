using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.Protocol;

namespace SpeakerHub.Cloud.Api.Fleet;

/// <summary><c>/api/fleet/devices</c>, <c>/models</c> and <c>/tags</c>: the fleet as rollouts see it, and the tags they select on.</summary>
public static class FleetDeviceEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    // How many directory entries are looked up at once while walking the whole fleet.
    private const int DirectoryPageSize = 500;

    public static RouteGroupBuilder MapFleetDevices(this RouteGroupBuilder fleet)
    {
        fleet.MapGet("/devices", ListDevices)
            .WithName("ListFleetDevices")
            .WithSummary("Lists devices with firmware, tags, update state and health, filtered by model, tag and version.")
            .ProducesValidationProblem();
        fleet.MapGet("/devices/{id}", GetDevice)
            .WithName("GetFleetDevice")
            .WithSummary("Shows one device's firmware, tags, update state and health counters.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        fleet.MapPut("/devices/{id}/tags", SetTags)
            .WithName("SetFleetDeviceTags")
            .WithSummary("Replaces a device's tags (rollout selectors match on them).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        fleet.MapGet("/models", ListModels)
            .WithName("ListFleetModels")
            .WithSummary("Lists device models with their device counts and the firmware versions they run.");
        fleet.MapGet("/tags", ListTags)
            .WithName("ListFleetTags")
            .WithSummary("Lists the tags in use with how many devices carry each.");
        return fleet;
    }

    private static async Task<Results<Ok<FleetDevicePage>, ValidationProblem>> ListDevices(
        IGrainFactory grains, string? model = null, string? tag = null, string? version = null, int skip = 0, int take = DefaultPageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (skip < 0)
        {
            errors["skip"] = ["Must not be negative."];
        }

        if (take is < 1 or > MaxPageSize)
        {
            errors["take"] = [$"Must be 1..{MaxPageSize}."];
        }

        if (tag is not null && !FleetTags.IsValid(tag))
        {
            errors["tag"] = [$"1..{FleetTags.MaxLength} characters from a-z 0-9 - _."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var matching = (await AllDevices(grains))
            .Where(device => model is null || string.Equals(device.Model, model, StringComparison.Ordinal))
            .Where(device => tag is null || device.Tags.Contains(tag, StringComparer.Ordinal))
            .Where(device => version is null || string.Equals(device.FirmwareVersion, version, StringComparison.Ordinal))
            .ToList();
        var page = matching.Skip(skip).Take(take).Select(FleetDeviceView.From).ToArray();
        return TypedResults.Ok(new FleetDevicePage(matching.Count, skip, take, page));
    }

    private static async Task<Results<Ok<FleetDeviceView>, ProblemHttpResult>> GetDevice(string id, IGrainFactory grains)
    {
        var device = Topics.IsValidDeviceId(id) ? await grains.GetDevice(id).GetFleetInfo() : null;
        return device is null ? DeviceNotFound(id) : TypedResults.Ok(FleetDeviceView.From(device));
    }

    private static async Task<Results<Ok<FleetDeviceView>, ProblemHttpResult>> SetTags(string id, SetTagsRequest request, IGrainFactory grains)
    {
        var device = Topics.IsValidDeviceId(id) ? grains.GetDevice(id) : null;
        if (device is null || await device.GetFleetInfo() is null)
        {
            return DeviceNotFound(id);
        }

        await device.SetTags(FleetTags.Normalize(request.Tags!));
        var updated = await device.GetFleetInfo();
        return updated is null ? DeviceNotFound(id) : TypedResults.Ok(FleetDeviceView.From(updated));
    }

    private static async Task<Ok<FleetModelView[]>> ListModels(IGrainFactory grains)
    {
        var devices = await AllDevices(grains);
        var byModel = devices.GroupBy(device => device.Model, StringComparer.Ordinal).ToDictionary(group => group.Key, StringComparer.Ordinal);

        // The catalogue's models too: a model whose only devices are still being provisioned is listed with none.
        var models = (await grains.GetFleet().ListModels()).Concat(byModel.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return TypedResults.Ok(models.Select(model =>
        {
            IEnumerable<FleetDeviceInfo> members = byModel.TryGetValue(model, out var group) ? group : [];
            var versions = members
                .Where(device => device.FirmwareVersion is not null)
                .GroupBy(device => device.FirmwareVersion!, StringComparer.Ordinal)
                .OrderByDescending(version => version.Key, FirmwareVersionComparer.Instance)
                .Select(version => new VersionCountView(version.Key, version.Count()))
                .ToArray();
            return new FleetModelView(model, members.Count(), members.Count(device => device.Online), versions);
        }).ToArray());
    }

    private static async Task<Ok<FleetTagView[]>> ListTags(IGrainFactory grains)
    {
        var devices = await AllDevices(grains);
        return TypedResults.Ok(devices
            .SelectMany(device => device.Tags.Distinct(StringComparer.Ordinal))
            .GroupBy(tag => tag, StringComparer.Ordinal)
            .OrderBy(tag => tag.Key, StringComparer.Ordinal)
            .Select(tag => new FleetTagView(tag.Key, tag.Count()))
            .ToArray());
    }

    /// <summary>Every provisioned device in directory order, read a page at a time.</summary>
    internal static async Task<List<FleetDeviceInfo>> AllDevices(IGrainFactory grains)
    {
        var directory = grains.GetDeviceDirectory();
        var devices = new List<FleetDeviceInfo>();
        for (var skip = 0; ; skip += DirectoryPageSize)
        {
            var ids = await directory.List(skip, DirectoryPageSize);
            var infos = await Task.WhenAll(ids.Select(id => grains.GetDevice(id).GetFleetInfo()));

            // The directory may name an id whose provisioning never finished; it has no fleet info.
            devices.AddRange(infos.OfType<FleetDeviceInfo>());
            if (ids.Count < DirectoryPageSize)
            {
                return devices;
            }
        }
    }

    private static ProblemHttpResult DeviceNotFound(string id) =>
        FleetEndpoints.NotFound("Device not found", $"Device '{id}' does not exist.");
}
