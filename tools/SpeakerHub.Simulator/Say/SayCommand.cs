using System.CommandLine;
using Microsoft.Extensions.Logging;
using SpeakerHub.Cloud.Speech.Synthesis;
using SpeakerHub.Firmware.Host.Running;
using SpeakerHub.Simulator.Fleet;
using SpeakerHub.Simulator.Terminal;

namespace SpeakerHub.Simulator.Say;

/// <summary>
/// <c>say --wav in.wav | --text "..." [--json] [--out reply.wav]</c>: one simulated speaker hears the
/// clip through its microphone, voice activity detection and ADPCM uplink, the cloud answers, and the
/// outcome is printed — as one JSON line with <c>--json</c> (see <see cref="SayOutcome"/>).
/// </summary>
public static class SayCommand
{
    /// <summary>Its own device, so a speaker of a running <c>./hub.sh run</c> is never taken over.</summary>
    public static readonly string DefaultDataFolder = Path.Combine(".data", "sim-say");

    public static Command Create()
    {
        Option<string?> wav = new("--wav") { Description = "16 kHz mono 16-bit WAV to speak (other formats are refused)." };
        Option<string?> text = new("--text") { Description = "Text to speak, synthesized with espeak-ng first." };
        Option<bool> json = new("--json") { Description = "Print one JSON line: device, transcript, intent, slots, reply, latencyMs." };
        Option<string?> output = new("--out") { Description = "Write the reply audio the speaker played to this WAV file." };
        Option<SpeechTrigger> trigger = new("--trigger")
        {
            Description = "How the speaker is addressed: Hold (push-to-talk for the clip), Tap (tap, then voice activity ends it) or Wake (the clip starts with the wake phrase).",
            DefaultValueFactory = _ => SpeechTrigger.Hold,
        };
        Option<string> voice = new("--voice") { Description = "espeak-ng voice for --text.", DefaultValueFactory = _ => new SynthesisOptions().Voice };
        Option<int> rate = new("--rate") { Description = "Words per minute for --text.", DefaultValueFactory = _ => new SynthesisOptions().RateWordsPerMinute };
        Option<string> mqttHost = new("--mqtt-host") { Description = "MQTT broker host.", DefaultValueFactory = _ => "127.0.0.1" };
        Option<int> mqttPort = new("--mqtt-port") { Description = "MQTT broker port.", DefaultValueFactory = _ => 1883 };
        Option<Uri> api = ApiAddressOption.Create("Cloud HTTP API base address.");
        Option<string?> adminKey = new("--admin-key") { Description = $"Admin API key (else ${AdminKeySource.EnvironmentVariable}, else {AdminKeySource.KeyFile})." };
        Option<string> data = new("--data") { Description = "Folder for this speaker's credentials and flash.", DefaultValueFactory = _ => DefaultDataFolder };
        Option<int> timeout = new("--timeout") { Description = "Seconds to wait for the whole turn.", DefaultValueFactory = _ => 30 };
        Option<bool> verbose = new("--verbose") { Description = "Print link diagnostics." };

        Command say = new("say", "Speaks one utterance to the cloud through a simulated speaker and prints what came back.")
        {
            wav, text, json, output, trigger, voice, rate, mqttHost, mqttPort, api, adminKey, data, timeout, verbose,
        };
        say.Validators.Add(result =>
        {
            if ((result.GetValue(wav) is null) == (result.GetValue(text) is null))
            {
                result.AddError("Give exactly one of --wav and --text.");
            }

            if (result.GetValue(trigger) is not (SpeechTrigger.Hold or SpeechTrigger.Tap or SpeechTrigger.Wake))
            {
                result.AddError("--trigger must be Hold, Tap or Wake.");
            }
        });
        say.SetAction((parsed, cancellationToken) =>
        {
            SimulatedFleetOptions fleet = new()
            {
                DeviceCount = 1,
                ApiBaseAddress = parsed.GetValue(api)!,
                AdminKey = AdminKeySource.Resolve(parsed.GetValue(adminKey), Environment.CurrentDirectory),
                DataFolder = parsed.GetValue(data)!,
            };
            fleet.Mqtt.Host = parsed.GetValue(mqttHost)!;
            fleet.Mqtt.Port = parsed.GetValue(mqttPort);
            SayRequest request = new(
                parsed.GetValue(wav),
                parsed.GetValue(text),
                parsed.GetValue(voice)!,
                parsed.GetValue(rate),
                parsed.GetValue(trigger),
                parsed.GetValue(output),
                parsed.GetValue(json),
                TimeSpan.FromSeconds(parsed.GetValue(timeout)));
            ILogger logger = new StandardErrorLogger(parsed.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning);
            return SaySession.RunAsync(fleet, request, logger, Console.Out, cancellationToken);
        });
        return say;
    }
}

/// <summary>One <c>say</c> invocation, as parsed.</summary>
public sealed record SayRequest(
    string? WavPath, string? Text, string Voice, int RateWordsPerMinute, SpeechTrigger Trigger, string? OutputPath, bool Json, TimeSpan Timeout);
