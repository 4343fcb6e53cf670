using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Meetings;
using SalesAlign.Domain.Meetings;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Application.Features.Meetings;

/// <summary>Loading a meeting, the rules that need the database (attendees are members), and its DTO.</summary>
internal static class MeetingState
{
    public static readonly IReadOnlyDictionary<string, MeetingDecision> Decisions =
        new Dictionary<string, MeetingDecision>(StringComparer.Ordinal)
        {
            ["approve"] = MeetingDecision.Approve,
            ["reject"] = MeetingDecision.Reject,
            ["defer"] = MeetingDecision.Defer,
            ["openProposal"] = MeetingDecision.OpenProposal,
        };

    public static bool TryParseStatus(string? value, out MeetingStatus status) =>
        Enum.TryParse(value, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(value, out _);

    /// <summary>A meeting of the current tenant with its agenda; another tenant's is simply not found.</summary>
    public static async Task<Meeting> LoadAsync(IAppDbContext db, Guid meetingId, bool tracking, CancellationToken ct)
    {
        var meetings = tracking ? db.Meetings : db.Meetings.AsNoTracking();
        return await meetings.Include(m => m.Agenda).FirstOrDefaultAsync(m => m.Id == meetingId, ct)
            ?? throw new NotFoundException("Meeting", meetingId);
    }

    /// <summary>A stale If-Match is refused before anything changes (412).</summary>
    public static void EnsureRevision(this Meeting meeting, int? expected)
    {
        if (expected is { } e && e != meeting.Revision)
            throw new PreconditionFailedException("Meeting", e, meeting.Revision);
    }

    /// <summary>
    /// Every attendee must be able to act in this tenant: a direct member, or a member of the agency that
    /// manages it. Each one who is not is named by position (400).
    /// </summary>
    public static async Task EnsureAttendeesAreMembersAsync(IAppDbContext db, ITenantContext tenant, IReadOnlyList<string>? attendees, CancellationToken ct)
    {
        if (attendees is null || attendees.Count == 0)
            return;
        var ids = attendees.Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Memberships.Where(m => ids.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct);
        var agencyId = await db.Tenants.Where(t => t.Id == tenant.TenantId).Select(t => t.AgencyId).FirstOrDefaultAsync(ct);
        if (agencyId is { } agency)
            known.AddRange(await db.AgencyMemberships.Where(a => a.AgencyId == agency && ids.Contains(a.UserId)).Select(a => a.UserId).ToListAsync(ct));
        var failures = attendees
            .Select((id, index) => (id, index))
            .Where(a => !known.Contains(a.id, StringComparer.Ordinal))
            .Select(a => new ValidationFailure($"/attendees/{a.index}", $"'{a.id}' is not a member of this tenant.") { ErrorCode = "meeting.attendee_not_member" })
            .ToList();
        if (failures.Count > 0)
            throw new ValidationException(failures);
    }

    /// <summary>
    /// The meeting with each proposal item's current state. One load per proposal item: an agenda holds a
    /// handful of proposals, and reusing <see cref="ProposalState"/> keeps "who still has to approve" identical
    /// to the proposal's own page.
    /// </summary>
    public static async Task<MeetingDto> ToDtoAsync(IAppDbContext db, Meeting meeting, CancellationToken ct)
    {
        var items = new List<AgendaItemDto>();
        var disputes = meeting.Agenda.Any(i => i.Kind == AgendaItemKind.DisputedMqls)
            ? (await DisputedMqls.ByReasonAsync(db, meeting.PlaybookId, meeting.CreatedAt, ct)).ToDictionary(d => d.Reason, d => d.Leads, StringComparer.Ordinal)
            : null;
        foreach (var item in meeting.Agenda.OrderBy(i => i.Position))
        {
            AgendaProposalDto? proposal = null;
            if (item.ProposalId is { } proposalId)
            {
                var p = (await ProposalState.LoadAsync(db, proposalId, tracking: false, ct)).ToDto();
                proposal = new AgendaProposalDto(p.Id, p.Title, p.Status, p.Revision, p.AuthorId, p.IsStale, p.Reviews, p.MissingApprovals);
            }
            items.Add(new AgendaItemDto(item.Id, WireName.Of(item.Kind), item.Position, proposal, item.RejectionReasonKey,
                item.Decision is { } d ? WireName.Of(d) : null, item.Notes, item.DecidedBy, item.DecidedAt,
                item.RejectionReasonKey is { } reason && disputes is not null ? disputes.GetValueOrDefault(reason) : null));
        }
        return new MeetingDto(meeting.Id, meeting.PlaybookId, meeting.Title, meeting.ScheduledFor, meeting.Attendees, meeting.Minutes,
            WireName.Of(meeting.Status), meeting.Revision, meeting.CreatedBy, meeting.CreatedAt, meeting.UpdatedAt, items);
    }

    /// <summary>What the audit log keeps of a meeting: its state, not its (long) minutes.</summary>
    public static object AuditSnapshot(this Meeting m) =>
        new { m.Status, m.Revision, m.Title, m.ScheduledFor, Attendees = m.Attendees.ToArray(), MinutesLength = m.Minutes?.Length ?? 0, Agenda = m.Agenda.OrderBy(i => i.Position).Select(i => i.Id).ToArray() };

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> MustBeAttendeeList<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(a => a is null || (a.Count <= 100 && a.All(id => !string.IsNullOrWhiteSpace(id) && id.Length <= 128) && a.Distinct(StringComparer.Ordinal).Count() == a.Count))
            .OverridePropertyName("/attendees")
            .WithErrorCode("meeting.attendees_invalid")
            .WithMessage("attendees is a list of at most 100 distinct user ids.");
}
