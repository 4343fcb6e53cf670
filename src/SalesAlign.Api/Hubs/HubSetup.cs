using SalesAlign.Application.Common.Abstractions;
using StackExchange.Redis;

namespace SalesAlign.Api.Hubs;

internal static class HubSetup
{
    /// <summary>SignalR, with the Redis backplane when <c>Redis:ConnectionString</c> is set, and the hub as an event target.</summary>
    public static void AddSalesAlignHub(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var signalR = services.AddSignalR(o => o.EnableDetailedErrors = builder.Environment.IsDevelopment());
        var redis = builder.Configuration["Redis:ConnectionString"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // Instances sharing a Redis server but not a deployment (or tests) keep apart through the channel prefix.
            var prefix = builder.Configuration["Redis:ChannelPrefix"] ?? "salesalign";
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal(prefix));
            // Presence too is shared, so a list shows everyone whichever instance they are connected to.
            services.AddSingleton(sp => new RedisPresenceStore(redis, prefix, sp.GetRequiredService<ILogger<RedisPresenceStore>>()));
            services.AddSingleton<IPresenceStore>(sp => sp.GetRequiredService<RedisPresenceStore>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisPresenceStore>());
            services.AddSingleton(sp => new AccessChangeChannel(sp.GetRequiredService<LiveConnections>(), sp.GetRequiredService<ILogger<AccessChangeChannel>>(), redis, prefix));
        }
        else
        {
            services.AddSingleton<PresenceTracker>();
            services.AddSingleton<IPresenceStore>(sp => sp.GetRequiredService<PresenceTracker>());
            services.AddSingleton(sp => new AccessChangeChannel(sp.GetRequiredService<LiveConnections>(), sp.GetRequiredService<ILogger<AccessChangeChannel>>()));
        }
        services.AddSingleton<LiveConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessChangeChannel>());
        // Membership commands say "access changed" through this; it waits for the commit, then tells every instance.
        services.AddScoped<SalesAlign.Application.Common.Abstractions.ITenantAccessCache, AccessChangeSignal>();
        services.AddSingleton<HubEventBroadcaster>();
        // First among the targets: the dispatcher calls them in registration order, and people waiting on a screen
        // should not wait for the webhook target's queries (it only records deliveries; its worker sends later).
        services.Insert(0, ServiceDescriptor.Singleton<ILiveEventTarget>(sp => sp.GetRequiredService<HubEventBroadcaster>()));
        services.AddSingleton<ILiveSignalTarget>(sp => sp.GetRequiredService<HubEventBroadcaster>());
    }

    public static void MapAlignmentHub(this IEndpointRouteBuilder app) => app.MapHub<AlignmentHub>(AlignmentHub.Path);
}
