using SpeakerHub.FirmwareSigner;

return SignerCommand.Run(args, Console.Out, Console.Error);
