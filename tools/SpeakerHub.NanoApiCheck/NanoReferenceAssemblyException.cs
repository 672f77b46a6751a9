namespace SpeakerHub.NanoApiCheck;

/// <summary>The reference assemblies could not be generated from the listing for a reason no single row explains.</summary>
public sealed class NanoReferenceAssemblyException : Exception
{
    public NanoReferenceAssemblyException()
        : base("The nanoFramework reference assemblies could not be generated.")
    {
    }

    public NanoReferenceAssemblyException(string message)
        : base(message)
    {
    }

    public NanoReferenceAssemblyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
