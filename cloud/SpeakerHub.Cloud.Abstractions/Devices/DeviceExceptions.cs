namespace SpeakerHub.Cloud.Abstractions.Devices;

/// <summary>Provisioning an id that already has a device; the API answers 409.</summary>
[GenerateSerializer, Alias("SpeakerHub.DeviceAlreadyExistsException")]
public sealed class DeviceAlreadyExistsException : Exception
{
    public DeviceAlreadyExistsException()
    {
    }

    public DeviceAlreadyExistsException(string message)
        : base(message)
    {
    }

    public DeviceAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static DeviceAlreadyExistsException For(string deviceId) => new($"Device '{deviceId}' already exists.");
}

/// <summary>An operation on a device id that was never provisioned; the API answers 404.</summary>
[GenerateSerializer, Alias("SpeakerHub.DeviceNotFoundException")]
public sealed class DeviceNotFoundException : Exception
{
    public DeviceNotFoundException()
    {
    }

    public DeviceNotFoundException(string message)
        : base(message)
    {
    }

    public DeviceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static DeviceNotFoundException For(string deviceId) => new($"Device '{deviceId}' does not exist.");
}
