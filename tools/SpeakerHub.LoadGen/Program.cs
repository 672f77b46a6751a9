using System.CommandLine;
using SpeakerHub.LoadGen;

// Ctrl+C cancels the run; the devices then say goodbye and an in-process cloud stops, which takes
// longer than System.CommandLine's default two seconds before it kills the process.
InvocationConfiguration invocation = new() { ProcessTerminationTimeout = LoadGenCommand.ShutdownGrace };
return await LoadGenCommand.Create().Parse(args).InvokeAsync(invocation);
