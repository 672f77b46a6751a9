using System.CommandLine;
using SpeakerHub.Firmware.Core.Ota;
using SpeakerHub.LoadGen.Cloud;
using SpeakerHub.LoadGen.Say;
using ExitCodes = SpeakerHub.LoadGen.Terminal.ExitCodes;
using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.LoadGen.Ota;

/// <summary>What one <c>ota</c> run does, as parsed from the command line.</summary>
public sealed record OtaSettings(
    int Devices,
    int ImageBytes,
    int ChunkBytes,
    int WindowBytes,
    TimeSpan Timeout,
    int HealthyAfterMs,
    string? OperatorKey,
    bool Baseline,
    bool Timeline,
    bool DeviceLogs,
    bool Verbose);

/// <summary>
/// <c>ota</c>: one signed image rolled out to N simulated speakers at once, through the fleet API, until
/// every speaker runs it and has confirmed it; reports the time to 100 % and the bytes per second.
/// </summary>
public static class OtaCommand
{
    public const int DefaultImageBytes = 1024 * 1024;

    /// <summary>The operator key of an external host, when not given with --operator-key.</summary>
    public const string OperatorKeyVariable = "SPEAKERHUB_OPERATOR_KEY";

    /// <summary>The simulated app image's own header must fit, and the bundle must fit the fleet API's upload limit.</summary>
    private const int MinImageBytes = 256;
    private const int MaxImageBytes = 15 * 1024 * 1024;

    public static Command Create()
    {
        Option<int> devices = SayCommand.AtLeast(new Option<int>("--devices")
        {
            Description = "Simulated speakers the image is rolled out to, all in one wave.",
            DefaultValueFactory = _ => 100,
        }, 1);
        Option<int> imageBytes = Between(new Option<int>("--image-bytes")
        {
            Description = "Size of the app image (the signed bundle adds its header).",
            DefaultValueFactory = _ => DefaultImageBytes,
        }, MinImageBytes, MaxImageBytes);
        Option<int> chunkBytes = Between(new Option<int>("--chunk-bytes")
        {
            Description = "Chunk size the bundle's manifest asks the cloud to serve (one MQTT message each).",
            DefaultValueFactory = _ => FirmwareManifest.DefaultChunkSize,
        }, FirmwareManifest.MinChunkSize, FirmwareManifest.MaxChunkSize);
        Option<int> windowBytes = SayCommand.AtLeast(new Option<int>("--window-bytes")
        {
            Description = "Bytes each speaker asks for ahead of what is in its flash (its updater's window).",
            DefaultValueFactory = _ => FirmwareUpdateOptions.DefaultWindowBytes,
        }, FirmwareManifest.MinChunkSize);
        Option<int> timeout = SayCommand.AtLeast(new Option<int>("--timeout")
        {
            Description = "Seconds from the rollout's creation until every speaker must have installed the image.",
            DefaultValueFactory = _ => 600,
        }, 1);
        Option<int> healthyAfter = SayCommand.AtLeast(new Option<int>("--healthy-after-ms")
        {
            Description = "How long a speaker runs the new image, connected, before it confirms it (the product default is 15000).",
            DefaultValueFactory = _ => 1000,
        }, 0);
        Option<string?> operatorKey = new("--operator-key")
        {
            Description = $"Fleet operator key for /api/fleet (external host; else ${OperatorKeyVariable}, else .data/operator.key).",
        };
        Option<bool> noBaseline = new("--no-baseline") { Description = "Skip the same bytes pulled through a bare MQTT broker, measured for comparison." };
        Option<bool> timeline = new("--timeline") { Description = "Print the rollout's progress once a second after the run (where the time went)." };
        Option<bool> deviceLogs = new("--device-logs") { Description = "Show the simulated speakers' informational logs (connects, lost links), not the cloud's." };
        Option<bool> verbose = new("--verbose") { Description = "Show the cloud's and the devices' informational logs." };
        CloudTargetOptions cloud = new();

        Command ota = new("ota", "Measures a firmware rollout: one signed image to N simulated speakers at once, until every one has installed it.")
        {
            devices, imageBytes, chunkBytes, windowBytes, timeout, healthyAfter, operatorKey, noBaseline, timeline, deviceLogs, verbose,
        };
        cloud.AddTo(ota);
        ota.SetAction(async (parsed, cancellationToken) =>
        {
            // Checked here, not in a command validator: one sees an option left at its default as 0.
            if (parsed.GetValue(windowBytes) < parsed.GetValue(chunkBytes))
            {
                await Console.Error.WriteLineAsync("--window-bytes must be at least --chunk-bytes: a speaker asks for whole chunks.");
                return ExitCodes.SetupFailed;
            }

            OtaSettings settings = new(
                parsed.GetValue(devices),
                parsed.GetValue(imageBytes),
                parsed.GetValue(chunkBytes),
                parsed.GetValue(windowBytes),
                TimeSpan.FromSeconds(parsed.GetValue(timeout)),
                parsed.GetValue(healthyAfter),
                parsed.GetValue(operatorKey),
                Baseline: !parsed.GetValue(noBaseline),
                parsed.GetValue(timeline),
                parsed.GetValue(deviceLogs),
                parsed.GetValue(verbose));
            return await OtaBenchmark.RunAsync(settings, cloud.Read(parsed), Console.Out, cancellationToken);
        });
        return ota;
    }

    /// <summary>An external host's operator key: the option, then the environment, then <c>.data/operator.key</c> here.</summary>
    public static string? ResolveOperatorKey(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option.Trim();
        }

        string? environment = Environment.GetEnvironmentVariable(OperatorKeyVariable);
        if (!string.IsNullOrWhiteSpace(environment))
        {
            return environment.Trim();
        }

        string file = Path.Combine(Environment.CurrentDirectory, ".data", "operator.key");
        return File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } key ? key : null;
    }

    private static Option<int> Between(Option<int> option, int minimum, int maximum)
    {
        option.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value < minimum || value > maximum)
            {
                result.AddError($"{option.Name} must be {minimum}..{maximum}.");
            }
        });
        return option;
    }
}
