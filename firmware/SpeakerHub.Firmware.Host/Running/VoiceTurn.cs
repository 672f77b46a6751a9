using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Host.Running;

/// <summary>How a simulated person gets the speaker's attention before talking.</summary>
public enum SpeechTrigger
{
    /// <summary>Taps the talk button, then speaks; the device's voice activity detection ends the utterance.</summary>
    Tap = 0,

    /// <summary>Holds push-to-talk for exactly as long as the clip.</summary>
    Hold = 1,

    /// <summary>Just speaks while the speaker is idle (the clip should start with the wake phrase).</summary>
    Wake = 2,

    /// <summary>Answers a reply that asked a question, into the microphone it reopened.</summary>
    FollowUp = 3,

    /// <summary>No speech at all: the text is sent as typed (<c>up/voice</c> Utterance), see <see cref="DeviceRunner.AskAsync"/>.</summary>
    Typed = 4,
}

/// <summary>
/// One interaction as the device saw it. Times are on the runner's monotonic clock (elapsed since the
/// runner was built): <see cref="UtteranceSentAt"/> when the final voice chunk (or the typed text) went
/// to the link, <see cref="FirstReplyAudioAt"/> when the first reply-audio chunk arrived from it; both
/// null when it did not happen (a reply without audio has no first audio).
/// </summary>
public sealed record VoiceTurn(
    uint InteractionId,
    SpeechTrigger Trigger,
    int UtteranceFrames,
    TimeSpan? UtteranceSentAt,
    string ReplyText,
    bool ExpectsFollowUp,
    TimeSpan? FirstReplyAudioAt,
    ReplyAudioOutcome? ReplyAudioOutcome,
    int ConcealedReplyFrames,
    short[] ReplyAudio)
{
    /// <summary>Last uplink frame to first reply audio: the latency a user hears (DESIGN §5).</summary>
    public TimeSpan? ReplyLatency => FirstReplyAudioAt - UtteranceSentAt;

    /// <summary>Length of the reply audio that was played.</summary>
    public TimeSpan ReplyAudioDuration => Hardware.Audio.PcmFormat.DurationOf(ReplyAudio.Length);
}

public sealed class VoiceTurnEventArgs(VoiceTurn turn) : EventArgs
{
    public VoiceTurn Turn { get; } = turn;
}
