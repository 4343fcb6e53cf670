using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace SalesAlign.Web.Services;

public static class WebUiServices
{
    /// <summary>
    /// Razor components with interactive server rendering, MudBlazor and the UI's per-circuit services. The host
    /// registers <see cref="ITenantSender"/> and <see cref="IHubConnector"/>, which need its access code.
    /// </summary>
    public static IServiceCollection AddSalesAlignWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddScoped<UserSession>();
        services.AddScoped<LiveSession>();
        services.AddScoped<ILiveSession>(sp => sp.GetRequiredService<LiveSession>());
        return services;
    }
}
