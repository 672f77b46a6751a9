using CsCheck;
using SpeakerHub.Protocol.Audio;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.UnitTests.Protocol;

/// <summary>Random, valid messages of every type, for round-trip and fuzz properties.</summary>
internal static class MessageGenerators
{
    // Any Unicode text, including astral-plane characters, bounded so it fits the payload limit.
    private static readonly Gen<string> Text = Gen.String[0, 200];
    private static readonly Gen<string> NonEmptyText = Gen.String[1, 200];
    private static readonly Gen<string> Name = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz.-_0123456789"], 1, Command.MaxNameLength];
    private static readonly Gen<uint> NonZeroId = Gen.UInt[1, uint.MaxValue];

    public static readonly Gen<Message> Any = Gen.OneOf(
        Gen.Select(NonEmptyText, NonEmptyText, Gen.Int, Gen.Int, (fw, model, boots, caps) =>
            (Message)new Hello { FirmwareVersion = fw, Model = model, BootCount = boots, Capabilities = caps }),
        Gen.Select(Gen.Bool, Text, (online, reason) => (Message)new Status { Online = online, Reason = reason }),
        Gen.Select(Gen.Long, Gen.Int, Gen.Int, Gen.Int, Gen.Int, (up, mem, rssi, queued, reconnects) =>
            (Message)new Telemetry { UptimeSeconds = up, FreeMemory = mem, Rssi = rssi, QueuedMessages = queued, Reconnects = reconnects }),
        Gen.Select(Gen.Bool, Gen.Long[0, long.MaxValue], Gen.Int[0, 15], Gen.Int[0, TwinPatch.MaxVolume], Gen.Bool, Gen.Int[0, 100], Text,
            (reported, version, present, volume, muted, wake, target) => (Message)Twin(reported, version, present, volume, muted, wake, target)),
        Gen.Select(NonZeroId, Name, Gen.Int, Text, (id, name, number, text) =>
            (Message)new Command { CorrelationId = id, Name = name, Number = number, Text = text }),
        Gen.Select(NonZeroId, Gen.Byte[0, 2], Text, (id, outcome, detail) =>
            (Message)new CommandResult { CorrelationId = id, Outcome = outcome, Detail = detail }),
        Gen.Select(Gen.UInt, Gen.String[1, Utterance.MaxTextLength], (id, text) => (Message)new Utterance { CorrelationId = id, Text = text }),
        Gen.Select(Gen.UInt, Text, Gen.Bool, Text, Gen.Bool, (id, text, followUp, intent, audio) =>
            (Message)new Reply { CorrelationId = id, Text = text, ExpectsFollowUp = followUp, Intent = intent, AudioFollows = audio }),
        Gen.Select(Name, Text, Gen.Int, (name, detail, value) => (Message)new DeviceEvent { Name = name, Detail = detail, Value = value }),
        Gen.Select(NonZeroId, Gen.Int[1, VoiceChunk.MaxFrames], Gen.Int, Gen.Byte[0, VoiceChunk.TriggerFollowUp], (id, frames, seed, trigger) =>
            (Message)Voice(id, frames, seed, trigger)),
        Gen.Select(NonZeroId, Gen.Int[1, ReplyAudio.MaxFrames], Gen.Int, (id, frames, seed) => (Message)Audio(new ReplyAudio(), id, frames, seed)))
        .Select(Gen.UInt, Gen.Bool, (message, sequence, final) =>
        {
            message.Sequence = sequence;
            message.Flags = final ? SpeakerHub.Protocol.Envelope.FlagFinal : (byte)0;
            return message;
        });

    /// <summary>A fresh, empty message of the same type to decode into.</summary>
    public static Message EmptyLike(Message message) => message switch
    {
        TwinPatch twin => new TwinPatch(twin.IsReported),
        _ => (Message)Activator.CreateInstance(message.GetType())!,
    };

    /// <summary>A voice chunk of encoded noise (<see cref="Audio"/>) opened by <paramref name="trigger"/>.</summary>
    public static VoiceChunk Voice(uint interactionId, int frames, int seed, byte trigger = 0)
    {
        VoiceChunk chunk = Audio(new VoiceChunk(), interactionId, frames, seed);
        chunk.Trigger = trigger;
        return chunk;
    }

    /// <summary>Fills a chunk with encoded noise: any PCM is valid input, and the encoder keeps every header in range.</summary>
    public static T Audio<T>(T chunk, uint interactionId, int frames, int seed)
        where T : AudioChunk
    {
        var random = new Random(seed);
        short[] pcm = new short[AudioChunk.FrameSamples * frames];
        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)random.Next(short.MinValue, short.MaxValue + 1);
        }

        byte[] blocks = new byte[AudioChunk.BlockLength * frames];
        var encoder = new AdpcmEncoder();
        for (int frame = 0; frame < frames; frame++)
        {
            encoder.Encode(pcm, frame * AudioChunk.FrameSamples, AudioChunk.FrameSamples, blocks, frame * AudioChunk.BlockLength);
        }

        chunk.CorrelationId = interactionId;
        chunk.FrameCount = frames;
        chunk.Format = AudioChunk.FormatAdpcm16kHz20ms;
        chunk.SetBlocks(blocks, 0, blocks.Length);
        return chunk;
    }

    private static TwinPatch Twin(bool reported, long version, int present, int volume, bool muted, int wake, string target)
    {
        var twin = new TwinPatch(reported) { Version = version };
        if ((present & TwinPatch.HasVolume) != 0)
        {
            twin.SetVolume(volume);
        }

        if ((present & TwinPatch.HasMuted) != 0)
        {
            twin.SetMuted(muted);
        }

        if ((present & TwinPatch.HasWakeSensitivity) != 0)
        {
            twin.SetWakeSensitivity(wake);
        }

        if ((present & TwinPatch.HasFirmwareTarget) != 0)
        {
            twin.SetFirmwareTarget(target);
        }

        return twin;
    }
}
