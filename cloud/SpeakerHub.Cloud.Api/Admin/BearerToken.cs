using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SpeakerHub.Cloud.Api.Admin;

/// <summary>The <c>Authorization: Bearer</c> header both API key schemes read, and the 401 problem they answer with.</summary>
public static class BearerToken
{
    private const string Prefix = "Bearer ";

    /// <summary>The token, or null when the request carries no bearer header.</summary>
    public static string? Read(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        return header is not null && header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            ? header[Prefix.Length..].Trim()
            : null;
    }

    /// <summary>
    /// 401 problem details with the same <paramref name="detail"/> whatever was wrong (no header, unknown
    /// key, wrong secret), so an answer never tells a guesser which part to change.
    /// </summary>
    public static async Task ChallengeAsync(HttpContext context, IProblemDetailsService problemDetails, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = detail,
            },
        });
    }
}
