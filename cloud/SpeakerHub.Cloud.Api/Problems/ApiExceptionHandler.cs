using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SpeakerHub.Cloud.Abstractions.Commerce;
using SpeakerHub.Cloud.Abstractions.Devices;
using SpeakerHub.Cloud.Abstractions.Fleet;

namespace SpeakerHub.Cloud.Api.Problems;

/// <summary>
/// Turns the exceptions that are a caller's fault into problem details with a 4xx status: unreadable
/// requests (malformed JSON, missing body, wrong content type) and device and fleet errors raised by grains.
/// Anything else stays a 500 problem written by the default exception handler.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            DeviceNotFoundException => (StatusCodes.Status404NotFound, "Device not found"),
            DeviceAlreadyExistsException => (StatusCodes.Status409Conflict, "Device already exists"),
            FleetNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            // A rollout asked to do what its state forbids (resume a finished one), or a duplicate.
            FleetConflictException => (StatusCodes.Status409Conflict, "Conflict"),
            // Money that cannot move as asked: malformed (400) or clashing with what is stored (409).
            CommerceRejectedException { IsConflict: true } => (StatusCodes.Status409Conflict, "Conflict"),
            CommerceRejectedException => (StatusCodes.Status400BadRequest, "Bad request"),
            CommerceNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            // Grains check their arguments too; what slips past the endpoint's validation is still the caller's.
            ArgumentException => (StatusCodes.Status400BadRequest, "Bad request"),
            _ => (0, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = exception.Message },
        });
    }
}
