using System.CommandLine;

namespace SpeakerHub.Simulator.Terminal;

/// <summary>The <c>--api</c> option every tool that talks to the cloud shares: an absolute http(s) address.</summary>
public static class ApiAddressOption
{
    public static readonly Uri Default = new("http://127.0.0.1:8080");

    public static Option<Uri> Create(string description) => new("--api")
    {
        Description = description,
        DefaultValueFactory = _ => Default,
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out Uri? address) && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps))
            {
                return address;
            }

            result.AddError($"--api needs an absolute http(s) address, not '{text}'.");
            return null;
        },
    };
}
