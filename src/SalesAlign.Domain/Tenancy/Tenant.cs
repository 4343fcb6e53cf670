namespace SalesAlign.Domain.Tenancy;

/// <summary>One client company's workspace. Global: it is the thing tenancy is keyed on.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; }

    /// <summary>URL-safe and unique; the <c>{tenant}</c> in <c>/api/v1/t/{tenant}</c>.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    /// <summary>IANA zone id; meetings and KPI periods are cut in the tenant's local time.</summary>
    public required string TimeZone { get; set; }

    public Guid? AgencyId { get; set; }
}

/// <summary>An organisation that manages several tenants. Global.</summary>
public sealed class Agency
{
    public Guid Id { get; set; }

    public required string Name { get; set; }
}
