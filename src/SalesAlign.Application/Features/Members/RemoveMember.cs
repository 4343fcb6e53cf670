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

/// <summary>Removes a member. The last Admin cannot be removed (agency Admins count: see <see cref="TenantAdmins"/>).</summary>
[RequiresPermission(Permissions.Members.Manage)]
public sealed record RemoveMemberCommand(string UserId) : ICommand<Unit>;

internal sealed class RemoveMemberValidator : AbstractValidator<RemoveMemberCommand>;

internal sealed class RemoveMemberHandler(IAppDbContext db, IAuditLog audit, ITenantContext tenant, ITenantAccessCache accessCache) : ICommandHandler<RemoveMemberCommand, Unit>
{
    public async ValueTask<Unit> Handle(RemoveMemberCommand command, CancellationToken ct)
    {
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == command.UserId, ct) ?? throw new NotFoundException("Member", command.UserId);
        if (member.Role == MemberRole.Admin && !await TenantAdmins.AnotherRemainsAsync(db, tenant.TenantId!.Value, member.UserId, TenantAdmins.Change.Removed, ct))
            throw new ConflictException("member.last_admin", "A tenant keeps at least one Admin.");
        db.Memberships.Remove(member);
        audit.Record("member.removed", "Member", member.UserId, before: new { member.Team, member.Role });
        await db.SaveChangesAsync(ct);
        accessCache.Forget(tenant.TenantId!.Value, member.UserId);
        return Unit.Value;
    }
}
