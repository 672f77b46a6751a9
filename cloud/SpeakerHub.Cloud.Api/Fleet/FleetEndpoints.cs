using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.Cloud.Api.Admin;
using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.Cloud.Api.Fleet;

/// <summary>
/// <c>/api/fleet</c>: firmware signing keys, verified firmware images, device tags and staged rollouts,
/// for the holder of the fleet operator key (the admin key does not open it). Every refusal is a problem
/// document; a bundle that does not verify is a 422 naming what is wrong with it.
/// </summary>
public static class FleetEndpoints
{
    /// <summary>Larger uploads are refused with 413 before they are read whole.</summary>
    public const int MaxBundleBytes = 16 * 1024 * 1024;

    private const string BundleContentType = "application/octet-stream";

    public static IEndpointRouteBuilder MapFleetApi(this IEndpointRouteBuilder routes)
    {
        var fleet = routes.MapGroup("/api/fleet")
            .RequireAuthorization(OperatorKeyAuthenticationHandler.PolicyName)
            .WithTags("Fleet")
            .AddEndpointFilter<RequestValidationFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        fleet.MapPost("/signing-keys", RegisterSigningKey)
            .WithName("RegisterSigningKey")
            .WithSummary("Trusts an Ed25519 public key for firmware bundles; registering a known key again returns it.")
            .ProducesValidationProblem();
        fleet.MapGet("/signing-keys", ListSigningKeys)
            .WithName("ListSigningKeys")
            .WithSummary("Lists the trusted firmware signing keys.");
        fleet.MapGet("/signing-keys/{keyId}", GetSigningKey)
            .WithName("GetSigningKey")
            .WithSummary("Shows one trusted signing key by its key id.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        fleet.MapPost("/images", UploadImage)
            .WithName("UploadFirmwareImage")
            .WithSummary("Uploads a signed firmware bundle (the raw bytes, application/octet-stream); it is verified before it is kept.")
            .Accepts<byte[]>(BundleContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        fleet.MapGet("/images", ListImages)
            .WithName("ListFirmwareImages")
            .WithSummary("Lists uploaded firmware images newest first, optionally of one model.");
        fleet.MapGet("/images/{id}", GetImage)
            .WithName("GetFirmwareImage")
            .WithSummary("Shows one uploaded firmware image.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        fleet.MapFleetDevices();
        fleet.MapFleetRollouts();
        return routes;
    }

    private static async Task<Results<Created<SigningKeyView>, Ok<SigningKeyView>>> RegisterSigningKey(
        RegisterSigningKeyRequest request, IGrainFactory grains)
    {
        var fleet = grains.GetFleet();
        var hex = request.PublicKeyHex;
        var known = (await fleet.ListSigningKeys()).FirstOrDefault(key => string.Equals(key.PublicKeyHex, hex, StringComparison.OrdinalIgnoreCase));
        if (known is not null)
        {
            return TypedResults.Ok(SigningKeyView.From(known));
        }

        var registered = await fleet.RegisterSigningKey(request.Name!.Trim(), hex);
        return TypedResults.Created($"/api/fleet/signing-keys/{registered.KeyId}", SigningKeyView.From(registered));
    }

    private static async Task<Ok<SigningKeyView[]>> ListSigningKeys(IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetFleet().ListSigningKeys()).Select(SigningKeyView.From).ToArray());

    private static async Task<Results<Ok<SigningKeyView>, ProblemHttpResult>> GetSigningKey(string keyId, IGrainFactory grains)
    {
        var key = (await grains.GetFleet().ListSigningKeys()).FirstOrDefault(key => string.Equals(key.KeyId, keyId, StringComparison.OrdinalIgnoreCase));
        return key is null
            ? NotFound("Signing key not found", $"No trusted signing key has key id '{keyId}'.")
            : TypedResults.Ok(SigningKeyView.From(key));
    }

    private static async Task<Results<Created<FirmwareImageView>, Ok<FirmwareImageView>, ProblemHttpResult>> UploadImage(
        HttpRequest request, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!IsBundleContentType(request.ContentType))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"Send the bundle's raw bytes as the request body with 'Content-Type: {BundleContentType}'.");
        }

