using SpeakerHub.Simulator;

return await SimulatorCommand.Create().Parse(args).InvokeAsync();
