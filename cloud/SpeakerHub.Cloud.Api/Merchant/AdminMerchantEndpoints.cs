using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpeakerHub.Cloud.Abstractions.Commerce;
using SpeakerHub.Cloud.Api.Admin;

namespace SpeakerHub.Cloud.Api.Merchant;

/// <summary>
/// <c>/api/admin/merchants</c>: onboarding a merchant. The platform admits merchants (they take people's
/// money), so creating one is an admin act; the merchant then works alone with the key it is given.
/// </summary>
public static class AdminMerchantEndpoints
{
    private const int GeneratedIdAttempts = 3;

    public static IEndpointRouteBuilder MapAdminMerchants(this IEndpointRouteBuilder routes)
    {
        var merchants = routes.MapGroup("/api/admin/merchants")
            .RequireAuthorization(AdminKeyAuthenticationHandler.PolicyName)
            .WithTags("Admin")
            .AddEndpointFilter<RequestValidationFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        merchants.MapPost("/", CreateMerchant)
            .WithName("CreateMerchant")
            .WithSummary("Creates a merchant account and returns its first API key; the key is shown once.")
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<Created<MerchantKeyView>> CreateMerchant(CreateMerchantRequest request, IGrainFactory grains)
    {
        for (var attempt = 1; ; attempt++)
        {
            var id = MerchantIds.New();
            try
            {
                var key = await grains.GetGrain<IMerchantGrain>(id).Create(request.Name!.Trim());
                return TypedResults.Created($"/api/admin/merchants/{id}", new MerchantKeyView(id, key.KeyId, key.ApiKey, key.CreatedAt));
            }
            catch (CommerceRejectedException collision) when (collision.IsConflict && attempt < GeneratedIdAttempts)
            {
                // A generated id collided; draw another.
            }
        }
    }
}
