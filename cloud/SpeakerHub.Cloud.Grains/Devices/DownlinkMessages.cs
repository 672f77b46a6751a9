using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Grains.Devices;

/// <summary>The cloud → device messages a device grain sends, encoded with the shared Protocol code.</summary>
public static class DownlinkMessages
{
    /// <summary>
    /// The whole desired twin, not a diff: the device may have missed any number of earlier patches,
    /// and one complete patch at the current version brings it up to date in one step.
    /// </summary>
    public static byte[] DesiredTwin(TwinProperties desired)
    {
        var patch = new TwinPatch(reported: false) { Version = desired.Version };
        patch.SetVolume(desired.Volume);
        patch.SetMuted(desired.Muted);
        patch.SetWakeSensitivity(desired.WakeSensitivity);
        patch.SetFirmwareTarget(desired.FirmwareTarget ?? string.Empty);
        return patch.ToBytes();
    }

    /// <summary>A piece of a firmware bundle answering an <c>OtaRequest</c>; the last piece of the bundle is <i>final</i>.</summary>
    public static byte[] OtaChunk(string imageId, byte[] bundle, int offset, int length) =>
        new OtaChunk
        {
            ImageId = imageId,
            Offset = offset,
            TotalLength = bundle.Length,
            DataBuffer = bundle,
            DataOffset = offset,
            DataLength = length,
            Flags = offset + length == bundle.Length ? Protocol.Envelope.FlagFinal : (byte)0,
        }.ToBytes();

    /// <summary>The answer to a request the cloud cannot serve: the device stops and reports the reason.</summary>
    public static byte[] OtaRefusal(string imageId, string error) =>
        new OtaChunk { ImageId = imageId, Offset = 0, TotalLength = 0, Error = error }.ToBytes();

    /// <summary>Null when the command does not fit one message.</summary>
    public static byte[]? Command(uint id, CommandRequest request) =>
        new Command
        {
            CorrelationId = id,
            Name = request.Name,
            Number = request.Number,
            Text = request.Text,
        }.ToBytes();

    /// <summary>Null when the reply does not fit one message.</summary>
    /// <remarks><paramref name="audioFollows"/>: <c>ReplyAudio</c> with the same id follows and the device plays it.</remarks>
    public static byte[]? Reply(uint correlationId, string text, string intent, bool expectsFollowUp, bool audioFollows) =>
        new Reply
        {
            CorrelationId = correlationId,
            Text = text,
            Intent = intent,
            ExpectsFollowUp = expectsFollowUp,
            AudioFollows = audioFollows,
        }.ToBytes();
}
