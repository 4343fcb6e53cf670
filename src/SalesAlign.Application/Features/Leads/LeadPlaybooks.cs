using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Features.Scoring;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Application.Features.Leads;

/// <summary>A playbook's version, compiled (from the cache).</summary>
public sealed record ResolvedPlaybook(Guid PlaybookId, int Version, string ContentHash, CompiledPlaybook Compiled)
{
    public PlaybookDocument Document => Compiled.Document;
}

/// <summary>
/// Which playbook a lead write or an outcome is checked against (decision 0016): the one named, or else the
/// tenant's first playbook (the earliest first version). Unknown or another tenant's: not found.
/// </summary>
public static class LeadPlaybooks
{
    public static async Task<ResolvedPlaybook> CurrentAsync(IAppDbContext db, CompiledPlaybookCache cache, Guid? playbookId, CancellationToken ct)
    {
        var id = playbookId ?? await DefaultPlaybookIdAsync(db, ct);
        var current = await db.Playbooks.AsNoTracking().Where(p => p.Id == id).Select(p => p.CurrentVersionNumber).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Playbook", id);
        return await VersionAsync(db, cache, id, current, ct);
    }

    public static async Task<ResolvedPlaybook> VersionAsync(IAppDbContext db, CompiledPlaybookCache cache, Guid playbookId, int number, CancellationToken ct)
    {
        var version = await db.PlaybookVersions.AsNoTracking()
            .Where(v => v.PlaybookId == playbookId && v.Number == number)
            .Select(v => new { v.ContentHash })
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Version {number} of playbook", playbookId);
        // The document is read only when this content was never compiled in this process.
        var compiled = cache.Get(version.ContentHash, () => Playbooks.PlaybookMapping.ReadDocument(
            db.PlaybookVersions.AsNoTracking().Where(v => v.PlaybookId == playbookId && v.Number == number).Select(v => v.DocumentJson).First()));
        return new ResolvedPlaybook(playbookId, number, version.ContentHash, compiled);
    }

    public static async Task<Guid> DefaultPlaybookIdAsync(IAppDbContext db, CancellationToken ct)
    {
        // A tenant has a handful of playbooks; ordered here because SQLite cannot order by DateTimeOffset.
        var firsts = await db.PlaybookVersions.AsNoTracking()
            .Where(v => v.Number == 1)
            .Select(v => new { v.PlaybookId, v.PublishedAt })
            .ToListAsync(ct);
        var first = firsts.OrderBy(v => v.PublishedAt).ThenBy(v => v.PlaybookId).Select(v => (Guid?)v.PlaybookId).FirstOrDefault();
        return first ?? throw new ConflictException("leads.no_playbook", "This tenant has no playbook yet; create one before sending leads.");
    }

    /// <summary>The version of a playbook in force at a moment: the highest published at or before it (the first when none was).</summary>
    public static async Task<int> VersionInForceAsync(IAppDbContext db, Guid playbookId, DateTimeOffset at, CancellationToken ct)
    {
        var versions = await db.PlaybookVersions.AsNoTracking()
            .Where(v => v.PlaybookId == playbookId)
            .Select(v => new { v.Number, v.PublishedAt })
            .ToListAsync(ct);
        var inForce = versions.Where(v => v.PublishedAt <= at).Select(v => (int?)v.Number).Max();
        return inForce ?? versions.Min(v => v.Number);
    }
}
