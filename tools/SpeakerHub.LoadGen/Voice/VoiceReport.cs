using System.Globalization;
using SpeakerHub.LoadGen.Cloud;
using SpeakerHub.LoadGen.Measurement;
using SpeakerHub.LoadGen.Say;
using SpeakerHub.LoadGen.Terminal;

namespace SpeakerHub.LoadGen.Voice;

/// <summary>The summary after a <c>voice</c> run: latency at the device, the cloud's share, ASR speed and CPU.</summary>
public static class VoiceReport
{
    public const string DeviceRow = "last frame → first reply audio (device)";
    public const string CloudRow = "last frame → first reply audio sent (cloud)";

    public static async Task WriteAsync(
        TextWriter output, VoiceSettings settings, CloudTarget cloud, VoiceTally tally, VoiceMeterReading meters, TimeSpan cpu, TimeSpan elapsed)
    {
        LoadResult result = tally.ToResult(elapsed);
        List<LatencySummary> rows = [LatencySummary.From(DeviceRow, result)];
        rows.AddRange(settings.Texts.Distinct(StringComparer.Ordinal)
            .Where(result.Categories.ContainsKey)
            .Select(text => LatencySummary.From($"  \"{text}\"", result.Categories[text])));
        if (cloud.IsInProcess)
        {
            rows.Add(LatencySummary.From(CloudRow, new CategoryResult(meters.CloudFirstAudioMs, 0)));
        }

        await output.WriteLineAsync();
        await output.WriteAsync(SummaryTable.Render(rows));
        int turns = result.LatenciesMs.Count;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{turns} measured turns in {elapsed.TotalSeconds:0} s; {tally.MisheardCount} answered \"sorry\" (recognition misses), {result.Failed} failed."));
        if (cloud.IsInProcess && meters.AudioSeconds > 0)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"ASR: {meters.AudioSeconds:0.0} s of speech decoded in {meters.DecodeSeconds:0.00} s of decoder time: real-time factor {meters.DecodeSeconds / meters.AudioSeconds:0.000}."));
        }

        if (turns > 0)
        {
            string whose = cloud.IsInProcess
                ? $"this process (cloud and all {settings.Speakers} simulated speakers)"
                : "this process (the simulated speakers only; the cloud's CPU is its own process's)";
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"CPU: {cpu.TotalSeconds:0.0} s over the window = {cpu.TotalMilliseconds / turns:0} ms per turn for {whose}; " +
                $"{cpu.TotalSeconds / elapsed.TotalSeconds / Environment.ProcessorCount * 100:0}% of {Environment.ProcessorCount} cores."));
        }

        await SayReport.WriteFailuresAsync(output, "voice", result, CancellationToken.None);
    }
}
