using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Meetings;

public enum MeetingStatus { Planned, InProgress, Closed }

public enum AgendaItemKind { ProposalReview, DisputedMqls }

public enum MeetingDecision { Approve, Reject, Defer, OpenProposal }

/// <summary>
/// A weekly alignment meeting on one playbook. Its rules live here: only forward status transitions, a
/// closed meeting is read-only, the agenda is reordered only as a whole permutation, and each kind of
/// agenda item takes only the decisions that make sense for it.
/// </summary>
public sealed class Meeting : ITenantOwned
{
    public const int MaxMinutesLength = 20_000;

    public Guid TenantId { get; set; }

    public Guid Id { get; init; }

    public Guid PlaybookId { get; init; }

    public required string Title { get; set; }

    public DateTimeOffset ScheduledFor { get; set; }

    /// <summary>User ids of the tenant's members (directly or through the agency) expected at the meeting.</summary>
    public List<string> Attendees { get; set; } = [];

    public string? Minutes { get; set; }

    /// <summary>Increments on every change; the optimistic-concurrency token sent as the ETag.</summary>
    public int Revision { get; set; } = 1;

    public MeetingStatus Status { get; set; } = MeetingStatus.Planned;

    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<MeetingAgendaItem> Agenda { get; init; } = [];

    public MeetingAgendaItem AddProposalItem(Guid proposalId)
    {
        var item = new MeetingAgendaItem
        {
            Id = Guid.CreateVersion7(),
            TenantId = TenantId,
            MeetingId = Id,
            Kind = AgendaItemKind.ProposalReview,
            ProposalId = proposalId,
            Position = Agenda.Count,
        };
        Agenda.Add(item);
        return item;
    }

    /// <summary>An item for the leads sales rejected with one reason in the week before the meeting was planned.</summary>
    public MeetingAgendaItem AddDisputeItem(string rejectionReasonKey)
    {
        var item = new MeetingAgendaItem
        {
            Id = Guid.CreateVersion7(),
            TenantId = TenantId,
            MeetingId = Id,
            Kind = AgendaItemKind.DisputedMqls,
            RejectionReasonKey = rejectionReasonKey,
            Position = Agenda.Count,
        };
        Agenda.Add(item);
        return item;
    }

    /// <summary>True when <paramref name="order"/> names every agenda item exactly once.</summary>
    public bool IsAgendaPermutation(IReadOnlyCollection<Guid> order) =>
        order.Count == Agenda.Count && order.Distinct().Count() == order.Count && Agenda.All(i => order.Contains(i.Id));

    /// <summary>Applies one edit as one revision; anything left null is unchanged.</summary>
    public void Revise(string? title, DateTimeOffset? scheduledFor, IReadOnlyList<string>? attendees, string? minutes,
        IReadOnlyList<Guid>? agendaOrder, MeetingStatus? status, DateTimeOffset now)
    {
        RequireNotClosed("be edited");
        if (agendaOrder is not null && !IsAgendaPermutation(agendaOrder))
            throw new ArgumentException("The agenda order must name every agenda item exactly once.", nameof(agendaOrder));
        if (status is { } next && next != Status && next != Status + 1)
            throw new WorkflowException(WorkflowFailure.Conflict, "meeting.invalid_transition",
                $"A meeting moves Planned → InProgress → Closed; this one is {Status} and cannot become {next}.");

        Title = title ?? Title;
        ScheduledFor = scheduledFor ?? ScheduledFor;
        if (attendees is not null)
            Attendees = [.. attendees];
        Minutes = minutes ?? Minutes;
        if (agendaOrder is not null)
        {
            var positions = agendaOrder.Select((id, position) => (id, position)).ToDictionary(x => x.id, x => x.position);
            foreach (var item in Agenda)
                item.Position = positions[item.Id];
        }
        Status = status ?? Status;
        Touch(now);
    }

    /// <summary>
    /// Records a decision on an agenda item. For approve/reject on a proposal the caller must also have sent
    /// the review through the proposal workflow, in the same transaction.
    /// </summary>
    public MeetingAgendaItem Decide(Guid itemId, MeetingDecision decision, string? notes, string decidedBy, DateTimeOffset now)
    {
        RequireNotClosed("take decisions");
        var item = Agenda.Single(i => i.Id == itemId);
        if (!item.Accepts(decision))
            throw new WorkflowException(WorkflowFailure.Conflict, "meeting.decision_not_applicable",
                $"A {item.Kind} item cannot take the decision {decision}.");
        if (item.Decision is { } earlier && earlier != MeetingDecision.Defer)
            throw new WorkflowException(WorkflowFailure.Conflict, "meeting.item_decided",
                $"This item was already decided ({earlier}); only a deferred item can be decided again.");
        item.Decision = decision;
        item.Notes = notes;
        item.DecidedBy = decidedBy;
        item.DecidedAt = now;
        Touch(now);
        return item;
    }

    private void RequireNotClosed(string action)
    {
        if (Status == MeetingStatus.Closed)
            throw new WorkflowException(WorkflowFailure.Conflict, "meeting.closed", $"A closed meeting is read-only; it cannot {action}.");
    }

    private void Touch(DateTimeOffset now)
    {
        Revision++;
        UpdatedAt = now;
    }
}

/// <summary>
/// One point of a meeting's agenda: a proposal to review, or (once leads exist) the week's disputed MQLs of
/// one rejection reason.
/// </summary>
public sealed class MeetingAgendaItem : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; }

    public Guid MeetingId { get; init; }

    public AgendaItemKind Kind { get; init; }

    public Guid? ProposalId { get; init; }

    /// <summary>For <see cref="AgendaItemKind.DisputedMqls"/>: the playbook's rejection reason the leads are grouped by.</summary>
    public string? RejectionReasonKey { get; init; }

    public int Position { get; set; }

    public MeetingDecision? Decision { get; set; }

    public string? Notes { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Approve and reject are reviews of a proposal; opening a proposal answers a dispute; anything may be deferred.</summary>
    public bool Accepts(MeetingDecision decision) => decision switch
    {
        MeetingDecision.Approve or MeetingDecision.Reject => Kind == AgendaItemKind.ProposalReview,
        MeetingDecision.OpenProposal => Kind == AgendaItemKind.DisputedMqls,
        _ => true,
    };
}
