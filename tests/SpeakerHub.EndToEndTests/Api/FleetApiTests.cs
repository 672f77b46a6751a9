using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.EndToEndTests.Api;

/// <summary>
/// <c>/api/fleet</c> on the real host: only the operator key opens it, signing keys and bundles are checked
/// before anything is kept, and every bad request is a 4xx problem naming what is wrong, never a 500.
/// </summary>
public sealed class FleetApiTests(FleetCloud cloud) : IClassFixture<FleetCloud>
{
    private const string OperatorKeyHint = "Send the fleet operator key as 'Authorization: Bearer <key>' (operator.key in the data directory).";

    private HttpClient Fleet => cloud.Fleet;

    // Operator auth

    [Fact]
    public async Task A_request_without_a_key_is_refused_with_a_401_naming_the_operator_key()
    {
        using var anonymous = cloud.Client(bearer: null);

        using var response = await anonymous.GetAsync("api/fleet/images");

        var problem = await AssertProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal(OperatorKeyHint, problem.Detail);
    }

    [Fact]
    public async Task The_admin_key_does_not_open_the_fleet_api()
    {
        using var admin = cloud.Client(cloud.AdminKey);

        using var list = await admin.GetAsync("api/fleet/rollouts");
        using var upload = await admin.PostAsync("api/fleet/signing-keys", JsonContent.Create(new { name = "x", publicKey = new string('a', 64) }));

        Assert.Equal(OperatorKeyHint, (await AssertProblem(list, HttpStatusCode.Unauthorized)).Detail);
        Assert.Equal(OperatorKeyHint, (await AssertProblem(upload, HttpStatusCode.Unauthorized)).Detail);
    }

    [Fact]
    public async Task The_operator_key_does_not_open_the_admin_api_and_a_wrong_key_gets_the_same_401()
    {
        using var wrong = cloud.Client("not-the-operator-key-at-all");

        using var admin = await Fleet.GetAsync("api/admin/devices");
        using var guessed = await wrong.GetAsync("api/fleet/images");

        await AssertProblem(admin, HttpStatusCode.Unauthorized);
        Assert.Equal(OperatorKeyHint, (await AssertProblem(guessed, HttpStatusCode.Unauthorized)).Detail);
    }

