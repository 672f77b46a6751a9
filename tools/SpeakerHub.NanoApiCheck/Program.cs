using SpeakerHub.NanoApiCheck;

return NanoApiCheckCommand.Run(args, Console.Out, Console.Error);
