namespace SalesAlign.Domain.Tenancy;

// Not named Team: SalesAlign.Domain.Playbooks.Team (the two sides of an agreement) has no Agency member.
public enum MemberTeam { Marketing, Sales, Agency }

public enum MemberRole { Viewer, Contributor, Approver, Admin }

/// <summary>A user's role in one tenant.</summary>
public sealed class Membership : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string UserId { get; set; }

    public MemberTeam Team { get; set; }

    public MemberRole Role { get; set; }
}

/// <summary>A user's role on an agency, which applies to every tenant the agency manages. Global.</summary>
public sealed class AgencyMembership
{
    public Guid AgencyId { get; set; }

    public required string UserId { get; set; }

    public MemberRole Role { get; set; }
}
