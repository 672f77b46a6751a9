namespace SpeakerHub.Cloud.Grains.Home;

/// <summary>Limits and steps of the smart-home feature (configuration section "Home").</summary>
public sealed class HomeOptions
{
    public const string SectionName = "Home";

    private const int MaxPercent = 100;

    /// <summary>Appliances per owner; each adds words to every silo's grammar.</summary>
    public int MaxAppliances { get; set; } = 100;

    /// <summary>How far "dim"/"brighten" move a dimmer, in percent.</summary>
    public int DimStep { get; set; } = 25;

    /// <summary>Lowest thermostat target in degrees (Celsius) a voice command may set.</summary>
    public int MinTemperature { get; set; } = 5;

    /// <summary>Highest thermostat target in degrees (Celsius).</summary>
    public int MaxTemperature { get; set; } = 30;

    internal IEnumerable<string> Problems()
    {
        if (MaxAppliances < 1)
        {
            yield return "MaxAppliances must be at least 1.";
        }

        if (DimStep is < 1 or > MaxPercent)
        {
            yield return $"DimStep must be 1..{MaxPercent}.";
        }

        if (MinTemperature >= MaxTemperature || MinTemperature < 0 || MaxTemperature > MaxPercent)
        {
            yield return $"MinTemperature must be below MaxTemperature, both 0..{MaxPercent}.";
        }
    }
}
