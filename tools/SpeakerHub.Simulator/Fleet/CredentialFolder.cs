using System.Text.Json;
using SpeakerHub.Firmware.Host.Mqtt;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.Simulator.Fleet;

/// <summary>
/// One JSON file per simulated device slot (<c>device-1.json</c> …) with its id and hex key. The slot
/// number, not the id, names the file: the cloud picks ids, and slot n must be the same device on
/// every run. Files are written via a temporary file and a rename, like the device's flash.
/// </summary>
public sealed class CredentialFolder(string folder)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public DeviceCredentials? Load(int slot)
    {
        string path = PathOf(slot);
        if (!File.Exists(path))
        {
            return null;
        }

        SavedCredentials? saved = JsonSerializer.Deserialize<SavedCredentials>(File.ReadAllText(path), Json);
        byte[]? key = Hex.Decode(saved?.Key);
        if (saved?.Id is null || key is null)
        {
            throw new InvalidDataException($"{path} is not a credentials file; delete it to provision the device again.");
        }

        return new DeviceCredentials(saved.Id, key);
    }

    public void Save(int slot, DeviceCredentials credentials)
    {
        Directory.CreateDirectory(folder);
        string path = PathOf(slot);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new SavedCredentials(credentials.DeviceId, Hex.Encode(credentials.Key)), Json));
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(int slot) => Path.Combine(folder, $"device-{slot}.json");

    private sealed record SavedCredentials(string? Id, string? Key);
}
