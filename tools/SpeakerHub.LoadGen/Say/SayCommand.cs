using System.CommandLine;
using SpeakerHub.LoadGen.Cloud;

namespace SpeakerHub.LoadGen.Say;

/// <summary>What one <c>say</c> run does, as parsed from the command line.</summary>
public sealed record SaySettings(int Devices, int Count, int Warmup, IReadOnlyList<string> Texts, TimeSpan Timeout, bool Baseline, bool Verbose);

/// <summary><c>say</c>: text round trips, device → grain → intent → skill → device, timed at the device.</summary>
public static class SayCommand
{
    /// <summary>Two volume levels so the twin really changes on every turn, and a skill that changes nothing.</summary>
    public static readonly string[] DefaultTexts = ["set volume to five", "set volume to four", "what time is it"];

    public static Command Create()
    {
        Option<int> devices = AtLeast(new Option<int>("--devices")
        {
            Description = "Simulated speakers talking at once; each says its utterances one after another.",
            DefaultValueFactory = _ => 1,
        }, 1);
        Option<int> count = AtLeast(new Option<int>("--count")
        {
            Description = "Measured utterances per device.",
            DefaultValueFactory = _ => 100,
        }, 1);
        Option<int> warmup = AtLeast(new Option<int>("--warmup")
        {
            Description = "Unmeasured utterances per device before measuring (JIT, grain activation, first writes).",
            DefaultValueFactory = _ => 10,
        }, 0);
        Option<string[]> texts = new("--text")
        {
            Description = "What the devices say; repeat the option to rotate through several texts.",
            DefaultValueFactory = _ => DefaultTexts,
        };
        Option<int> timeout = AtLeast(new Option<int>("--timeout")
        {
            Description = "Seconds one round trip may take before it counts as failed.",
            DefaultValueFactory = _ => 30,
        }, 1);
        Option<bool> noBaseline = new("--no-baseline") { Description = "Skip the bare MQTT echo round trips measured for comparison." };
        Option<bool> verbose = new("--verbose") { Description = "Show the cloud's and the devices' informational logs." };
        CloudTargetOptions cloud = new();

        Command say = new("say", "Measures text round trips: utterance handed to a simulated speaker until its reply text arrives there.")
        {
            devices, count, warmup, texts, timeout, noBaseline, verbose,
        };
        cloud.AddTo(say);
        say.SetAction((parsed, cancellationToken) =>
        {
            SaySettings settings = new(
                parsed.GetValue(devices),
                parsed.GetValue(count),
                parsed.GetValue(warmup),
                parsed.GetValue(texts) is { Length: > 0 } given ? given : DefaultTexts,
                TimeSpan.FromSeconds(parsed.GetValue(timeout)),
                Baseline: !parsed.GetValue(noBaseline),
                parsed.GetValue(verbose));
            return SayBenchmark.RunAsync(settings, cloud.Read(parsed), Console.Out, cancellationToken);
        });
        return say;
    }

    internal static Option<int> AtLeast(Option<int> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < minimum)
            {
                result.AddError($"{option.Name} must be at least {minimum}.");
            }
        });
        return option;
    }
}
