using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.Cloud.Grains.Fleet;
using SpeakerHub.EndToEndTests.Api;
using SpeakerHub.Firmware.Host.Hardware.Flash;

namespace SpeakerHub.EndToEndTests.Fleet;

/// <summary>
/// The speaker does not take the cloud's word for an image: bytes altered after signing, a key the
/// speaker was not built to trust, or another model's image are refused on the device, which keeps
/// running its old image, and the fleet API shows why.
/// </summary>
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync.
public sealed class UpdateRefusalTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const int ImageBytes = 12 * 1024;

    private readonly OtaRig _rig = new();

    public Task InitializeAsync() => _rig.StartAsync(speakers: 3);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task A_chunk_altered_on_the_way_is_refused_by_the_speaker_as_a_hash_mismatch()
    {
        var speaker = _rig.Speakers.Devices[0].DeviceId;
        await TagAsync(speaker, "canary");
        var imageId = await _rig.UploadAsync(SimulatedAppImage.Create("1.1.0", ImageBytes, neverHealthy: false), "1.1.0");

        // A bit flips in the copy the silo serves from: storage or transit corruption after the upload check.
        var served = await _rig.Cloud.Services.GetRequiredService<FirmwareImageCache>().Get(imageId);
        served!.Bundle[^1] ^= 0x01;
        var rollout = await _rig.CreateRolloutAsync(imageId, [100], ["canary"]);

        var refused = await _rig.WaitForDeviceAsync(speaker, device => device.Update?.State == "failed");
        Assert.Equal("hash-mismatch", refused.Update!.Reason);
        Assert.Equal(OtaRig.OldVersion, refused.FirmwareVersion);
        var stopped = await _rig.WaitForRolloutAsync(rollout.Id, view => view.Phase == "aborted");
        Assert.Contains("update success 0%", stopped.Reason);
        Assert.Equal(OtaRig.OldVersion, _rig.Speakers.Devices[0].FirmwareVersion);
    }

    [Fact]
    public async Task An_image_signed_by_a_key_the_speaker_does_not_trust_is_refused_even_though_the_cloud_accepted_it()
    {
        var speaker = _rig.Speakers.Devices[1].DeviceId;
        await TagAsync(speaker, "lab");
        using var labKey = new FleetSigner();
        await _rig.RegisterAsync(labKey, "lab bench key");
        var imageId = await _rig.UploadAsync(SimulatedAppImage.Create("1.2.0", ImageBytes, neverHealthy: false), "1.2.0", labKey);

        await _rig.CreateRolloutAsync(imageId, [100], ["lab"]);

        var refused = await _rig.WaitForDeviceAsync(speaker, device => device.Update?.State == "failed");
        Assert.Equal("untrusted-key", refused.Update!.Reason);
        Assert.Equal(OtaRig.OldVersion, _rig.Speakers.Devices[1].FirmwareVersion);
    }

    [Fact]
    public async Task Another_models_image_offered_past_the_rollout_checks_is_refused_by_the_speaker()
    {
        var speaker = _rig.Speakers.Devices[2].DeviceId;
        await _rig.Cloud.ProvisionAsync("other-speaker");
        var imageId = await _rig.UploadAsync(SimulatedAppImage.Create("1.1.0", ImageBytes, neverHealthy: false), "1.1.0", model: "other-speaker");

        // Rollouts refuse a model mismatch, so offer it straight to the device grain: a cloud bug must not brick anyone.
        await _rig.Cloud.Services.GetRequiredService<IGrainFactory>().GetDevice(speaker).OfferFirmware(imageId, "ro-manual");

        var refused = await _rig.WaitForDeviceAsync(speaker, device => device.Update?.State == "failed");
        Assert.Equal("wrong-model", refused.Update!.Reason);
        Assert.Equal(OtaRig.OldVersion, _rig.Speakers.Devices[2].FirmwareVersion);
    }

    private async Task TagAsync(string deviceId, string tag)
    {
        using var response = await _rig.Cloud.Fleet.PutAsJsonAsync($"api/fleet/devices/{deviceId}/tags", new { tags = new[] { tag } });
        response.EnsureSuccessStatusCode();
    }
}
