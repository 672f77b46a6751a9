using SpeakerHub.Cloud.Api.Admin;

namespace SpeakerHub.Cloud.Api.Owner;

// Request bodies of /api/owner beyond the ones shared with /api/admin (TwinChangeRequest, SayRequest).

public sealed record PrivacyRequest(bool? KeepAudio) : IValidatedRequest
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (KeepAudio is null)
        {
            errors["keepAudio"] = ["Required: true keeps the audio of each utterance, false deletes it."];
        }

        return errors;
    }
}
