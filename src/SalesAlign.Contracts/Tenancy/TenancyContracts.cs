namespace SalesAlign.Contracts.Tenancy;

/// <summary>The signed-in user, where they are a member, and the agencies they belong to.</summary>
public sealed record MeResponse(UserDto User, IReadOnlyList<MembershipDto> Memberships, IReadOnlyList<AgencyDto> Agencies);

public sealed record UserDto(string Id, string Email, string DisplayName);

/// <summary>A membership in a tenant; <c>ViaAgency</c> when it flows from an agency role.</summary>
public sealed record MembershipDto(string Tenant, string TenantName, string Team, string Role, bool ViaAgency);

public sealed record AgencyDto(Guid Id, string Name, string Role, IReadOnlyList<string> Tenants);

public sealed record TenantDto(string Slug, string Name, string TimeZone, string? Agency);

/// <summary>Create a tenant; the caller becomes its Admin.</summary>
public sealed record CreateTenantRequest(string Slug, string Name, string TimeZone = "UTC");

/// <summary>A member of a tenant: team ∈ marketing, sales, agency; role ∈ viewer, contributor, approver, admin.</summary>
public sealed record MemberDto(string UserId, string Email, string DisplayName, string Team, string Role, bool ViaAgency);

/// <summary>Add an existing user (by email) to the tenant.</summary>
public sealed record AddMemberRequest(string Email, string Team, string Role);

/// <summary>Change a member's team and/or role.</summary>
public sealed record UpdateMemberRequest(string? Team = null, string? Role = null);
