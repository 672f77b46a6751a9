namespace SpeakerHub.Cloud.Abstractions.Accounts;

/// <summary>Creating an owner id that is already taken; the caller draws another id.</summary>
[GenerateSerializer, Alias("SpeakerHub.OwnerAlreadyExistsException")]
public sealed class OwnerAlreadyExistsException : Exception
{
    public OwnerAlreadyExistsException()
    {
    }

    public OwnerAlreadyExistsException(string message)
        : base(message)
    {
    }

    public OwnerAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static OwnerAlreadyExistsException For(string ownerId) => new($"Owner '{ownerId}' already exists.");
}

/// <summary>An operation on an owner id that was never created; the API answers 404.</summary>
[GenerateSerializer, Alias("SpeakerHub.OwnerNotFoundException")]
public sealed class OwnerNotFoundException : Exception
{
    public OwnerNotFoundException()
    {
    }

    public OwnerNotFoundException(string message)
        : base(message)
    {
    }

    public OwnerNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static OwnerNotFoundException For(string ownerId) => new($"Owner '{ownerId}' does not exist.");
}
