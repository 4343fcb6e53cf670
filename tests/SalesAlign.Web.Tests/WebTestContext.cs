using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace SalesAlign.Web.Tests;

/// <summary>
/// A bUnit context with MudBlazor's services, loose JS interop (charts measure themselves), an interactive renderer
/// and the test's own services (registered before the renderer is first used). Disposed asynchronously: some
/// MudBlazor services are only <see cref="IAsyncDisposable"/>.
/// </summary>
public abstract class WebTestContext : BunitContext, IAsyncLifetime
{
    protected WebTestContext(Action<IServiceCollection>? services = null)
    {
        Services.AddMudServices();
        services?.Invoke(Services);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Renderer.SetRendererInfo(new RendererInfo("Server", true));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
