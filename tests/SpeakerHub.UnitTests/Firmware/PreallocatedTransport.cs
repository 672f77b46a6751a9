using SpeakerHub.Firmware.Core;
using SpeakerHub.Protocol;

namespace SpeakerHub.UnitTests.Firmware;

/// <summary>
/// A link that allocates nothing per message: it copies each publish into one buffer, as the contract
/// asks, and keeps counts instead of a log, so allocation measurements see only the device.
/// </summary>
internal sealed class PreallocatedTransport(string voiceTopic) : ITransport
{
    private readonly byte[] _last = new byte[Envelope.MaxMessageLength];

    public bool IsConnected { get; set; }

    public int Publishes { get; private set; }

    public int VoiceChunks { get; private set; }

    public int FinalVoiceChunks { get; private set; }

    public void Connect()
    {
    }

    public void Disconnect() => IsConnected = false;

    public void Subscribe(string topicFilter)
    {
    }

    public bool Publish(string topic, byte[] buffer, int offset, int count, bool retain)
    {
        if (!IsConnected)
        {
            return false;
        }

        Array.Copy(buffer, offset, _last, 0, count);
        Publishes++;
        if (string.Equals(topic, voiceTopic, StringComparison.Ordinal) && _last[1] == MessageType.VoiceChunk)
        {
            VoiceChunks++;
            if ((_last[2] & Envelope.FlagFinal) != 0)
            {
                FinalVoiceChunks++;
            }
        }

        return true;
    }
}
