using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using SalesAlign.Api.Hubs;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Api.Endpoints;

/// <summary>
/// The baseline for the API benchmark (build/bench-api.sh): a bare endpoint in the same host that returns a
/// payload of a given size with no work behind it; and the baselines of the live benchmark (build/bench-live.sh).
/// Mapped only when <c>Benchmark:BareEndpoint</c> is true.
/// </summary>
internal static class BenchmarkEndpoints
{
    public static void MapBenchmarkEndpoints(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Benchmark:BareEndpoint", false))
            return;
        var payloads = new System.Collections.Concurrent.ConcurrentDictionary<int, byte[]>();
        IResult Payload(int size)
        {
                var payload = payloads.GetOrAdd(Math.Clamp(size, 2, 1 << 20), n =>
                {
                    var bytes = new byte[n];
                    Array.Fill(bytes, (byte)'a');
                    bytes[0] = (byte)'"';
                    bytes[^1] = (byte)'"';
                    return bytes;
                });
                return Results.Bytes(payload, "application/json");
        }

        app.MapGet("/bench/bare", Payload).AllowAnonymous().ExcludeFromDescription();
        // The same, behind the same sign-in as every API route: isolates what our own code costs.
        app.MapGet("/bench/bare-signed-in", Payload).RequireAuthorization().ExcludeFromDescription();

        // The baseline of the live benchmark (build/bench-live.sh): an event of the given size sent straight to the
        // tenant's hub group, with no command, no transaction and no outbox in between. Seq 0, as presence is.
        app.MapPost("/bench/hub-broadcast/{tenant}", async (string tenant, int? size, IHubContext<AlignmentHub, IAlignmentClient> hub,
            TenantAccessCache cache, IServiceScopeFactory scopes, TimeProvider clock) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var found = await cache.TenantAsync(scope.ServiceProvider.GetRequiredService<IAppDbContext>(), tenant, CancellationToken.None);
            if (found is null)
                return Results.NotFound();
            var data = JsonSerializer.SerializeToElement(new { padding = new string('a', Math.Clamp(size ?? 0, 0, 1 << 16)) });
            await hub.Clients.Group(AlignmentHub.TenantGroup(found.Id))
                .Event(new LiveEventDto("benchmark", found.Slug, 0, clock.GetUtcNow(), "benchmark", null, null, data));
            return Results.NoContent();
        }).RequireAuthorization().ExcludeFromDescription();

        // The server's memory as the live benchmark reads it before and after connecting its clients.
        app.MapGet("/bench/memory", () =>
        {
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return Results.Json(new { gcHeapBytes = heap, workingSetBytes = process.WorkingSet64 });
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
