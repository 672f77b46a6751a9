using System.CommandLine;
using Microsoft.Extensions.Logging;
using SpeakerHub.Simulator.Fleet;
using SpeakerHub.Simulator.Terminal;

namespace SpeakerHub.Simulator;

/// <summary>The command line: options, their defaults, and what runs once they are parsed.</summary>
public static class SimulatorCommand
{
    public static RootCommand Create()
    {
        Option<int> devices = new("--devices") { Description = "How many speakers to simulate.", DefaultValueFactory = _ => SimulatedFleetOptions.DefaultDeviceCount };
        devices.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--devices must be at least 1.");
            }
        });
        Option<string> mqttHost = new("--mqtt-host") { Description = "MQTT broker host.", DefaultValueFactory = _ => "127.0.0.1" };
        Option<int> mqttPort = new("--mqtt-port") { Description = "MQTT broker port.", DefaultValueFactory = _ => 1883 };
        Option<Uri> api = ApiAddressOption.Create("Cloud HTTP API base address.");
        Option<string?> adminKey = new("--admin-key") { Description = $"Admin API key (else ${AdminKeySource.EnvironmentVariable}, else {AdminKeySource.KeyFile})." };
        Option<string> data = new("--data") { Description = "Folder for device credentials and flash files.", DefaultValueFactory = _ => Path.Combine(".data", "sim") };
        Option<string?> say = new("--say") { Description = "Each device says this once; exits 0 when all replied." };
        Option<int> timeout = new("--timeout") { Description = "Seconds --say waits for every reply.", DefaultValueFactory = _ => 30 };
        Option<string?> record = new("--record") { Description = "Folder to record each device's speaker output to, one WAV per device." };
        Option<bool> verbose = new("--verbose") { Description = "Print state changes and link diagnostics." };
        Option<string?> trustKeys = new("--trust-keys")
        {
            Description = "A firmware signing public key (.pub) or a folder of them that the speakers accept updates from; without one they refuse every update.",
        };

        RootCommand root = new("Runs simulated SpeakerHub speakers against the cloud.")
        {
            devices, mqttHost, mqttPort, api, adminKey, data, say, timeout, record, verbose, trustKeys,
        };
        root.Subcommands.Add(Say.SayCommand.Create());
        root.SetAction(async (parsed, cancellationToken) =>
        {
            IReadOnlyList<byte[]> trusted;
            try
            {
                trusted = TrustedKeyFiles.Load(parsed.GetValue(trustKeys));
            }
            catch (Exception failure) when (failure is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync(failure.Message);
                return ExitCodes.SetupFailed;
            }

            SimulatedFleetOptions options = new()
            {
                DeviceCount = parsed.GetValue(devices),
                ApiBaseAddress = parsed.GetValue(api)!,
                AdminKey = AdminKeySource.Resolve(parsed.GetValue(adminKey), Environment.CurrentDirectory),
                DataFolder = parsed.GetValue(data)!,
                RecordingFolder = parsed.GetValue(record),
                TrustedFirmwareKeys = trusted,
            };
            options.Mqtt.Host = parsed.GetValue(mqttHost)!;
            options.Mqtt.Port = parsed.GetValue(mqttPort);
            return await RunAsync(options, parsed.GetValue(say), TimeSpan.FromSeconds(parsed.GetValue(timeout)), parsed.GetValue(verbose), cancellationToken);
        });
        return root;
    }

    private static async Task<int> RunAsync(SimulatedFleetOptions options, string? say, TimeSpan timeout, bool verbose, CancellationToken cancellationToken)
    {
        FleetConsole console = new(Console.Out);
        ILogger logger = new StandardErrorLogger(verbose ? LogLevel.Information : LogLevel.Warning);
        SimulatedFleet fleet;
        try
        {
            fleet = await SimulatedFleet.CreateAsync(options, logger: logger, cancellationToken: cancellationToken);
        }
        catch (Exception failure) when (failure is FleetApiException or HttpRequestException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync(failure.Message);
            if (options.AdminKey is null)
            {
                await Console.Error.WriteLineAsync(
                    $"Give the admin key with --admin-key, ${AdminKeySource.EnvironmentVariable} or {AdminKeySource.KeyFile} in the current folder.");
            }

            return ExitCodes.SetupFailed;
        }

        await using (fleet)
        {
            console.Attach(fleet, showStates: verbose || say is null);
            fleet.Start();
            return say is null
                ? await new InteractiveSession(fleet, Console.In, console).RunAsync(cancellationToken)
                : await SayOnceSession.RunAsync(fleet, say, timeout, console, cancellationToken);
        }
    }
}
