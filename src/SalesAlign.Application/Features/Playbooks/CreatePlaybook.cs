using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Common.Validation;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Application.Features.Playbooks;

/// <summary>A new playbook whose first document is published as v1 at once, by the caller.</summary>
[RequiresPermission(Permissions.Playbooks.Create)]
public sealed record CreatePlaybookCommand(CreatePlaybookRequest Request) : ICommand<PlaybookDto>;

internal sealed class CreatePlaybookValidator : AbstractValidator<CreatePlaybookCommand>
{
    public CreatePlaybookValidator()
    {
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(200).OverridePropertyName("/name");
        RuleFor(c => (System.Text.Json.JsonElement?)c.Request.Document).MustBeValidPlaybook();
    }
}

internal sealed class CreatePlaybookHandler(IAppDbContext db, ICurrentUser user, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<CreatePlaybookCommand, PlaybookDto>
{
    public async ValueTask<PlaybookDto> Handle(CreatePlaybookCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequireMember();
        var name = command.Request.Name.Trim();
        if (await db.Playbooks.AnyAsync(p => p.Name == name, cancellationToken))
            throw new ConflictException("playbook.name_taken", $"This tenant already has a playbook named '{name}'.");

        var document = DocumentRules.ParseValidated(command.Request.Document);
        var playbook = Playbook.Create(Guid.CreateVersion7(), name);
        var version = new PlaybookVersion
        {
            PlaybookId = playbook.Id,
            Number = 1,
            DocumentJson = PlaybookJson.Serialize(document),
            ContentHash = PlaybookJson.ContentHash(document),
            PublishedAt = clock.GetUtcNow(),
            PublishedBy = actor.UserId,
            ChangeSummary = "First version",
        };
        db.Playbooks.Add(playbook);
        db.PlaybookVersions.Add(version);
        audit.Record("playbook.created", "Playbook", playbook.Id.ToString(), after: new { playbook.Name, Version = 1, version.ContentHash });
        await db.SaveChangesAsync(cancellationToken);
        return new PlaybookDto(playbook.Id, playbook.Name, playbook.Revision, version.ToDto());
    }
}
