using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Domain.Analytics;

namespace SalesAlign.Application.Features.Meetings;

/// <summary>
/// The week's disputed MQLs of a playbook: leads sales rejected in the 7 days before a moment (the meeting's
/// planning), grouped by rejection reason, most rejected first, then by reason key (decision 0023).
/// </summary>
internal static class DisputedMqls
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public sealed record Dispute(string Reason, int Leads);

    public static async Task<IReadOnlyList<Dispute>> ByReasonAsync(IAppDbContext db, Guid playbookId, DateTimeOffset until, CancellationToken ct)
    {
        // Only rejected leads are read, and the window is applied here: DateTimeOffset comparisons do not
        // translate on every provider (SQLite stores them as text).
        var rejected = await db.Leads.AsNoTracking()
            .Where(l => l.PlaybookId == playbookId && l.RejectedAt != null)
            .Select(l => new { l.RejectedAt, l.RejectionReason })
            .ToListAsync(ct);
        var from = until - Window;
        return rejected
            .Where(r => r.RejectedAt >= from && r.RejectedAt < until)
            .GroupBy(r => string.IsNullOrEmpty(r.RejectionReason) ? KpiCalculator.UnspecifiedReason : r.RejectionReason, StringComparer.Ordinal)
            .Select(g => new Dispute(g.Key, g.Count()))
            .OrderByDescending(d => d.Leads).ThenBy(d => d.Reason, StringComparer.Ordinal)
            .ToList();
    }
}
