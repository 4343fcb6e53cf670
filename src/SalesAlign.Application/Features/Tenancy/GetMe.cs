using FluentValidation;
using Mediator;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Application.Features.Tenancy;

/// <summary>The signed-in user, every tenant they can act in, and their agencies.</summary>
[RequiresSignIn]
public sealed record GetMeQuery : IQuery<MeResponse>;

internal sealed class GetMeValidator : AbstractValidator<GetMeQuery>;

internal sealed class GetMeHandler(ICurrentUser user, IUserAccess access) : IQueryHandler<GetMeQuery, MeResponse>
{
    public async ValueTask<MeResponse> Handle(GetMeQuery query, CancellationToken ct)
    {
        var userId = user.UserId ?? throw new ForbiddenException("auth.required", "Sign in first.");
        var info = await access.FindUserAsync(userId, ct) ?? throw new NotFoundException("User", userId);
        var tenants = await access.TenantsOfAsync(userId, ct);
        var agencies = await access.AgenciesOfAsync(userId, ct);
        return new MeResponse(
            new UserDto(info.Id, info.Email, info.DisplayName),
            tenants.Select(t => new MembershipDto(t.Tenant.Slug, t.Tenant.Name, t.Team.Name(), t.Role.Name(), t.ViaAgency)).ToList(),
            agencies.Select(a => new AgencyDto(a.Agency.Id, a.Agency.Name, a.Role.Name(),
                tenants.Where(t => t.Tenant.AgencyId == a.Agency.Id).Select(t => t.Tenant.Slug).ToList())).ToList());
    }
}