    [Fact]
    public async Task The_generated_operator_key_file_is_readable_by_its_owner_only()
    {
        Assert.True(cloud.OperatorKey.Length >= 32);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cloud.OperatorKeyFile));
        }

        using var response = await Fleet.GetAsync("api/fleet/signing-keys");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Signing keys

    [Fact]
    public async Task Registering_a_signing_key_answers_201_and_the_same_key_again_answers_200_with_the_same_entry()
    {
        using var signer = new FleetSigner();

        using var first = await Fleet.PostAsJsonAsync("api/fleet/signing-keys", new { name = "release key", publicKey = signer.PublicKeyHex.ToUpperInvariant() });
        using var again = await Fleet.PostAsJsonAsync("api/fleet/signing-keys", new { name = "same key", publicKey = signer.PublicKeyHex });
        var created = await first.Content.ReadFromJsonAsync<SigningKey>();
        var repeated = await again.Content.ReadFromJsonAsync<SigningKey>();
        var listed = await Fleet.GetFromJsonAsync<SigningKey[]>("api/fleet/signing-keys");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(new SigningKey(signer.KeyIdHex, "release key", signer.PublicKeyHex), created);
        Assert.Equal($"/api/fleet/signing-keys/{signer.KeyIdHex}", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(created, repeated);
        Assert.Single(listed!, key => key.KeyId == signer.KeyIdHex);
    }

    [Theory]
    [InlineData("release", null, "publicKey")]
    [InlineData("release", "abcd", "publicKey")]
    [InlineData("release", "zz00000000000000000000000000000000000000000000000000000000000000", "publicKey")]
    [InlineData("release", "000000000000000000000000000000000000000000000000000000000000000000", "publicKey")]
    [InlineData("", "0000000000000000000000000000000000000000000000000000000000000000", "name")]
    [InlineData(null, "0000000000000000000000000000000000000000000000000000000000000000", "name")]
    public async Task A_malformed_signing_key_request_is_a_400_validation_problem_naming_the_field(string? name, string? publicKey, string field)
    {
        using var response = await Fleet.PostAsJsonAsync("api/fleet/signing-keys", new { name, publicKey });

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors!.Keys);
    }

    // Images

    [Fact]
    public async Task A_signed_bundle_is_kept_answering_201_with_its_info_and_the_same_bundle_again_answers_200()
    {
        var model = await ProvisionedModel();
        using var signer = await RegisteredSigner();
        var bundle = signer.Bundle(model, "2.3.4", notes: "first fleet build");

        using var first = await Upload(bundle);
        var created = await first.Content.ReadFromJsonAsync<FirmwareImage>();
        using var again = await Upload(bundle);
        var repeated = await again.Content.ReadFromJsonAsync<FirmwareImage>();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(FirmwareImageId.IsValid(created!.ImageId), created.ImageId);
        Assert.Equal($"/api/fleet/images/{created.ImageId}", first.Headers.Location?.OriginalString);
        Assert.Equal((model, "2.3.4", bundle.Length, signer.KeyIdHex, "first fleet build"), (created.Model, created.Version, created.BundleLength, created.KeyId, created.Notes));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(created, repeated);
        Assert.Equal(created, await Fleet.GetFromJsonAsync<FirmwareImage>($"api/fleet/images/{created.ImageId}"));
        var ofModel = await Fleet.GetFromJsonAsync<FirmwareImage[]>($"api/fleet/images?model={model}");
        Assert.Equal(created, Assert.Single(ofModel!));
    }

    [Fact]
    public async Task An_image_altered_after_signing_is_refused_with_422_saying_so()
    {
        var model = await ProvisionedModel();
        using var signer = await RegisteredSigner();
        var bundle = signer.Bundle(model);
        var tampered = FleetBundleLayout.WithByteFlipped(bundle, FleetBundleLayout.ImageOffset(bundle) + 100);

        using var response = await Upload(tampered);

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("the image's SHA-256 does not match the manifest: the bundle was altered after signing", problem.Detail);
        Assert.Equal("image-hash-mismatch", problem.Fault);
        await AssertNotKept(tampered);
    }

    [Fact]
    public async Task A_manifest_altered_after_signing_is_refused_with_422_because_the_signature_does_not_verify()
    {
        var model = await ProvisionedModel();
        using var signer = await RegisteredSigner();
        var bundle = signer.Bundle(model, notes: "nothing to see here");
        var notes = IndexOf(bundle, Encoding.UTF8.GetBytes("nothing to see here"));
        var tampered = FleetBundleLayout.WithByteFlipped(bundle, notes);

        using var response = await Upload(tampered);

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("bad-signature", problem.Fault);
        Assert.Contains("the signature does not verify", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bundle_with_its_signature_zeroed_is_refused_with_422()
    {
        var model = await ProvisionedModel();
        using var signer = await RegisteredSigner();
        var bundle = signer.Bundle(model);
        Array.Clear(bundle, FleetBundleLayout.SignatureOffset(bundle), FirmwareBundle.SignatureLength);

        using var response = await Upload(bundle);

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("bad-signature", problem.Fault);
    }

    [Fact]
    public async Task A_bundle_signed_by_an_unregistered_key_is_refused_with_422_naming_the_key_id()
    {
        var model = await ProvisionedModel();
        using var stranger = new FleetSigner();

        using var response = await Upload(stranger.Bundle(model));

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("untrusted-key", problem.Fault);
        Assert.Equal($"signed by key id {stranger.KeyIdHex}, which is not one of the trusted keys", problem.Detail);
    }

    [Fact]
    public async Task A_truncated_bundle_is_refused_with_422_saying_it_is_truncated()
    {
        var model = await ProvisionedModel();
        using var signer = await RegisteredSigner();
        var bundle = signer.Bundle(model);

        using var response = await Upload(bundle[..(bundle.Length - 1000)]);

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("truncated", problem.Fault);
        Assert.StartsWith("truncated:", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bundle_for_a_model_no_device_has_is_refused_with_422_listing_the_known_models()
    {
        var known = await ProvisionedModel();
        using var signer = await RegisteredSigner();

        using var response = await Upload(signer.Bundle("toaster-9000"));

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("No provisioned device is of model 'toaster-9000'; known models: ", problem.Detail, StringComparison.Ordinal);
        Assert.Contains(known, problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("SHFW")]
    [InlineData("SHFW\u0001\u0000\u0000\u0010this is not a manifest at all")]
    public async Task A_body_that_is_not_a_bundle_is_a_422_not_a_500(string text)
    {
        using var response = await Upload(Encoding.Latin1.GetBytes(text));

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.False(string.IsNullOrEmpty(problem.Detail));
    }

    [Fact]
    public async Task Random_bytes_are_a_422_not_a_500()
    {
        using var response = await Upload(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4096));

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("not-a-bundle", problem.Fault);
    }

    [Fact]
    public async Task An_empty_body_is_a_400_problem()
    {
        using var response = await Upload([]);

        await AssertProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_over_16_MiB_is_a_413_problem()
    {
        using var response = await Upload(new byte[(16 * 1024 * 1024) + 1]);

        var problem = await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("16 MiB", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_16_MiB_sent_without_a_length_is_a_413_problem_too()
    {
        var content = new StreamContent(new UnknownLengthStream(new MemoryStream(new byte[(16 * 1024 * 1024) + 4096])));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await Fleet.PostAsync("api/fleet/images", content);

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_bundle_sent_as_json_is_a_415_problem()
    {
        using var response = await Fleet.PostAsJsonAsync("api/fleet/images", new { bundle = "AAAA" });

        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("fw-0000000000000000")]
    [InlineData("not-an-image-id")]
    public async Task An_unknown_image_is_a_404_problem(string id)
    {
        using var response = await Fleet.GetAsync($"api/fleet/images/{id}");

        await AssertProblem(response, HttpStatusCode.NotFound);
    }

    // Devices and tags

    [Fact]
    public async Task Tags_are_replaced_deduplicated_and_counted_and_devices_can_be_filtered_by_them()
    {
        var model = await ProvisionedModel();
        var device = await cloud.ProvisionAsync(model);
        var tag = "beta-" + Guid.NewGuid().ToString("N")[..8];

        using var put = await Fleet.PutAsJsonAsync($"api/fleet/devices/{device}/tags", new { tags = new[] { tag, "office", tag } });
        var tagged = await put.Content.ReadFromJsonAsync<FleetDevice>();
        var shown = await Fleet.GetFromJsonAsync<FleetDevice>($"api/fleet/devices/{device}");
        var filtered = await Fleet.GetFromJsonAsync<FleetDevicePage>($"api/fleet/devices?tag={tag}");
        var tags = await Fleet.GetFromJsonAsync<FleetTag[]>("api/fleet/tags");
        var models = await Fleet.GetFromJsonAsync<FleetModel[]>("api/fleet/models");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        string[] expected = [.. new[] { tag, "office" }.Order(StringComparer.Ordinal)];
        Assert.Equal(expected, tagged!.Tags);
        Assert.Equal(tagged.Tags, shown!.Tags);
        Assert.Equal((1, device), (filtered!.Total, Assert.Single(filtered.Devices).Id));
        Assert.Equal(1, Assert.Single(tags!, entry => entry.Tag == tag).Devices);
        Assert.Equal(2, Assert.Single(models!, entry => entry.Model == model).Devices);
    }

    [Theory]
    [InlineData("[\"Beta\"]")]
    [InlineData("[\"has space\"]")]
    [InlineData("[\"\"]")]
    [InlineData("[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]")]
    [InlineData("[\"t1\",\"t2\",\"t3\",\"t4\",\"t5\",\"t6\",\"t7\",\"t8\",\"t9\",\"t10\",\"t11\",\"t12\",\"t13\",\"t14\",\"t15\",\"t16\",\"t17\"]")]
    [InlineData("null")]
    public async Task Bad_tags_are_a_400_validation_problem(string tags)
    {
        var device = await cloud.ProvisionAsync(await ProvisionedModel());

        using var response = await Fleet.PutAsync($"api/fleet/devices/{device}/tags", Json($"{{\"tags\": {tags}}}"));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("tags", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Tagging_a_device_that_does_not_exist_is_a_404_problem()
    {
        using var response = await Fleet.PutAsJsonAsync("api/fleet/devices/no-such-device/tags", new { tags = new[] { "beta" } });

        await AssertProblem(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("take=0")]
    [InlineData("take=501")]
    [InlineData("skip=-1")]
    [InlineData("tag=Not%20A%20Tag")]
    public async Task A_bad_device_query_is_a_400_validation_problem(string query)
    {
        using var response = await Fleet.GetAsync($"api/fleet/devices?{query}");

        await AssertProblem(response, HttpStatusCode.BadRequest);
    }

    // Rollouts

    [Theory]
    [InlineData("\"waves\": [10, 5, 100]", "waves")]
    [InlineData("\"waves\": [1, 10, 50]", "waves")]
    [InlineData("\"waves\": [0, 100]", "waves")]
    [InlineData("\"waves\": [50, 150]", "waves")]
    [InlineData("\"waves\": []", "waves")]
    [InlineData("\"soakSeconds\": -1", "soakSeconds")]
    [InlineData("\"waveTimeoutSeconds\": 0", "waveTimeoutSeconds")]
    [InlineData("\"gates\": {\"minSuccessRate\": 1.5}", "gates.minSuccessRate")]
    [InlineData("\"gates\": {\"maxRollbackRate\": -0.1}", "gates.maxRollbackRate")]
    [InlineData("\"gates\": {\"maxVoiceErrorRateIncrease\": 2}", "gates.maxVoiceErrorRateIncrease")]
    [InlineData("\"gates\": {\"maxExtraRebootsPerDevice\": -1}", "gates.maxExtraRebootsPerDevice")]
    [InlineData("\"onBreach\": \"explode\"", "onBreach")]
    [InlineData("\"selector\": {\"tags\": [\"NOPE\"]}", "selector.tags")]
    [InlineData("\"selector\": {\"fromVersions\": [\"1.0\"]}", "selector.fromVersions")]
    public async Task A_bad_rollout_request_is_a_400_validation_problem_naming_the_field(string member, string field)
    {
        using var response = await Fleet.PostAsync("api/fleet/rollouts", Json($"{{\"imageId\": \"fw-0000000000000000\", {member}}}"));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors!.Keys);
    }

    [Theory]
    [InlineData("{\"imageId\": \"fw-00000000\"")]
    [InlineData("{\"imageId\": \"fw-0000000000000000\", \"waves\": \"all\"}")]
    [InlineData("{\"imageId\": \"fw-0000000000000000\", \"soakSeconds\": 1.5}")]
    [InlineData("{}")]
    public async Task An_unreadable_or_incomplete_rollout_request_is_a_400_not_a_500(string body)
    {
        using var response = await Fleet.PostAsync("api/fleet/rollouts", Json(body));

        await AssertProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_rollout_of_an_image_that_was_never_uploaded_is_a_404_problem()
    {
        using var response = await Fleet.PostAsJsonAsync("api/fleet/rollouts", new { imageId = "fw-0123456789abcdef" });

        var problem = await AssertProblem(response, HttpStatusCode.NotFound);
        Assert.Contains("fw-0123456789abcdef", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollout_selecting_another_model_than_the_images_is_a_422_problem()
    {
        var image = await UploadedImage();

        using var response = await Fleet.PostAsJsonAsync("api/fleet/rollouts", new { imageId = image.ImageId, selector = new { model = "some-other-model" } });

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(image.Model, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_rollout_answers_201_with_its_status_and_it_is_listed_first()
    {
        var image = await UploadedImage();

        using var response = await Fleet.PostAsJsonAsync("api/fleet/rollouts", new
        {
            imageId = image.ImageId,
            waves = new[] { 50, 100 },
            soakSeconds = 30,
            gates = new { minSuccessRate = 0.9 },
            onBreach = "pause",
            description = "e2e rollout",
        });
        var created = await response.Content.ReadFromJsonAsync<Rollout>();
        var shown = await Fleet.GetFromJsonAsync<Rollout>($"api/fleet/rollouts/{created!.Id}");
        var listed = await Fleet.GetFromJsonAsync<Rollout[]>("api/fleet/rollouts");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^ro-[a-z2-7]{10}$", created.Id);
        Assert.Equal($"/api/fleet/rollouts/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((image.ImageId, image.Version, "running", 1), (created.ImageId, created.Version, created.Phase, created.TotalDevices));
        Assert.Equal([50.0, 100.0], created.Spec.Waves);
        Assert.Equal(
            (image.Model, 30L, 3600L, 0.9, 0.05, "pause", "e2e rollout"),
            (created.Spec.Selector.Model, created.Spec.SoakSeconds, created.Spec.WaveTimeoutSeconds,
                created.Spec.Gates.MinSuccessRate, created.Spec.Gates.MaxRollbackRate, created.Spec.OnBreach, created.Spec.Description));
        Assert.Equal((created.Id, created.ImageId), (shown!.Id, shown.ImageId));
        Assert.Equal(created.Id, listed![0].Id);
    }

    [Fact]
    public async Task A_rollout_can_be_paused_resumed_and_aborted_and_an_aborted_one_cannot_be_resumed()
    {
        var image = await UploadedImage();
        using var create = await Fleet.PostAsJsonAsync("api/fleet/rollouts", new { imageId = image.ImageId, soakSeconds = 3600 });
        var id = (await create.Content.ReadFromJsonAsync<Rollout>())!.Id;

        var paused = await Act(id, "pause", new { reason = "holding for the weekend" });
        var resumed = await Act(id, "resume");
        var aborted = await Act(id, "abort");
        using var again = await Fleet.PostAsync($"api/fleet/rollouts/{id}/resume", content: null);

        Assert.Equal(("paused", "holding for the weekend"), (paused.Phase, paused.Reason));
        Assert.Equal("running", resumed.Phase);
        Assert.Equal("aborted", aborted.Phase);
        await AssertProblem(again, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/pause")]
    [InlineData("POST", "/resume")]
    [InlineData("POST", "/abort")]
    [InlineData("POST", "/rollback")]
    public async Task An_unknown_rollout_is_a_404_problem(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"api/fleet/rollouts/ro-nosuchthing{path}");

        using var response = await Fleet.SendAsync(request);

        await AssertProblem(response, HttpStatusCode.NotFound);
    }

    // Helpers

    /// <summary>A model of its own with one provisioned device, so tests never see each other's images.</summary>
    private async Task<string> ProvisionedModel()
    {
        var model = "fleet-e2e-" + Guid.NewGuid().ToString("N")[..10];
        await cloud.ProvisionAsync(model);
        return model;
    }

    private async Task<FleetSigner> RegisteredSigner()
    {
        var signer = new FleetSigner();
        using var response = await Fleet.PostAsJsonAsync("api/fleet/signing-keys", new { name = "e2e", publicKey = signer.PublicKeyHex });
        response.EnsureSuccessStatusCode();
        return signer;
    }

    private async Task<FirmwareImage> UploadedImage()
    {
        var model = await ProvisionedModel();
        using var signer = await RegisteredSigner();
        using var response = await Upload(signer.Bundle(model, "3.0.0"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FirmwareImage>())!;
    }

    private async Task<HttpResponseMessage> Upload(byte[] bundle)
    {
        var content = new ByteArrayContent(bundle);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await Fleet.PostAsync("api/fleet/images", content);
    }

    private async Task<Rollout> Act(string id, string action, object? body = null)
    {
        using var response = await Fleet.PostAsync($"api/fleet/rollouts/{id}/{action}", body is null ? null : JsonContent.Create(body));
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Rollout>())!;
    }

    private async Task AssertNotKept(byte[] bundle)
    {
        var id = FirmwareImageId.FromHash(System.Security.Cryptography.SHA256.HashData(bundle));
        using var response = await Fleet.GetAsync($"api/fleet/images/{id}");
        await AssertProblem(response, HttpStatusCode.NotFound);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    private static async Task<FleetProblem> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonSerializer.Deserialize<FleetProblem>(body, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal((int)status, problem.Status);
        return problem;
    }
}

/// <summary>Hides its length, so HttpClient sends the body chunked, without Content-Length.</summary>
internal sealed class UnknownLengthStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

public sealed record FleetProblem(int Status, string Title, string? Detail, string? Fault, Dictionary<string, string[]>? Errors);

public sealed record SigningKey(string KeyId, string Name, string PublicKey);

public sealed record FirmwareImage(string ImageId, string Model, string Version, int ImageLength, int BundleLength, string KeyId, string? Notes, DateTimeOffset UploadedAt);

public sealed record FleetDevice(string Id, string Model, string? FirmwareVersion, IReadOnlyList<string> Tags, bool Online);

public sealed record FleetDevicePage(int Total, int Skip, int Take, IReadOnlyList<FleetDevice> Devices);

public sealed record FleetTag(string Tag, int Devices);

public sealed record FleetModel(string Model, int Devices, int Online);

public sealed record Rollout(string Id, string ImageId, string Version, string Phase, string? Reason, int TotalDevices, RolloutSpec Spec);

public sealed record RolloutSpec(RolloutSelector Selector, IReadOnlyList<double> Waves, long SoakSeconds, long WaveTimeoutSeconds, RolloutGates Gates, string OnBreach, string? Description);

public sealed record RolloutSelector(string Model, IReadOnlyList<string> Tags);

public sealed record RolloutGates(double MinSuccessRate, double MaxRollbackRate);
