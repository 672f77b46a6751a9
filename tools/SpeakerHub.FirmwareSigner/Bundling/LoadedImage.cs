namespace SpeakerHub.FirmwareSigner.Bundling;

/// <summary>An image read into memory, with the SHA-256 computed on the way in.</summary>
public sealed record LoadedImage(byte[] Bytes, byte[] Sha256);
