using System.CommandLine;
using SpeakerHub.LoadGen.Cloud;
using SpeakerHub.LoadGen.Say;

namespace SpeakerHub.LoadGen.Voice;

/// <summary>What one <c>voice</c> run does, as parsed from the command line.</summary>
public sealed record VoiceSettings(int Speakers, TimeSpan Duration, IReadOnlyList<string> Texts, IReadOnlyList<string> Voices, TimeSpan TurnTimeout, bool Verbose);

/// <summary>
/// <c>voice</c>: N speakers talking at once for a while, each utterance spoken in real time through the
/// device's microphone path; reports last uplink frame → first reply audio at the device (DESIGN §5).
/// </summary>
public static class VoiceCommand
{
    /// <summary>A mix of skills and reply lengths; every text is in the built-in grammar.</summary>
    public static readonly string[] DefaultTexts =
    [
        "what time is it",
        "set the volume to five",
        "set a timer for five minutes",
        "turn on the kitchen light",
        "what is the date",
        "volume down",
    ];

    public static readonly string[] DefaultVoices = ["en-us", "en+m3", "en+f3", "en"];

    public static Command Create()
    {
        Option<int> speakers = SayCommand.AtLeast(new Option<int>("--speakers") { Description = "Simulated speakers talking at once.", DefaultValueFactory = _ => 20 }, 1);
        Option<int> seconds = SayCommand.AtLeast(new Option<int>("--seconds") { Description = "How long they talk (after one warm-up turn each).", DefaultValueFactory = _ => 120 }, 1);
        Option<string[]> texts = new("--text") { Description = "What they say; repeat to rotate through several.", DefaultValueFactory = _ => DefaultTexts };
        Option<string[]> voices = new("--voice") { Description = "espeak-ng voices the speakers use, one per speaker in turn.", DefaultValueFactory = _ => DefaultVoices };
        Option<int> timeout = SayCommand.AtLeast(new Option<int>("--timeout") { Description = "Seconds one turn may take before it counts as failed.", DefaultValueFactory = _ => 30 }, 1);
        Option<bool> verbose = new("--verbose") { Description = "Show the cloud's and the devices' informational logs." };
        CloudTargetOptions cloud = new();
        Command voice = new("voice", "Measures spoken turns: N speakers talking at once, latency from the last uplink frame to the first reply audio.")
        {
            speakers, seconds, texts, voices, timeout, verbose,
        };
        cloud.AddTo(voice);
        voice.SetAction((parsed, cancellationToken) =>
        {
            VoiceSettings settings = new(
                parsed.GetValue(speakers),
                TimeSpan.FromSeconds(parsed.GetValue(seconds)),
                parsed.GetValue(texts) is { Length: > 0 } givenTexts ? givenTexts : DefaultTexts,
                parsed.GetValue(voices) is { Length: > 0 } givenVoices ? givenVoices : DefaultVoices,
                TimeSpan.FromSeconds(parsed.GetValue(timeout)),
                parsed.GetValue(verbose));
            return VoiceBenchmark.RunAsync(settings, cloud.Read(parsed), Console.Out, cancellationToken);
        });
        return voice;
    }
}
