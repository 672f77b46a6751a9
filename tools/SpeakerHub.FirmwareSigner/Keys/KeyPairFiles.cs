namespace SpeakerHub.FirmwareSigner.Keys;

/// <summary>Where <see cref="SigningKeyFiles.Generate"/> put a new key pair, and its public half.</summary>
public sealed record KeyPairFiles(string PrivateKeyPath, string PublicKeyPath, byte[] PublicKey);
