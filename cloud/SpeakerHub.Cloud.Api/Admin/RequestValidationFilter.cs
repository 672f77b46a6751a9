using Microsoft.AspNetCore.Http;

namespace SpeakerHub.Cloud.Api.Admin;

/// <summary>A request body that can list its own field errors, keyed by JSON property name.</summary>
public interface IValidatedRequest
{
    /// <summary>Field errors; empty when the request is valid.</summary>
    Dictionary<string, string[]> Validate();
}

/// <summary>Answers a 400 validation problem for any <see cref="IValidatedRequest"/> argument with errors, before the handler runs.</summary>
public sealed class RequestValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is IValidatedRequest request && request.Validate() is { Count: > 0 } errors)
            {
                return TypedResults.ValidationProblem(errors);
            }
        }

        return await next(context);
    }
}
