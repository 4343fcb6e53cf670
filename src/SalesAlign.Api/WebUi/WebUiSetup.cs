using SalesAlign.Web.Components;
using SalesAlign.Web.Services;

namespace SalesAlign.Api.WebUi;

/// <summary>The web UI (Razor class library <c>SalesAlign.Web</c>) hosted beside the API, under <c>/app</c>.</summary>
internal static class WebUiSetup
{
    public static void AddSalesAlignWebUiHost(this IServiceCollection services)
    {
        services.AddSalesAlignWebUi();
        services.AddScoped<ITenantSender, CircuitTenantSender>();
        services.AddSingleton<IHubConnector, LoopbackHubConnector>();
    }

    /// <summary>Requests the UI answers with pages (not problem details): its pages and its circuit's endpoint.</summary>
    public static bool IsUiRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/app") || context.Request.Path.StartsWithSegments("/_blazor");

    /// <summary>Errors and bare status codes on UI routes become pages; the API keeps its problem details.</summary>
    public static void UseWebUiErrorPages(this WebApplication app) =>
        app.UseWhen(IsUiRequest, ui =>
        {
            ui.UseExceptionHandler("/app/error", createScopeForErrors: true);
            ui.UseStatusCodePagesWithReExecute("/app/not-found", createScopeForStatusCodePages: true);
        });

    public static void MapWebUi(this WebApplication app)
    {
        // Scripts and styles are public; pages and the circuit's endpoint need the cookie (the error and not-found
        // pages allow anonymous themselves).
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization();
    }
}
