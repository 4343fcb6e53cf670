using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;

namespace SalesAlign.Api.Tests.Hubs;

/// <summary>Hands events to a live target the way the dispatcher does: one batch per tenant, with the tenant's id.</summary>
internal static class LiveTargetExtensions
{
    public static async Task DeliverAsync(this ILiveEventTarget target, IServiceProvider services, IReadOnlyList<LiveEventDto> events)
    {
        Dictionary<string, Guid> ids;
        await using (var scope = services.CreateAsyncScope())
        {
            var slugs = events.Select(e => e.Tenant).Distinct().ToList();
            ids = await scope.ServiceProvider.GetRequiredService<IAppDbContext>().Tenants.AsNoTracking()
                .Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, t => t.Id);
        }
        foreach (var batch in events.GroupBy(e => e.Tenant))
            await target.DeliverAsync(ids[batch.Key], [.. batch], CancellationToken.None);
    }
}
