using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Tenancy;
using SalesAlign.Contracts.Security;
using SalesAlign.Contracts.Tenancy;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Application.Features.Members;

/// <summary>Adds an existing user to the tenant by email.</summary>
[RequiresPermission(Permissions.Members.Manage)]
public sealed record AddMemberCommand(AddMemberRequest Request) : ICommand<MemberDto>;

internal sealed class AddMemberValidator : AbstractValidator<AddMemberCommand>
{
    public AddMemberValidator()
    {
        RuleFor(c => c.Request.Email).NotEmpty().EmailAddress().OverridePropertyName("/email").WithErrorCode("member.email_invalid");
        RuleFor(c => c.Request.Team).Must(t => TenancyMapping.TryParseTeam(t, out _)).OverridePropertyName("/team")
            .WithErrorCode("member.team_invalid").WithMessage($"Team is one of {TenancyMapping.TeamNames}.");
        RuleFor(c => c.Request.Role).Must(r => TenancyMapping.TryParseRole(r, out _)).OverridePropertyName("/role")
            .WithErrorCode("member.role_invalid").WithMessage($"Role is one of {TenancyMapping.RoleNames}.");
    }
}

internal sealed class AddMemberHandler(IAppDbContext db, IUserAccess access, IAuditLog audit, ITenantContext tenant, ITenantAccessCache accessCache) : ICommandHandler<AddMemberCommand, MemberDto>
{
    public async ValueTask<MemberDto> Handle(AddMemberCommand command, CancellationToken ct)
    {
        var request = command.Request;
        var user = await access.FindUserByEmailAsync(request.Email, ct) ?? throw new NotFoundException("User", request.Email);
        if (await db.Memberships.AnyAsync(m => m.UserId == user.Id, ct))
            throw new ConflictException("member.exists", $"{user.Email} is already a member; change their role instead.");
        var team = TenancyMapping.ParseTeam(request.Team);
        var role = TenancyMapping.ParseRole(request.Role);
        db.Memberships.Add(new Membership { UserId = user.Id, Team = team, Role = role });
        audit.Record("member.added", "Member", user.Id, after: new { team, role });
        await db.SaveChangesAsync(ct);
        accessCache.Forget(tenant.TenantId!.Value, user.Id);
        return new MemberDto(user.Id, user.Email, user.DisplayName, team.Name(), role.Name(), false);
    }
}
