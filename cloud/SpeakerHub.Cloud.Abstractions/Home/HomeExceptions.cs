namespace SpeakerHub.Cloud.Abstractions.Home;

/// <summary>No appliance with that id in the owner's home; the API answers 404.</summary>
[GenerateSerializer, Alias("SpeakerHub.ApplianceNotFoundException")]
public sealed class ApplianceNotFoundException : Exception
{
    public ApplianceNotFoundException()
    {
    }

    public ApplianceNotFoundException(string message)
        : base(message)
    {
    }

    public ApplianceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static ApplianceNotFoundException For(string applianceId) => new($"Appliance '{applianceId}' does not exist.");
}

/// <summary>
/// The home already has an appliance with that name in that room: the speaker could not tell them
/// apart. The API answers 409.
/// </summary>
[GenerateSerializer, Alias("SpeakerHub.ApplianceConflictException")]
public sealed class ApplianceConflictException : Exception
{
    public ApplianceConflictException()
    {
    }

    public ApplianceConflictException(string message)
        : base(message)
    {
    }

    public ApplianceConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static ApplianceConflictException For(string name, string room) =>
        new($"There is already a '{name}' in the '{room}'.");
}

/// <summary>A registration or change the home refuses, naming the request field at fault; the API answers 400.</summary>
[GenerateSerializer, Alias("SpeakerHub.ApplianceRejectedException")]
public sealed class ApplianceRejectedException : Exception
{
    public ApplianceRejectedException()
    {
    }

    public ApplianceRejectedException(string message)
        : base(message)
    {
    }

    public ApplianceRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ApplianceRejectedException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>The request field (JSON name) at fault, or empty for the request as a whole.</summary>
    [Id(0)]
    public string Field { get; init; } = string.Empty;
}
