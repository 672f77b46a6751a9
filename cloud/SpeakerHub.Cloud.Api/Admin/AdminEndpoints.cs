using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Accounts;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Api.Merchant;
using SpeakerHub.Cloud.Api.Owner;
using SpeakerHub.Cloud.Gateway;
using SpeakerHub.Protocol;

namespace SpeakerHub.Cloud.Api.Admin;

/// <summary>
/// <c>/api/admin</c>: provisioning and operating devices with the admin key. An unknown device id
/// anywhere below <c>/devices/{id}</c> is a 404 problem (grain <see cref="DeviceNotFoundException"/>s
/// are mapped by <see cref="Problems.ApiExceptionHandler"/>).
/// </summary>
public static class AdminEndpoints
{
    private const string GeneratedIdPrefix = "spk-";
    private const int GeneratedIdLength = 10;
    private const string GeneratedIdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    // 50 random bits make a collision unlikely, not impossible; a few tries turn "unlikely" into "never seen".
    private const int GeneratedIdAttempts = 3;

    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;
    private const int DefaultHistoryPageSize = 20;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var devices = routes.MapGroup("/api/admin/devices")
            .RequireAuthorization(AdminKeyAuthenticationHandler.PolicyName)
            .WithTags("Admin")
            .AddEndpointFilter<RequestValidationFilter>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        devices.MapPost("/", ProvisionDevice)
            .WithName("ProvisionDevice")
            .WithSummary("Provisions a device, optionally for an owner, and returns the key it signs its MQTT tokens with.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        devices.MapGet("/", ListDevices)
            .WithName("ListDevices")
            .WithSummary("Lists devices in provisioning order.");
        devices.MapGet("/{id}", GetDevice)
            .WithName("GetDevice")
            .WithSummary("Shows one device: presence, twin and unacknowledged commands.");
        devices.MapPatch("/{id}/twin", ChangeTwin)
            .WithName("ChangeDeviceTwin")
            .WithSummary("Changes desired twin properties; the device applies them when connected.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        devices.MapPost("/{id}/say", Say)
            .WithName("SayToDevice")
            .WithSummary("Runs typed text through the device's voice path and returns the reply.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        devices.MapGet("/{id}/history", GetHistory)
            .WithName("GetDeviceHistoryAsAdmin")
            .WithSummary("Lists the device's interactions newest first (transcript, intent, slots, reply, timings).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        devices.MapPost("/{id}/commands", SendCommand)
            .WithName("SendDeviceCommand")
            .WithSummary("Queues a command; it is resent until the device acknowledges it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapAdminOwners();
        routes.MapAdminMerchants();
        return routes;
    }

    private static async Task<Results<Created<ProvisionedDevice>, ProblemHttpResult>> ProvisionDevice(
        ProvisionDeviceRequest request, IGrainFactory grains, IOptions<MqttOptions> mqtt)
    {
        var owner = request.OwnerId is null ? null : grains.GetOwner(request.OwnerId);
        if (owner is not null && await owner.GetProfile() is null)
        {
            return AdminOwnerEndpoints.OwnerNotFound(request.OwnerId!);
        }

        var attempts = request.Id is null ? GeneratedIdAttempts : 1;
        for (var attempt = 1; ; attempt++)
        {
            var id = request.Id ?? NewDeviceId();
            try
            {
                var provisioned = await grains.GetDevice(id).Provision(request.Model!, request.OwnerId);

                // After provisioning, so an owner's list never names a device that turned out to be someone else's.
                if (owner is not null)
                {
                    await owner.AddDevice(provisioned.DeviceId);
                }

                var body = new ProvisionedDevice(provisioned.DeviceId, provisioned.KeyHex, new MqttEndpoint(mqtt.Value.Port));
                return TypedResults.Created($"/api/admin/devices/{provisioned.DeviceId}", body);
            }
            catch (DeviceAlreadyExistsException) when (attempt >= attempts)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict, title: "Device already exists", detail: $"Device '{id}' already exists.");
            }
            catch (DeviceAlreadyExistsException)
            {
                // A generated id collided; draw another.
            }
        }
    }

    private static async Task<Results<Ok<DeviceView[]>, ValidationProblem>> ListDevices(
        IGrainFactory grains, int skip = 0, int take = DefaultPageSize)
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

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var ids = await grains.GetDeviceDirectory().List(skip, take);
        var snapshots = await Task.WhenAll(ids.Select(id => grains.GetDevice(id).GetSnapshot()));

        // The directory may name an id whose provisioning never finished; it has no snapshot.
        return TypedResults.Ok(snapshots.OfType<DeviceSnapshot>().Select(DeviceView.From).ToArray());
    }

    private static async Task<Results<Ok<DeviceView>, ProblemHttpResult>> GetDevice(string id, IGrainFactory grains)
    {
        var snapshot = Topics.IsValidDeviceId(id) ? await grains.GetDevice(id).GetSnapshot() : null;
        return snapshot is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Device not found", detail: $"Device '{id}' does not exist.")
            : TypedResults.Ok(DeviceView.From(snapshot));
    }

    private static async Task<Results<Ok<HistoryPageView>, ValidationProblem, ProblemHttpResult>> GetHistory(
        string id, IGrainFactory grains, int limit = DefaultHistoryPageSize, long? before = null)
    {
        if (!Topics.IsValidDeviceId(id) || await grains.GetDevice(id).GetSnapshot() is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Device not found", detail: $"Device '{id}' does not exist.");
        }

        return (await OwnerHistoryEndpoints.ReadPage(id, grains, limit, before)).Result switch
        {
            Ok<HistoryPageView> page => page,
            ValidationProblem problem => problem,
            var other => throw new InvalidOperationException($"Unexpected history result {other.GetType().Name}."),
        };
    }

    private static async Task<Accepted<TwinAccepted>> ChangeTwin(string id, TwinChangeRequest request, IGrainFactory grains)
    {
        var version = await grains.GetDevice(id).SetDesired(request.ToChange());
        return TypedResults.Accepted($"/api/admin/devices/{id}", new TwinAccepted(version));
    }

    private static async Task<Ok<SayResult>> Say(string id, SayRequest request, IGrainFactory grains)
    {
        var result = await grains.GetDevice(id).Say(request.Text!);
        return TypedResults.Ok(SayResult.From(result));
    }

    private static async Task<Accepted<CommandAccepted>> SendCommand(string id, SendCommandRequest request, IGrainFactory grains)
    {
        var commandId = await grains.GetDevice(id).SendCommand(request.ToCommand());
        return TypedResults.Accepted($"/api/admin/devices/{id}", new CommandAccepted(commandId));
    }

    private static string NewDeviceId() =>
        GeneratedIdPrefix + RandomNumberGenerator.GetString(GeneratedIdAlphabet, GeneratedIdLength);
}
