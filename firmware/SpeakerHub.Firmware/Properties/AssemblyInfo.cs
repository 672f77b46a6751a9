using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("SpeakerHub.Firmware")]
[assembly: AssemblyDescription("SpeakerHub speaker firmware for ESP32 (nanoFramework)")]
[assembly: AssemblyProduct("SpeakerHub")]
[assembly: ComVisible(false)]

// nanoFramework ties a deployed assembly to its version; keep it in step with Program.FirmwareVersion.
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
