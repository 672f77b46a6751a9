using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Host.Silo;

/// <summary>The <c>Orleans</c> configuration section: where this silo listens (localhost clustering).</summary>
public sealed class OrleansHostOptions
{
    public const string SectionName = "Orleans";
    private const int MaxPort = 65535;

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port external Orleans clients connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    internal IEnumerable<string> Problems()
    {
        if (SiloPort is < 1 or > MaxPort)
        {
            yield return $"Orleans:SiloPort must be 1..{MaxPort}, was {SiloPort}.";
        }

        if (GatewayPort is < 1 or > MaxPort)
        {
            yield return $"Orleans:GatewayPort must be 1..{MaxPort}, was {GatewayPort}.";
        }

        if (SiloPort == GatewayPort)
        {
            yield return $"Orleans:SiloPort and Orleans:GatewayPort must differ, both are {SiloPort}.";
        }
    }

    internal static OrleansHostOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<OrleansHostOptions>() ?? new OrleansHostOptions();
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(OrleansHostOptions), problems);
        }

        return options;
    }
}
