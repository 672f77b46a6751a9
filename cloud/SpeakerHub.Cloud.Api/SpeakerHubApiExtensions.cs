using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Api.Admin;
using SpeakerHub.Cloud.Api.Fleet;
using SpeakerHub.Cloud.Api.Health;
using SpeakerHub.Cloud.Api.Merchant;
using SpeakerHub.Cloud.Api.Owner;
using SpeakerHub.Cloud.Api.Problems;

namespace SpeakerHub.Cloud.Api;

public static class SpeakerHubApiExtensions
{
    /// <summary>
    /// Adds the HTTP API: options from the <c>Api</c> section (validated at start), admin key, fleet
    /// operator key and owner key authentication, health checks and problem details for every error. <paramref name="configure"/>
    /// runs after the configuration is bound, e.g. to default <see cref="ApiOptions.AdminKeyFile"/> and
    /// <see cref="ApiOptions.OperatorKeyFile"/>.
    /// </summary>
    public static IHostApplicationBuilder AddSpeakerHubApi(this IHostApplicationBuilder builder, Action<ApiOptions>? configure = null)
    {
        var services = builder.Services;
        var options = services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Unreadable bodies throw instead of answering a bare 400, so ApiExceptionHandler can explain them.
        services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);

        services.AddSingleton<AdminKey>();
        services.AddSingleton<OperatorKey>();
        // The authentication core only: AddAuthentication() would also bring data protection (for cookies),
        // which nothing here uses and which warns at every start about keys stored unencrypted.
        services.AddAuthenticationCore(authentication =>
        {
            authentication.AddScheme<AdminKeyAuthenticationHandler>(AdminKeyAuthenticationHandler.SchemeName, displayName: null);
            authentication.AddScheme<OperatorKeyAuthenticationHandler>(OperatorKeyAuthenticationHandler.SchemeName, displayName: null);
            authentication.AddScheme<OwnerKeyAuthenticationHandler>(OwnerKeyAuthenticationHandler.SchemeName, displayName: null);
            authentication.AddScheme<MerchantKeyAuthenticationHandler>(MerchantKeyAuthenticationHandler.SchemeName, displayName: null);
        });
        services.AddWebEncoders();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminKeyAuthenticationHandler.PolicyName, policy => policy
                .AddAuthenticationSchemes(AdminKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser())
            // Only the operator scheme: the admin key is a different role and does not open /api/fleet.
            .AddPolicy(OperatorKeyAuthenticationHandler.PolicyName, policy => policy
                .AddAuthenticationSchemes(OperatorKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser())
            .AddPolicy(OwnerKeyAuthenticationHandler.PolicyName, policy => policy
                .AddAuthenticationSchemes(OwnerKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser())
            .AddPolicy(MerchantKeyAuthenticationHandler.PolicyName, policy => policy
                .AddAuthenticationSchemes(MerchantKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());

        services.AddSpeakerHubHealthChecks();
        return builder;
    }

    /// <summary>Adds the error-handling and auth middleware, then maps <c>/health</c>, <c>/api/admin</c>, <c>/api/fleet</c>, <c>/api/owner</c> and <c>/api/merchant</c>.</summary>
    public static WebApplication MapSpeakerHubApi(this WebApplication app)
    {
        // Resolved now so a missing or unreadable admin or operator key stops the host before it takes requests.
        _ = app.Services.GetRequiredService<AdminKey>();
        _ = app.Services.GetRequiredService<OperatorKey>();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapAdminApi();
        app.MapFleetApi();
        app.MapOwnerApi();
        app.MapMerchantApi();
        return app;
    }
}
