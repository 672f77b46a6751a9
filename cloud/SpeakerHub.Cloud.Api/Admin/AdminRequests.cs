using SpeakerHub.Cloud.Abstractions.Accounts;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Api.Admin;

// Request bodies of /api/admin; RequestValidationFilter answers 400 with their field errors before a handler runs.

public sealed record ProvisionDeviceRequest(string? Model, string? Id, string? OwnerId = null) : IValidatedRequest
{
    // The device grain's own limit, checked here too so the caller gets a field error.
    private const int MaxModelLength = IDeviceGrain.MaxModelLength;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Model) || Model.Length > MaxModelLength)
        {
            errors["model"] = [$"Required, 1..{MaxModelLength} characters."];
        }

        if (Id is not null && !Topics.IsValidDeviceId(Id))
        {
            errors["id"] = [$"1..{Topics.MaxDeviceIdLength} characters from A-Z a-z 0-9 - _."];
        }

        if (OwnerId is not null && !OwnerApiKey.IsValidOwnerId(OwnerId))
        {
            errors["ownerId"] = [$"1..{OwnerApiKey.MaxOwnerIdLength} characters from A-Z a-z 0-9 - _."];
        }

        return errors;
    }
}

public sealed record CreateOwnerRequest(string? Name) : IValidatedRequest
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > IOwnerGrain.MaxNameLength)
        {
            errors["name"] = [$"Required, 1..{IOwnerGrain.MaxNameLength} characters."];
        }

        return errors;
    }
}

public sealed record TwinChangeRequest(int? Volume, bool? Muted, int? WakeSensitivity) : IValidatedRequest
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Volume is null && Muted is null && WakeSensitivity is null)
        {
            errors[string.Empty] = ["Set at least one of volume, muted, wakeSensitivity."];
        }

        if (Volume is < 0 or > TwinPatch.MaxVolume)
        {
            errors["volume"] = [$"Must be 0..{TwinPatch.MaxVolume}."];
        }

        if (WakeSensitivity is < 0 or > TwinPatch.MaxWakeSensitivity)
        {
            errors["wakeSensitivity"] = [$"Must be 0..{TwinPatch.MaxWakeSensitivity}."];
        }

        return errors;
    }

    public TwinChange ToChange() => new(Volume, Muted, WakeSensitivity);
}

public sealed record SayRequest(string? Text) : IValidatedRequest
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Text) || Text.Length > Utterance.MaxTextLength)
        {
            errors["text"] = [$"Required, 1..{Utterance.MaxTextLength} characters."];
        }

        return errors;
    }
}

public sealed record SendCommandRequest(string? Name, int Number = 0, string? Text = null) : IValidatedRequest
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > Command.MaxNameLength)
        {
            errors["name"] = [$"Required, 1..{Command.MaxNameLength} characters."];
        }

        return errors;
    }

    public CommandRequest ToCommand() => new(Name!, Number, Text);
}
