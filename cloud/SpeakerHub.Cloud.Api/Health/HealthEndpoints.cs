using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Abstractions.Devices;

namespace SpeakerHub.Cloud.Api.Health;

/// <summary><c>GET /health</c>: 200 <c>{"status":"ok"}</c>, or 503 problem details naming the failing checks.</summary>
public static class HealthEndpoints
{
    public const string Path = "/health";

    public static IServiceCollection AddSpeakerHubHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteReport })
            .WithName("Health")
            .WithSummary("Whether this node serves requests: the silo answers and grain storage reads.");
        return routes;
    }

    private static async Task WriteReport(HttpContext context, HealthReport report)
    {
        if (report.Status == HealthStatus.Healthy)
        {
            await context.Response.WriteAsJsonAsync(new HealthyBody("ok"), context.RequestAborted);
            return;
        }

        var problem = new ProblemDetails
        {
            Status = context.Response.StatusCode,
            Title = $"Service {report.Status.ToString().ToLowerInvariant()}",
        };
        problem.Extensions["checks"] = report.Entries.ToDictionary(
            entry => entry.Key, entry => $"{entry.Value.Status}: {entry.Value.Description}");
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private sealed record HealthyBody(string Status);

    /// <summary>Asks the device directory grain for its count: proves the silo runs and grain storage reads.</summary>
    private sealed class ClusterHealthCheck(IGrainFactory grains, IOptions<ApiOptions> options) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var devices = await grains.GetDeviceDirectory().Count().WaitAsync(options.Value.HealthProbeTimeout, cancellationToken);
                return HealthCheckResult.Healthy($"{devices} devices provisioned");
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy(exception.Message, exception);
            }
        }
    }
}
