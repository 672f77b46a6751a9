using SpeakerHub.Firmware.Core;

namespace SpeakerHub.Firmware.Host.Running;

public sealed class DeviceStateChangedEventArgs(DeviceState previous, DeviceState current) : EventArgs
{
    public DeviceState Previous { get; } = previous;

    public DeviceState Current { get; } = current;
}

public sealed class DeviceReplyEventArgs(uint interactionId, string text, bool expectsFollowUp) : EventArgs
{
    public uint InteractionId { get; } = interactionId;

    public string Text { get; } = text;

    public bool ExpectsFollowUp { get; } = expectsFollowUp;
}

/// <summary>An utterance got no reply: the device was offline or busy, the reply timed out, or the link dropped.</summary>
public sealed class InteractionFailedException : Exception
{
    public InteractionFailedException()
    {
    }

    public InteractionFailedException(string message)
        : base(message)
    {
    }

    public InteractionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InteractionFailedException(string message, InteractionFailure reason)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Null when the utterance could not be sent at all.</summary>
    public InteractionFailure? Reason { get; }
}
