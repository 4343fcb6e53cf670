using Microsoft.EntityFrameworkCore;
using SalesAlign.Domain.Leads;

namespace SalesAlign.Application.Features.Leads;

/// <summary>Reading the current tenant's lead-data version (see <see cref="LeadDataVersion"/>).</summary>
public static class LeadDataVersionQueries
{
    /// <summary>The current tenant's lead-data version; 0 while it has never written a lead.</summary>
    public static async Task<long> CurrentAsync(this DbSet<LeadDataVersion> versions, CancellationToken ct = default) =>
        await versions.AsNoTracking().Select(v => (long?)v.Version).SingleOrDefaultAsync(ct) ?? 0;
}
