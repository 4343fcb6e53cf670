using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Scoring;
using SalesAlign.Contracts.Leads;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Leads;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Application.Features.Leads;

/// <summary>
/// Records what happened to a lead (<see cref="LeadOutcomeRules"/>). Every outcome carries the version of the lead's
/// playbook that was in force when the lead became an MQL. A rejection's reason must be one of the current version's
/// rejection reasons. If-Match (the lead's revision) is optional.
/// </summary>
[RequiresPermission(Permissions.Leads.Outcomes)]
public sealed record RecordOutcomeCommand(Guid LeadId, RecordOutcomeRequest Request, int? ExpectedRevision = null) : ICommand<LeadDetailDto>;

internal sealed class RecordOutcomeValidator : AbstractValidator<RecordOutcomeCommand>
{
    public static readonly IReadOnlyDictionary<string, LeadOutcomeKind> Kinds =
        Enum.GetValues<LeadOutcomeKind>().ToDictionary(k => WireName.Of(k), k => k, StringComparer.OrdinalIgnoreCase);

    public RecordOutcomeValidator()
    {
        RuleFor(c => c.Request.Kind).Must(k => k is not null && Kinds.ContainsKey(k)).OverridePropertyName("/kind").WithErrorCode("outcome.kind")
            .WithMessage($"'kind' is one of: {string.Join(", ", Kinds.Keys)}.");
        RuleFor(c => c.Request.Reason).NotEmpty().OverridePropertyName("/reason").WithErrorCode("outcome.reason_required")
            .WithMessage("A rejection needs a 'reason': one of the playbook's rejection reasons (handoff.rejectionReasons keys).")
            .When(c => Kind(c) == LeadOutcomeKind.Rejected);
        RuleFor(c => c.Request.Reason).Null().OverridePropertyName("/reason").WithErrorCode("outcome.reason_unexpected")
            .WithMessage("Only a rejection has a reason.")
            .When(c => Kind(c) is { } k && k != LeadOutcomeKind.Rejected);
        RuleFor(c => c.Request.Amount).NotNull().OverridePropertyName("/amount").WithErrorCode("outcome.amount_required")
            .WithMessage("A won lead needs the 'amount' won.")
            .When(c => Kind(c) == LeadOutcomeKind.Won);
        RuleFor(c => c.Request.Amount).InclusiveBetween(0m, 1_000_000_000_000m).OverridePropertyName("/amount").WithErrorCode("outcome.amount_range")
            .When(c => c.Request.Amount is not null);
        RuleFor(c => c.Request.Amount).Null().OverridePropertyName("/amount").WithErrorCode("outcome.amount_unexpected")
            .WithMessage("Only an opportunity, a win or a loss has an amount.")
            .When(c => Kind(c) is LeadOutcomeKind.MqlReached or LeadOutcomeKind.FirstContact or LeadOutcomeKind.SqlAccepted or LeadOutcomeKind.Rejected);
    }

    public static LeadOutcomeKind? Kind(RecordOutcomeCommand c) => c.Request.Kind is { } k && Kinds.TryGetValue(k, out var kind) ? kind : null;
}

internal sealed class RecordOutcomeHandler(IAppDbContext db, ICurrentUser user, IAuditLog audit, CompiledPlaybookCache cache, TimeProvider clock)
    : ICommandHandler<RecordOutcomeCommand, LeadDetailDto>
{
    /// <summary>Clocks disagree a little; an outcome further in the future than this is a mistake.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public async ValueTask<LeadDetailDto> Handle(RecordOutcomeCommand command, CancellationToken cancellationToken)
    {
        var actor = user.UserId ?? throw new ForbiddenException("auth.required", "An outcome needs a known caller.");
        var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == command.LeadId, cancellationToken)
            ?? throw new NotFoundException("Lead", command.LeadId);
        if (command.ExpectedRevision is { } expected && expected != lead.Revision)
            throw new PreconditionFailedException("Lead", expected, lead.Revision);

        var kind = RecordOutcomeValidator.Kind(command)!.Value;
        var now = clock.GetUtcNow();
        var at = command.Request.OccurredAt ?? now;
        if (at > now + FutureTolerance)
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("/occurredAt", $"{at:u} is in the future; record outcomes when they happen.") { ErrorCode = "outcome.future" }]);

        var playbook = await LeadPlaybooks.CurrentAsync(db, cache, lead.PlaybookId, cancellationToken);
        var reason = command.Request.Reason?.Trim();
        if (kind == LeadOutcomeKind.Rejected)
        {
            var reasons = playbook.Document.Handoff.RejectionReasons;
            var match = reasons.FirstOrDefault(r => string.Equals(r.Key, reason, StringComparison.OrdinalIgnoreCase) || string.Equals(r.Label, reason, StringComparison.OrdinalIgnoreCase));
            reason = match?.Key ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure("/reason",
                $"'{reason}' is not one of the playbook's rejection reasons: {string.Join(", ", reasons.Select(r => r.Key))}.") { ErrorCode = "outcome.reason_unknown" }]);
        }

        int? mqlVersion = lead.MqlVersion;
        Guid? mqlPlaybook = lead.MqlPlaybookId;
        if (kind == LeadOutcomeKind.MqlReached)
        {
            mqlPlaybook = lead.PlaybookId;
            mqlVersion = await LeadPlaybooks.VersionInForceAsync(db, lead.PlaybookId, at, cancellationToken);
        }
        try
        {
            LeadOutcomeRules.Apply(lead, kind, at, reason, command.Request.Amount, mqlVersion, mqlPlaybook);
        }
        catch (LeadOutcomeException ex)
        {
            throw new ConflictException(ex.Code, ex.Message, ex);
        }
        lead.Revision++;
        lead.UpdatedAt = now;
        var outcome = new LeadOutcome
        {
            Id = Guid.CreateVersion7(now),
            LeadId = lead.Id,
            Kind = kind,
            OccurredAt = at,
            Reason = reason,
            Amount = command.Request.Amount,
            MqlPlaybookId = mqlPlaybook,
            MqlVersion = mqlVersion,
            RecordedAt = now,
            RecordedBy = actor,
        };
        db.LeadOutcomes.Add(outcome);
        audit.Record("lead.outcome_recorded", "Lead", lead.Id.ToString(), after: new { Kind = kind, At = at, Reason = reason, command.Request.Amount, MqlVersion = mqlVersion });
        await db.SaveChangesAsync(cancellationToken);

        var outcomes = await db.LeadOutcomes.AsNoTracking().Where(o => o.LeadId == lead.Id).ToListAsync(cancellationToken);
        var score = await db.LeadScores.AsNoTracking().FirstOrDefaultAsync(s => s.LeadId == lead.Id && s.PlaybookId == lead.PlaybookId, cancellationToken);
        var history = await db.LeadScoreChanges.AsNoTracking().Where(h => h.LeadId == lead.Id).OrderByDescending(h => h.Id).Take(GetLeadHandler.HistoryLimit).ToListAsync(cancellationToken);
        return lead.ToDetailDto(outcomes.OrderBy(o => o.OccurredAt).ThenBy(o => o.Id), score, history);
    }
}
