using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Common.Validation;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Proposals;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Application.Features.Proposals;

/// <summary>
/// Opens a proposal on the current version. Rolling back is this too: send an old version's document, and
/// publishing it makes a new version equal to the old one (versions are never edited).
/// </summary>
[RequiresPermission(Permissions.Proposals.Edit)]
public sealed record CreateProposalCommand(Guid PlaybookId, CreateProposalRequest Request) : ICommand<ProposalDto>;

internal sealed class CreateProposalValidator : AbstractValidator<CreateProposalCommand>
{
    public CreateProposalValidator()
    {
        RuleFor(c => c.Request.Title).NotEmpty().MaximumLength(200).OverridePropertyName("/title");
        RuleFor(c => c.Request.Rationale).MaximumLength(4000).OverridePropertyName("/rationale");
        RuleFor(c => c.Request.Document).MustBeValidPlaybook();
    }
}

internal sealed class CreateProposalHandler(IAppDbContext db, ICurrentUser user, IAuditLog audit, ILiveEvents live, TimeProvider clock)
    : ICommandHandler<CreateProposalCommand, ProposalDto>
{
    public async ValueTask<ProposalDto> Handle(CreateProposalCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequireMember();
        var playbook = await db.Playbooks.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PlaybookId, cancellationToken)
            ?? throw new NotFoundException("Playbook", command.PlaybookId);
        var baseNumber = playbook.CurrentVersionNumber
            ?? throw new ConflictException("playbook.no_version", "This playbook has no published version to propose a change to.");
        var draftJson = command.Request.Document is { } document
            ? PlaybookJson.Serialize(DocumentRules.ParseValidated(document))
            : await db.PlaybookVersions.Where(v => v.PlaybookId == playbook.Id && v.Number == baseNumber)
                .Select(v => v.DocumentJson).FirstAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var proposal = new Proposal
        {
            Id = Guid.CreateVersion7(),
            PlaybookId = playbook.Id,
            Title = command.Request.Title.Trim(),
            Rationale = command.Request.Rationale,
            BaseVersionNumber = baseNumber,
            DraftJson = draftJson,
            AuthorId = actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Proposals.Add(proposal);
        audit.Record("proposal.created", "Proposal", proposal.Id.ToString(),
            after: new { proposal.Title, proposal.BaseVersionNumber, proposal.Status, proposal.Revision });
        live.Publish(new ProposalCreatedData(playbook.Id, proposal.Title, WireName.Of(proposal.Status)), actor.UserId, proposal.Id.ToString(), proposal.Revision);
        await db.SaveChangesAsync(cancellationToken);
        return await ProposalStateReader.DtoAsync(db, proposal.Id, cancellationToken);
    }
}

internal static class ProposalStateReader
{
    public static async Task<ProposalDto> DtoAsync(IAppDbContext db, Guid proposalId, CancellationToken ct) =>
        (await ProposalState.LoadAsync(db, proposalId, tracking: false, ct)).ToDto();
}
