using System.Diagnostics.Metrics;

namespace SpeakerHub.Cloud.Grains.Voice;

/// <summary>
/// The spoken loop's figures (meter <see cref="MeterName"/>), the cloud's share of the latency budget in
/// DESIGN §5: how much audio came in, how long the recogniser worked on it (its real-time factor is
/// decode ÷ audio), how long the transcript took after the last frame, and how long until the first
/// reply audio went out. Tagged by outcome so rejected speech is visible too.
/// </summary>
public sealed class VoiceMetrics
{
    public const string MeterName = "SpeakerHub.Voice";
    public const string AudioInstrument = "speakerhub.voice.audio";
    public const string DecodeInstrument = "speakerhub.voice.decode";
    public const string FinalInstrument = "speakerhub.voice.final_after_last_frame";
    public const string FirstAudioInstrument = "speakerhub.voice.first_reply_audio";
    public const string OutcomeTag = "outcome";

    private readonly Counter<double> audio;
    private readonly Counter<double> decode;
    private readonly Histogram<double> final;
    private readonly Histogram<double> firstAudio;

    public VoiceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        audio = meter.CreateCounter<double>(AudioInstrument, "s", "Utterance audio received from devices.");
        decode = meter.CreateCounter<double>(DecodeInstrument, "s", "Time the recogniser spent decoding it.");
        final = meter.CreateHistogram<double>(FinalInstrument, "ms", "From an utterance's last frame to its transcript.");
        firstAudio = meter.CreateHistogram<double>(FirstAudioInstrument, "ms", "From an utterance's last frame to the first reply audio sent.");
    }

    public void Recognized(string outcome, double audioSeconds, double decodeSeconds, double finalMs)
    {
        var tag = new KeyValuePair<string, object?>(OutcomeTag, outcome);
        audio.Add(audioSeconds, tag);
        decode.Add(decodeSeconds, tag);
        final.Record(finalMs, tag);
    }

    public void FirstReplyAudio(double milliseconds) => firstAudio.Record(milliseconds);
}