        var bundle = await ReadBundle(request, cancellationToken);
        if (bundle is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Bundle too large",
                detail: $"A firmware bundle may be at most {MaxBundleBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes ({MaxBundleBytes / (1024 * 1024)} MiB).");
        }

        if (bundle.Length == 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Empty bundle",
                detail: "The request body is empty; send the signed bundle's bytes.");
        }

        var fleet = grains.GetFleet();
        var trusted = (await fleet.ListSigningKeys()).Select(key => Convert.FromHexString(key.PublicKeyHex));
        var check = FirmwareBundleInspector.Verify(bundle, trusted);
        if (!check.IsValid)
        {
            var refused = new Dictionary<string, object?> { ["fault"] = FleetNames.Of(check.Fault) };
            if (check.Info is { } claimed)
            {
                refused["claims"] = new { claimed.ImageId, claimed.Model, claimed.Version, KeyId = claimed.KeyIdHex };
            }

            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Firmware bundle refused", detail: check.Problem, extensions: refused);
        }

        var info = check.Info!;

        // The id is the bundle's hash, so the same bytes again are the same image: answer what is kept.
        if (await fleet.GetImage(info.ImageId) is { } existing)
        {
            return TypedResults.Ok(FirmwareImageView.From(existing));
        }

        var models = await fleet.ListModels();
        if (!models.Contains(info.Model, StringComparer.Ordinal))
        {
            var known = models.Count == 0 ? "none (no device is provisioned yet)" : string.Join(", ", models.Order(StringComparer.Ordinal));
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Unknown model",
                detail: $"No provisioned device is of model '{info.Model}'; known models: {known}.",
                extensions: new Dictionary<string, object?> { ["model"] = info.Model });
        }

        var image = new FirmwareImageInfo(
            info.ImageId,
            info.Model,
            info.Version,
            info.MinimumVersion,
            info.ImageLength,
            info.BundleLength,
            info.ChunkSize,
            info.ImageSha256Hex,
            info.KeyIdHex,
            time.GetUtcNow(),
            info.Notes);

        // The bundle first: the catalogue never lists an image whose bytes are not kept.
        await grains.GetFirmwareImage(image.ImageId).Store(image, bundle);
        await fleet.AddImage(image);
        var stored = await fleet.GetImage(image.ImageId) ?? image;
        return TypedResults.Created($"/api/fleet/images/{image.ImageId}", FirmwareImageView.From(stored));
    }

    private static async Task<Ok<FirmwareImageView[]>> ListImages(IGrainFactory grains, string? model = null)
    {
        var images = await grains.GetFleet().ListImages();
        return TypedResults.Ok(images
            .Where(image => model is null || string.Equals(image.Model, model, StringComparison.Ordinal))
            .OrderByDescending(image => image.UploadedAt)
            .ThenByDescending(image => image.Version, FirmwareVersionComparer.Instance)
            .Select(FirmwareImageView.From)
            .ToArray());
    }

    private static async Task<Results<Ok<FirmwareImageView>, ProblemHttpResult>> GetImage(string id, IGrainFactory grains)
    {
        var image = FirmwareImageId.IsValid(id) ? await grains.GetFleet().GetImage(id) : null;
        return image is null ? ImageNotFound(id) : TypedResults.Ok(FirmwareImageView.From(image));
    }

    internal static ProblemHttpResult ImageNotFound(string id) =>
        NotFound("Image not found", $"No firmware image '{id}' has been uploaded.");

    internal static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    private static bool IsBundleContentType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(BundleContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The whole body, or null as soon as it is known to be over <see cref="MaxBundleBytes"/>.</summary>
    private static async Task<byte[]?> ReadBundle(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBundleBytes)
        {
            return null;
        }

        using var body = new MemoryStream(request.ContentLength is { } length ? (int)length : 64 * 1024);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxBundleBytes)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }
}
