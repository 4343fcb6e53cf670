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

/// <summary>Changes a member's team and/or role. The last Admin cannot demote themselves away.</summary>
[RequiresPermission(Permissions.Members.Manage)]
public sealed record UpdateMemberCommand(string UserId, UpdateMemberRequest Request) : ICommand<MemberDto>;

internal sealed class UpdateMemberValidator : AbstractValidator<UpdateMemberCommand>
{
    public UpdateMemberValidator()
    {
        RuleFor(c => c.Request).Must(r => r.Team is not null || r.Role is not null).OverridePropertyName("")
            .WithErrorCode("member.nothing_to_change").WithMessage("Send a new team, a new role, or both.");
        RuleFor(c => c.Request.Team).Must(t => t is null || TenancyMapping.TryParseTeam(t, out _)).OverridePropertyName("/team")
            .WithErrorCode("member.team_invalid").WithMessage($"Team is one of {TenancyMapping.TeamNames}.");
        RuleFor(c => c.Request.Role).Must(r => r is null || TenancyMapping.TryParseRole(r, out _)).OverridePropertyName("/role")
            .WithErrorCode("member.role_invalid").WithMessage($"Role is one of {TenancyMapping.RoleNames}.");
    }
}

internal sealed class UpdateMemberHandler(IAppDbContext db, IUserAccess access, IAuditLog audit, ITenantContext tenant, ITenantAccessCache accessCache) : ICommandHandler<UpdateMemberCommand, MemberDto>
{
    public async ValueTask<MemberDto> Handle(UpdateMemberCommand command, CancellationToken ct)
    {
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == command.UserId, ct) ?? throw new NotFoundException("Member", command.UserId);
        var before = new { member.Team, member.Role };
        if (command.Request.Team is { } t && TenancyMapping.TryParseTeam(t, out var team))
            member.Team = team;
        if (command.Request.Role is { } r && TenancyMapping.TryParseRole(r, out var role))
        {
            if (member.Role == MemberRole.Admin && role != MemberRole.Admin
                && !await TenantAdmins.AnotherRemainsAsync(db, tenant.TenantId!.Value, member.UserId, TenantAdmins.Change.Demoted, ct))
                throw new ConflictException("member.last_admin", "A tenant keeps at least one Admin.");
            member.Role = role;
        }
        audit.Record("member.changed", "Member", member.UserId, before, new { member.Team, member.Role });
        await db.SaveChangesAsync(ct);
        accessCache.Forget(tenant.TenantId!.Value, member.UserId);
        var user = await access.FindUserAsync(member.UserId, ct);
        return new MemberDto(member.UserId, user?.Email ?? "", user?.DisplayName ?? "", member.Team.Name(), member.Role.Name(), false);
    }
}
