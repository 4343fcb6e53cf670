using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Tenancy;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Application.Features.Tenancy;

/// <summary>Creates a tenant; the caller becomes its Admin.</summary>
[RequiresSignIn]
public sealed record CreateTenantCommand(CreateTenantRequest Request) : ICommand<TenantDto>;

internal sealed class CreateTenantValidator : AbstractValidator<CreateTenantCommand>
{
    public CreateTenantValidator()
    {
        RuleFor(c => c.Request.Slug).NotEmpty().Matches("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
            .OverridePropertyName("/slug").WithErrorCode("tenant.slug_invalid")
            .WithMessage("A slug is 1–40 lowercase letters, digits and inner hyphens (it appears in URLs).");
        RuleFor(c => c.Request.Name).NotEmpty().MaximumLength(200).OverridePropertyName("/name").WithErrorCode("tenant.name_invalid");
        RuleFor(c => c.Request.TimeZone).Must(BeATimeZone).OverridePropertyName("/timeZone").WithErrorCode("tenant.time_zone_unknown")
            .WithMessage(c => $"'{c.Request.TimeZone}' is not a known IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).");
    }

    private static bool BeATimeZone(string zone) => TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);
}

internal sealed class CreateTenantHandler(ICurrentUser user, ITenantContext tenantContext, IAppDbContext db, IAuditLog audit) : ICommandHandler<CreateTenantCommand, TenantDto>
{
    public async ValueTask<TenantDto> Handle(CreateTenantCommand command, CancellationToken ct)
    {
        var userId = user.UserId ?? throw new ForbiddenException("auth.required", "Sign in first.");
        var request = command.Request;
        if (await db.Tenants.AnyAsync(t => t.Slug == request.Slug, ct))
            throw new ConflictException("tenant.slug_taken", $"The slug '{request.Slug}' is taken.");

        var tenant = new Tenant { Id = Guid.NewGuid(), Slug = request.Slug, Name = request.Name.Trim(), TimeZone = request.TimeZone };
        db.Tenants.Add(tenant);
        tenantContext.Enter(tenant.Id, tenant.Slug);
        db.Memberships.Add(new Membership { TenantId = tenant.Id, UserId = userId, Team = MemberTeam.Marketing, Role = MemberRole.Admin });
        audit.Record("tenant.created", "Tenant", tenant.Slug, after: new { tenant.Name, tenant.TimeZone, admin = userId });
        await db.SaveChangesAsync(ct);
        return new TenantDto(tenant.Slug, tenant.Name, tenant.TimeZone, null);
    }
}
